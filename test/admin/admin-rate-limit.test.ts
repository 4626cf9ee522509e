// Admin routes are rate limited per client, and a wrong or missing token costs more than a request,
// so guessing the token meets 429 after a few tries instead of never (2,400 in a row, before).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdminJob, DocumentAdmin } from "../../src/admin/document-admin.ts";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import { readOperationsConfig } from "../../src/entry/operations-config.ts";
import { createPrometheusMetrics } from "../../src/observe/prometheus-metrics.ts";

const TOKEN = "test-admin-token-0123456789abcdef";
const silentLogger = { error: () => undefined };

/** Remembers nothing, answers every job id: enough to see the limits, which act before any change. */
const idleAdmin: DocumentAdmin = {
  submit: async (change) => ({ id: "job-1", kind: change.kind, docId: change.docId, status: "queued", submittedAt: "" }) satisfies AdminJob,
  job: (id) => ({ id, kind: "upsert", docId: "x", status: "live", submittedAt: "" }),
};

function adminApp(options: { perMinute: number }) {
  const metrics = createPrometheusMetrics({ defaultMetrics: false });
  const app = createApp({
    engines: new EngineHolder(),
    logger: silentLogger,
    metrics,
    clientAddress: (context) => context.req.header("x-test-client"),
    admin: { documents: idleAdmin, token: TOKEN, rateLimit: { perMinute: options.perMinute } },
  } as Parameters<typeof createApp>[0]);
  const poll = (token: string, client = "203.0.113.7") =>
    app.request("/admin/jobs/job-1", { headers: { Authorization: `Bearer ${token}`, "x-test-client": client } });
  return { app, metrics, poll };
}

describe("admin rate limit", () => {
  // The buckets refill with the clock: hold it still so the counts are exact however slow the machine.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers 429 with Retry-After after repeated wrong tokens, and then refuses the right token from that client too", async () => {
    const { poll, metrics } = adminApp({ perMinute: 120 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) statuses.push((await poll("wrong-token-guess-000000")).status);
    // 120 a minute, a failure costs 10: twelve 401s, then 429s.
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(401));
    expect(new Set(statuses.slice(12))).toEqual(new Set([429]));
    const locked = await poll(TOKEN);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await locked.json()).toMatchObject({ error: { code: "rate_limited" } });
    // Other clients are not affected.
    expect((await poll(TOKEN, "198.51.100.1")).status).toBe(200);
    const exposition = (await metrics.render()).body;
    expect(exposition).toMatch(/xiperu_rate_limited_total\{route="\/admin"\} 29/);
  });

  it("lets a client with the right token make its budget of requests, then 429", async () => {
    const { poll } = adminApp({ perMinute: 30 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 31; attempt += 1) statuses.push((await poll(TOKEN)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses[30]).toBe(429);
  });

  it("is read from ADMIN_RATE_LIMIT_PER_MINUTE (default 120; 0 turns it off)", () => {
    expect(readOperationsConfig({}).adminRateLimitPerMinute).toBe(120);
    expect(readOperationsConfig({ ADMIN_RATE_LIMIT_PER_MINUTE: "0" }).adminRateLimitPerMinute).toBe(0);
    expect(() => readOperationsConfig({ ADMIN_RATE_LIMIT_PER_MINUTE: "many" })).toThrow(/ADMIN_RATE_LIMIT_PER_MINUTE/);
  });
});
