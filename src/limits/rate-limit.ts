import type { Context, MiddlewareHandler } from "hono";
import { RateLimitedError } from "../errors.ts";
import type { Metrics } from "../observe/metrics.ts";
import type { RateLimiter } from "./token-bucket.ts";

/** Finds who is calling: the runtime knows the peer address and which proxies to believe. */
export type ClientAddress = (context: Context) => string | undefined;

/**
 * Refuses a client past its budget with 429 `rate_limited` and `Retry-After`. CORS preflights are
 * not counted: the browser sends them on its own. Callers whose address is unknown share a bucket.
 */
export function rateLimit(options: {
  limiter: RateLimiter;
  clientAddress?: ClientAddress;
  metrics?: Metrics;
  route: string;
}): MiddlewareHandler {
  const { limiter, clientAddress, metrics, route } = options;
  return async (context, next) => {
    if (context.req.method === "OPTIONS") return next();
    const verdict = limiter.take(clientAddress?.(context) ?? "unknown");
    if (!verdict.allowed) {
      metrics?.recordRateLimited(route);
      throw new RateLimitedError(verdict.retryAfterSeconds);
    }
    return next();
  };
}
