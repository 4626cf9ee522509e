import type { Context } from "hono";
import type { Logger } from "./observe/logger.ts";

/**
 * Work that runs after the response is sent. Node queues it in-process; a Worker hands it to the
 * request's `executionCtx.waitUntil`, which is why the request context is passed along.
 */
export type Defer = (task: () => Promise<void>, context: Context) => void;

/**
 * A bounded in-process queue for deferred work (Node). Runs a few tasks at a time, logs failures
 * instead of crashing, and refuses (with a log line) rather than growing without limit.
 */
export class BackgroundTasks {
  readonly #logger: Logger;
  readonly #concurrency: number;
  readonly #maxQueued: number;
  readonly #queue: Array<() => Promise<void>> = [];
  #running = 0;
  #idleWaiters: Array<() => void> = [];

  constructor(options: { logger: Logger; concurrency?: number; maxQueued?: number }) {
    this.#logger = options.logger;
    this.#concurrency = options.concurrency ?? 4;
    this.#maxQueued = options.maxQueued ?? 1000;
  }

  readonly defer: Defer = (task) => {
    if (this.#queue.length >= this.#maxQueued) {
      this.#logger.error("background queue full; task dropped", { queued: this.#queue.length });
      return;
    }
    this.#queue.push(task);
    this.#pump();
  };

  /** Resolves once nothing is queued or running (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.#running === 0 && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.#concurrency) {
      const task = this.#queue.shift();
      if (!task) break;
      this.#running++;
      // Started on a later turn of the event loop, so the acknowledgement is written before the
      // answer's synchronous work (tokenising, scoring) begins. A task that throws synchronously is
      // still caught: it runs inside the promise chain.
      new Promise<void>((resolve) => setTimeout(resolve, 0))
        .then(task)
        .catch((error: unknown) => {
          this.#logger.error("background task failed", describeError(error));
        })
        .finally(() => {
          this.#running--;
          this.#pump();
          if (this.#running === 0 && this.#queue.length === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
        });
    }
  }
}

/** Message and code only: error objects from HTTP clients can carry request headers. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return { error: error.message, ...(typeof code === "string" ? { code } : {}) };
}
