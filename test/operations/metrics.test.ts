import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import type { FeedbackStore } from "../../src/feedback/feedback-store.ts";
import { createPrometheusMetrics } from "../../src/observe/prometheus-metrics.ts";
import { groundedAnswer, scriptedEngine } from "../helpers/scripted-engine.ts";

const silentLogger = { error: () => undefined };
const memoryFeedback: FeedbackStore = { append: async () => undefined };

/** The value of one sample line, e.g. `xiperu_answers_total{outcome="abstained"}`. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function post(app: ReturnType<typeof createApp>, path: string, body: unknown) {
  return app.request(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

describe("GET /metrics", () => {
  it("reports requests by route and status, answer timings and outcomes, feedback, rate limiting, index size and model load time", async () => {
    const metrics = createPrometheusMetrics({ defaultMetrics: false });
    const engines = new EngineHolder();
    const abstention = { ...groundedAnswer([]), grounded: false, answer: "The sources do not say." };
    engines.set(
      scriptedEngine({ answer: (request) => (request.question.includes("weather") ? abstention : groundedAnswer(["Trade will grow."])) }),
    );
    const app = createApp({ engines, logger: silentLogger, metrics, feedback: memoryFeedback, rateLimit: { perMinute: 60, burst: 4 } });
    metrics.setModelLoadSeconds(0.42);

    await post(app, "/ask", { question: "Will trade grow?" });
    await post(app, "/ask", { question: "What is the weather?" });
    await post(app, "/ask", { question: "" });
    await post(app, "/feedback", { rating: "down", question: "What is the weather?", answer: "The sources do not say." });
    expect((await post(app, "/ask", { question: "Again?" })).status).toBe(429);
    await app.request("/documents/port-news");
    await app.request("/documents/no-such-document");
    await app.request("/no/such/route/123");

    const response = await app.request("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const requests = (labels: string) => sample(text, `xiperu_http_requests_total{${labels}}`);
    expect(requests('route="/ask",method="POST",status="200"')).toBe(2);
    expect(requests('route="/ask",method="POST",status="400"')).toBe(1);
    expect(requests('route="/ask",method="POST",status="429"')).toBe(1);
    expect(requests('route="/feedback",method="POST",status="201"')).toBe(1);
    // Route patterns, not raw paths: label values stay bounded whatever clients send.
    expect(requests('route="/documents/:docId",method="GET",status="200"')).toBe(1);
    expect(requests('route="/documents/:docId",method="GET",status="404"')).toBe(1);
    expect(requests('route="unmatched",method="GET",status="404"')).toBe(1);
    expect(text).not.toContain("no-such-document");
    expect(sample(text, 'xiperu_http_request_duration_seconds_count{route="/ask",method="POST",status="200"}')).toBe(2);
    expect(sample(text, 'xiperu_answers_total{outcome="grounded"}')).toBe(1);
    expect(sample(text, 'xiperu_answers_total{outcome="abstained"}')).toBe(1);
    expect(sample(text, 'xiperu_answer_phase_duration_seconds_count{phase="embed"}')).toBe(2);
    expect(sample(text, 'xiperu_answer_phase_duration_seconds_count{phase="total"}')).toBe(2);
    expect(sample(text, 'xiperu_feedback_total{rating="down"}')).toBe(1);
    expect(sample(text, 'xiperu_rate_limited_total{route="/ask"}')).toBe(1);
    expect(sample(text, "xiperu_index_documents")).toBe(1);
    expect(sample(text, "xiperu_index_chunks")).toBe(1);
    expect(sample(text, "xiperu_model_load_seconds")).toBe(0.42);
  });

  it("includes process metrics, and wants the bearer token when METRICS_TOKEN is set", async () => {
    const token = "metrics-token-0123456789";
    const app = createApp({ engines: new EngineHolder(), logger: silentLogger, metrics: createPrometheusMetrics(), metricsToken: token });
    const refused = await app.request("/metrics");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    const allowed = await app.request("/metrics", { headers: { Authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^xiperu_process_resident_memory_bytes \d+/m);
  });

  it("is absent without a Metrics implementation (as in the Worker)", async () => {
    const app = createApp({ engines: new EngineHolder(), logger: silentLogger });
    expect((await app.request("/metrics")).status).toBe(404);
  });
});
