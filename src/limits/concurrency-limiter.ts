import { OverloadedError } from "../errors.ts";

/**
 * Bounds work running at once (embedding is CPU-bound: more in flight only adds memory and
 * latency). Past `maxConcurrent`, callers wait in a FIFO queue; when the queue is full or a caller
 * has waited `maxWaitMs`, it is refused with 503 `overloaded` instead of piling up.
 */
export interface ConcurrencyLimiter {
  run<T>(task: () => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  readonly active: number;
  readonly queued: number;
}

export interface ConcurrencySettings {
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  readonly maxWaitMs: number;
}

export const DEFAULT_CONCURRENCY: ConcurrencySettings = { maxConcurrent: 4, maxQueue: 256, maxWaitMs: 5_000 };

interface Waiter {
  start(): void;
  fail(error: unknown): void;
}

export function createConcurrencyLimiter(settings: ConcurrencySettings = DEFAULT_CONCURRENCY, onShed?: () => void): ConcurrencyLimiter {
  const { maxConcurrent, maxQueue, maxWaitMs } = settings;
  let active = 0;
  const queue: Waiter[] = [];

  const shed = (): OverloadedError => {
    onShed?.();
    return new OverloadedError();
  };

  const release = () => {
    active -= 1;
    const next = queue.shift();
    if (next) next.start();
  };

  const acquire = (signal: AbortSignal | undefined): Promise<void> => {
    if (active < maxConcurrent) {
      active += 1;
      return Promise.resolve();
    }
    if (queue.length >= maxQueue) return Promise.reject(shed());
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
      };
      const onAbort = () => {
        leave();
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        start() {
          leave();
          active += 1;
          resolve();
        },
        fail(error) {
          leave();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(shed()), maxWaitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(waiter);
    });
  };

  return {
    async run(task, options = {}) {
      options.signal?.throwIfAborted();
      await acquire(options.signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
  };
}
