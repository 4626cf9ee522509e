import type { MiddlewareHandler } from "hono";
import { RequestTimeoutError } from "../errors.ts";

/**
 * Answers 504 `timeout` when a handler has not produced its response within `timeoutMs`. It bounds
 * the time to response headers (slow uploads, long queues); a streaming body (SSE) started in time
 * is not cut off.
 */
export function requestTimeout(timeoutMs: number): MiddlewareHandler {
  return async (_context, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeoutError(timeoutMs)), timeoutMs);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
