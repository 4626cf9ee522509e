import { describe, expect, it } from "vitest";
import { createTokenBucketLimiter } from "../../src/limits/token-bucket.ts";

describe("token bucket rate limiter", () => {
  it("allows a burst, refuses the next request and says when to retry", () => {
    let time = 0;
    const limiter = createTokenBucketLimiter({ perMinute: 60, burst: 3, now: () => time });
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    const refused = limiter.take("a");
    expect(refused.allowed).toBe(false);
    // 60 per minute is one token a second; the bucket is empty, so one second.
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeCloseTo(1, 5);
    time = 1_000;
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("charges extra tokens into debt, which the client waits out before its next request", () => {
    let time = 0;
    const limiter = createTokenBucketLimiter({ perMinute: 60, burst: 3, now: () => time });
    expect(limiter.take("a").allowed).toBe(true);
    limiter.charge("a", 5);
    const refused = limiter.take("a");
    // 3 - 1 - 5 = -3 tokens: four seconds to the next whole token.
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeCloseTo(4, 5);
    time = 4_000;
    expect(limiter.take("a").allowed).toBe(true);
  });

  it("keeps clients apart and refills no further than the burst", () => {
    let time = 0;
    const limiter = createTokenBucketLimiter({ perMinute: 120, burst: 2, now: () => time });
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
    time = 3_600_000;
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, false]);
  });

  it("defaults the burst to the per-minute rate", () => {
    const limiter = createTokenBucketLimiter({ perMinute: 120, now: () => 0 });
    const results = Array.from({ length: 121 }, () => limiter.take("a").allowed);
    expect(results.filter(Boolean)).toHaveLength(120);
    expect(results[120]).toBe(false);
  });

  it("forgets the least recently seen client past maxClients", () => {
    const limiter = createTokenBucketLimiter({ perMinute: 60, burst: 1, maxClients: 2, now: () => 0 });
    limiter.take("a");
    limiter.take("b");
    limiter.take("a");
    limiter.take("c");
    // b was least recently seen: forgotten, so it starts with a full bucket again; a is remembered.
    expect(limiter.take("b").allowed).toBe(true);
    expect(limiter.take("c").allowed).toBe(false);
  });
});
