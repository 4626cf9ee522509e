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
  /** Stops its timeout and abort listener: it has been given a slot. */
  detach(): void;
  start(): void;
  fail(error: unknown): void;
}

export function createConcurrencyLimiter(settings: ConcurrencySettings = DEFAULT_CONCURRENCY, onShed?: () => void): ConcurrencyLimiter {
  const { maxConcurrent, maxQueue, maxWaitMs } = settings;
  let active = 0;
  const queue: Waiter[] = [];
  /** Waiters past `maxWaitMs`, shed one per event-loop turn (see expire). */
  const expired: Waiter[] = [];

  const shed = (): OverloadedError => {
    onShed?.();
    return new OverloadedError();
  };

  const release = () => {
    const next = queue.shift();
    if (!next) {
      active -= 1;
      return;
    }
    // The slot passes straight to the next waiter (no newcomer can jump the queue), but only after
    // the event loop has had a turn: retrieval and quote selection run synchronously, and starting
    // the next one at once would keep the loop from reading new requests and flushing finished answers.
    next.detach();
    yieldToEventLoop(() => next.start());
  };

  const shedExpired = () => {
    const waiter = expired.shift();
    // One that got a slot or gave up meanwhile has left the queue: nothing to shed.
    if (waiter && queue.includes(waiter)) waiter.fail(shed());
    if (expired.length > 0) yieldToEventLoop(shedExpired);
  };

  /**
   * Waiters that came in a burst time out together, and Node runs all due timers in one go: shed
   * at once, a hundred 503s would hold the event loop (and /healthz) for their whole rendering.
   * One per turn lets I/O in between. A waiter given a slot meanwhile is served instead.
   */
  const expire = (waiter: Waiter) => {
    expired.push(waiter);
    if (expired.length === 1) yieldToEventLoop(shedExpired);
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
        detach: leave,
        start: resolve,
        fail(error) {
          leave();
          reject(error);
        },
      };
      const timer = setTimeout(() => expire(waiter), maxWaitMs);
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

function yieldToEventLoop(callback: () => void): void {
  // setImmediate runs after pending I/O in Node; runtimes without it get a zero timeout.
  if (typeof setImmediate === "function") setImmediate(callback);
  else setTimeout(callback, 0);
}
