/**
 * Per-client token buckets: each client holds up to `burst` tokens, refilled continuously at
 * `perMinute` per minute; a request takes one. Memory is bounded: past `maxClients` the least
 * recently seen client is forgotten (it comes back with a full bucket, which only errs towards
 * letting a request through).
 */
export interface RateLimiter {
  take(client: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

export interface RateLimitSettings {
  /** Sustained requests per minute per client; 0 turns limiting off. */
  readonly perMinute: number;
  /** Requests a client may make at once after being idle; defaults to `perMinute`. */
  readonly burst?: number;
}

/** A limiter that can also charge a client extra, e.g. for a failed login: the balance may go below zero. */
export interface ChargingRateLimiter extends RateLimiter {
  charge(client: string, tokens: number): void;
}

export function createTokenBucketLimiter(options: RateLimitSettings & { maxClients?: number; now?: () => number }): ChargingRateLimiter {
  const { perMinute, maxClients = 10_000, now = () => Date.now() } = options;
  const burst = Math.max(1, options.burst ?? perMinute);
  const perMillisecond = perMinute / 60_000;
  // Map iteration order is insertion order: re-inserting on each use keeps it least-recent first.
  const buckets = new Map<string, { tokens: number; updated: number }>();
  /** The client's bucket, refilled up to now and moved to the most recently seen end. */
  const refilled = (client: string) => {
    const time = now();
    const bucket = buckets.get(client) ?? { tokens: burst, updated: time };
    buckets.delete(client);
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, time - bucket.updated) * perMillisecond);
    bucket.updated = time;
    buckets.set(client, bucket);
    if (buckets.size > maxClients) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    return bucket;
  };
  return {
    charge(client, tokens) {
      refilled(client).tokens -= tokens;
    },
    take(client) {
      const bucket = refilled(client);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: (1 - bucket.tokens) / perMillisecond / 1000 };
    },
  };
}
