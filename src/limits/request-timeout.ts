import type { MiddlewareHandler } from "hono";
import { RequestTimeoutError } from "../errors.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Aborts when the request timeout answers 504, so work still queued for the request leaves the queue. */
    deadline: AbortSignal;
  }
}

/**
 * Answers 504 `timeout` when a handler has not produced its response within `timeoutMs`. It bounds
 * the time to response headers (slow uploads, long queues); a streaming body (SSE) started in time
 * is not cut off.
 */
export function requestTimeout(timeoutMs: number): MiddlewareHandler {
  return async (context, next) => {
    const deadline = new AbortController();
    context.set("deadline", deadline.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new RequestTimeoutError(timeoutMs);
        deadline.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
