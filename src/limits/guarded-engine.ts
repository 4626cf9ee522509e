import type { Answerer } from "../answer/types.ts";
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
      const answerer: Answerer = {
        async ask(request, askOptions) {
          const response = await limiter.run(() => inner.ask(request, askOptions), { signal: askOptions?.signal });
          metrics?.recordAnswer({ grounded: response.grounded, timings: response.timings });
          return response;
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
