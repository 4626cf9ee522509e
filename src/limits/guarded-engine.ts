import type { Answerer } from "../answer/types.ts";
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
      const answerer: Answerer = {
        async ask(request, askOptions) {
          const queued = now();
          let started: number | undefined;
          const recordWait = (until: number) => metrics?.recordQueueWait({ queue: "answers", seconds: (until - queued) / 1000 });
          try {
            const response = await limiter.run(
              () => {
                started = now();
                recordWait(started);
                return inner.ask(request, askOptions);
              },
              { signal: askOptions?.signal },
            );
            const timings = { ...response.timings, queueMs: round((started ?? queued) - queued) };
            metrics?.recordAnswer({ grounded: response.grounded, timings });
            return { ...response, timings };
          } catch (error) {
            if (started === undefined) recordWait(now());
            throw error;
          }
        },
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

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
