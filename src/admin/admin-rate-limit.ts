import type { MiddlewareHandler } from "hono";
import { RateLimitedError } from "../errors.ts";
import type { ClientAddress } from "../limits/rate-limit.ts";
import { createTokenBucketLimiter, type RateLimitSettings } from "../limits/token-bucket.ts";
import type { Metrics } from "../observe/metrics.ts";

/** A wrong or missing token costs this many requests: at 120 a minute, 12 guesses, then one every 5 s. */
export const FAILED_AUTH_COST = 10;

/**
 * Per-client budget on `/admin/*`, checked before the token, so a client that keeps guessing is
 * refused with 429 `rate_limited` (and `Retry-After`) whatever it sends next, until it has waited.
 */
export function adminRateLimit(options: {
  settings: RateLimitSettings;
  clientAddress?: ClientAddress;
  metrics?: Metrics;
}): MiddlewareHandler {
  const { clientAddress, metrics } = options;
  const limiter = createTokenBucketLimiter(options.settings);
  return async (context, next) => {
    const client = clientAddress?.(context) ?? "unknown";
    const verdict = limiter.take(client);
    if (!verdict.allowed) {
      metrics?.recordRateLimited("/admin");
      throw new RateLimitedError(verdict.retryAfterSeconds);
    }
    await next();
    if (context.res.status === 401) limiter.charge(client, FAILED_AUTH_COST - 1);
  };
}
