import type { AnswerEvent, Answerer, AskRequest, AskResponse } from "../answer/types.ts";
import type { Engine } from "../engine.ts";
import type { Metrics } from "../observe/metrics.ts";
import type { ConcurrencyLimiter } from "./concurrency-limiter.ts";

/**
 * The engine the routes see: answers go through the concurrency limiter and are recorded in the
 * metrics. One wrapper per engine (cached), so swapping engines swaps wrappers too.
 */
export function createEngineGuard(options: { limiter: ConcurrencyLimiter; metrics?: Metrics }): (engine: Engine) => Engine {
  const { limiter, metrics } = options;
  const guarded = new WeakMap<Engine, Engine>();
  return (engine) => {
    let wrapper = guarded.get(engine);
    if (!wrapper) {
      const inner = engine.answerer;
      const record = (response: AskResponse) => {
        metrics?.recordAnswer({ grounded: response.grounded, timings: response.timings });
        if (response.writer) metrics?.recordWriter({ writer: response.writer, timings: response.timings });
      };
      const answerer: Answerer = {
        async ask(request, askOptions) {
          const response = await limiter.run(() => inner.ask(request, askOptions), { signal: askOptions?.signal });
          record(response);
          return response;
        },
        ...(inner.stream ? { stream: (request, askOptions) => guardedStream({ inner, request, askOptions, limiter, record }) } : {}),
      };
      wrapper = {
        answerer,
        getDocument: (docId) => engine.getDocument(docId),
        listDocuments: () => engine.listDocuments(),
        describe: () => engine.describe(),
      };
      guarded.set(engine, wrapper);
    }
    return wrapper;
  };
}

/**
 * A streamed answer holds its place in the limiter from its first event to its last: a writer
 * streaming for seconds is as much work in flight as an `ask`.
 */
async function* guardedStream(options: {
  inner: Answerer;
  request: AskRequest;
  askOptions: { signal?: AbortSignal } | undefined;
  limiter: ConcurrencyLimiter;
  record: (response: AskResponse) => void;
}): AsyncGenerator<AnswerEvent> {
  const { inner, request, askOptions, limiter, record } = options;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let admitted: () => void = () => undefined;
  const entered = new Promise<void>((resolve) => {
    admitted = resolve;
  });
  const slot = limiter.run(
    () => {
      admitted();
      return released;
    },
    { signal: askOptions?.signal },
  );
  await Promise.race([entered, slot]);
  try {
    for await (const event of (inner.stream as NonNullable<Answerer["stream"]>)(request, askOptions)) {
      if (event.type === "end") record(event.response);
      yield event;
    }
  } finally {
    release();
    await slot.catch(() => undefined);
  }
}
