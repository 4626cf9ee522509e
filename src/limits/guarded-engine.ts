import type { AnswerEvent, Answerer, AskRequest, AskResponse } from "../answer/types.ts";
import type { Engine } from "../engine.ts";
import type { Metrics } from "../observe/metrics.ts";
import type { ConcurrencyLimiter } from "./concurrency-limiter.ts";

/**
 * The engine the routes see: answers go through the concurrency limiter and are recorded in the
 * metrics, with the time each waited for its slot (`timings.queueMs`, also when it was shed or
 * gave up), so a queue shows in logs and metrics instead of hiding in the totals. One wrapper per
 * engine (cached), so swapping engines swaps wrappers too.
 */
export function createEngineGuard(options: {
  limiter: ConcurrencyLimiter;
  metrics?: Metrics;
  now?: () => number;
}): (engine: Engine) => Engine {
  const { limiter, metrics, now = () => performance.now() } = options;
  const guarded = new WeakMap<Engine, Engine>();
  return (engine) => {
    let wrapper = guarded.get(engine);
    if (!wrapper) {
      const inner = engine.answerer;
      const admission = (): Admission => {
        const queued = now();
        let started: number | undefined;
        const recordWait = (until: number) => metrics?.recordQueueWait({ queue: "answers", seconds: (until - queued) / 1000 });
        return {
          start: () => {
            started = now();
            recordWait(started);
          },
          settle: (response) => {
            const timings = { ...response.timings, queueMs: round((started ?? queued) - queued) };
            metrics?.recordAnswer({ grounded: response.grounded, timings });
            if (response.writer) metrics?.recordWriter({ writer: response.writer, timings });
            return { ...response, timings };
          },
          abandon: () => {
            if (started === undefined) recordWait(now());
          },
        };
      };
      const answerer: Answerer = {
        async ask(request, askOptions) {
          const admitted = admission();
          try {
            const response = await limiter.run(
              () => {
                admitted.start();
                return inner.ask(request, askOptions);
              },
              { signal: askOptions?.signal },
            );
            return admitted.settle(response);
          } catch (error) {
            admitted.abandon();
            throw error;
          }
        },
        ...(inner.stream
          ? { stream: (request, askOptions) => guardedStream({ inner, request, askOptions, limiter, admitted: admission() }) }
          : {}),
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

/** One answer's passage through the limiter: when it got its slot, and what is recorded at its end. */
interface Admission {
  start(): void;
  settle(response: AskResponse): AskResponse;
  abandon(): void;
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
  admitted: Admission;
}): AsyncGenerator<AnswerEvent> {
  const { inner, request, askOptions, limiter, admitted } = options;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let enter: () => void = () => undefined;
  const entered = new Promise<void>((resolve) => {
    enter = resolve;
  });
  const slot = limiter.run(
    () => {
      admitted.start();
      enter();
      return released;
    },
    { signal: askOptions?.signal },
  );
  try {
    await Promise.race([entered, slot]);
  } catch (error) {
    admitted.abandon();
    throw error;
  }
  try {
    for await (const event of (inner.stream as NonNullable<Answerer["stream"]>)(request, askOptions)) {
      yield event.type === "end" ? { ...event, response: admitted.settle(event.response) } : event;
    }
  } finally {
    release();
    await slot.catch(() => undefined);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
