import { describe, expect, it } from "vitest";
import { type AppDeps, createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import type { FeedbackStore } from "../../src/feedback/feedback-store.ts";
import type { Logger } from "../../src/observe/logger.ts";
import { groundedAnswer, scriptedEngine } from "../helpers/scripted-engine.ts";

const ANSWER = groundedAnswer(["Chancay Port opens on Thursday."]);

function capturingLogger() {
  const lines: { level: string; message: string; details: Record<string, unknown> }[] = [];
  const make = (bindings: Record<string, unknown>): Logger => ({
    error: (message, details) => lines.push({ level: "error", message, details: { ...bindings, ...details } }),
    warn: (message, details) => lines.push({ level: "warn", message, details: { ...bindings, ...details } }),
    info: (message, details) => lines.push({ level: "info", message, details: { ...bindings, ...details } }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return { logger: make({}), lines };
}

const memoryFeedback: FeedbackStore = { append: async () => undefined };

function appWith(deps: Partial<AppDeps> & { answer?: Parameters<typeof scriptedEngine>[0]["answer"] } = {}) {
  const engines = new EngineHolder();
  engines.set(scriptedEngine({ answer: deps.answer ?? (() => ANSWER) }));
  const { logger } = capturingLogger();
  return createApp({ engines, logger, feedback: memoryFeedback, ...deps });
}

function ask(app: ReturnType<typeof createApp>, headers: Record<string, string> = {}) {
  return app.request("/ask", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ question: "When?" }),
  });
}

describe("rate limit", () => {
  const clientAddress: AppDeps["clientAddress"] = (context) => context.req.header("x-test-client");

  it("refuses a client past its budget with 429 rate_limited and Retry-After, per client and per route family", async () => {
    const app = appWith({ rateLimit: { perMinute: 60, burst: 2 }, clientAddress });
    const client = { "x-test-client": "198.51.100.1" };
    expect((await ask(app, client)).status).toBe(200);
    expect((await ask(app, client)).status).toBe(200);
    const refused = await ask(app, client);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
    const feedback = await app.request("/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...client },
      body: "{}",
    });
    expect(feedback.status).toBe(429);
    expect((await ask(app, { "x-test-client": "198.51.100.2" })).status).toBe(200);
    // Health, documents and metrics are not limited.
    expect((await app.request("/healthz", { headers: client })).status).toBe(200);
    expect((await app.request("/documents", { headers: client })).status).toBe(200);
  });

  it("is off unless configured, and off at 0 per minute", async () => {
    for (const app of [appWith(), appWith({ rateLimit: { perMinute: 0 } })]) {
      const statuses = await Promise.all(Array.from({ length: 200 }, async () => (await ask(app)).status));
      expect(new Set(statuses)).toEqual(new Set([200]));
    }
  });

  it("does not count CORS preflights", async () => {
    const app = appWith({ rateLimit: { perMinute: 60, burst: 1 }, clientAddress });
    const client = { "x-test-client": "198.51.100.3" };
    for (let index = 0; index < 3; index += 1) {
      const preflight = await app.request("/ask", {
        method: "OPTIONS",
        headers: { ...client, Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST" },
      });
      expect(preflight.status).toBeLessThan(300);
    }
    expect((await ask(app, client)).status).toBe(200);
  });

  it("sends CORS headers with a 429, so the widget on another allowed origin can read it", async () => {
    const app = appWith({ rateLimit: { perMinute: 60, burst: 1 }, clientAddress, allowedOrigins: ["https://news.example"] });
    const headers = { "x-test-client": "198.51.100.4", Origin: "https://news.example" };
    expect((await ask(app, headers)).status).toBe(200);
    const refused = await ask(app, headers);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("access-control-allow-origin")).toBe("https://news.example");
    expect(refused.headers.get("access-control-expose-headers")).toContain("Retry-After");
  });
});

describe("overload and timeouts", () => {
  it("queues answers past the concurrency limit briefly, then sheds with 503 overloaded", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = appWith({
      answerConcurrency: { maxConcurrent: 1, maxQueue: 1, maxWaitMs: 5_000 },
      answer: async () => {
        await gate;
        return ANSWER;
      },
    });
    const first = ask(app);
    const second = ask(app);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const shed = await ask(app);
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("1");
    expect(await shed.json()).toEqual({ error: { code: "overloaded", message: expect.any(String) } });
    release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it("answers 504 timeout when a handler takes too long", async () => {
    const app = appWith({ requestTimeoutMs: 50, answer: () => new Promise(() => undefined) });
    const started = performance.now();
    const response = await ask(app);
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ error: { code: "timeout", message: "The request took longer than 50 ms" } });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("headers", () => {
  it("sends nosniff, a referrer policy and a CSP on every response, and a request id", async () => {
    const app = appWith();
    for (const response of [await ask(app), await app.request("/healthz"), await app.request("/no-such-route")]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'; frame-ancestors /);
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("keeps a sane incoming X-Request-Id and replaces a hostile one", async () => {
    const app = appWith();
    expect((await app.request("/healthz", { headers: { "X-Request-Id": "lb-1234.abc" } })).headers.get("x-request-id")).toBe("lb-1234.abc");
    const replaced = (await app.request("/healthz", { headers: { "X-Request-Id": 'a b"<script>' } })).headers.get("x-request-id");
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gives HTML pages a strict CSP whose frame-ancestors follow ALLOWED_ORIGINS", async () => {
    const engines = new EngineHolder();
    const app = createApp({ engines, logger: capturingLogger().logger, allowedOrigins: ["https://news.example"] });
    // Whatever serves HTML (the demo page) gets the page policy; a route added here stands in for it.
    app.get("/page-for-test", (context) => context.html("<!doctype html><title>t</title>"));
    const response = await app.request("/page-for-test");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'self' https://news.example");
    const api = await app.request("/healthz");
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'self' https://news.example");
  });
});

describe("logs", () => {
  it("logs one line per request with its id, route pattern and status, and never a credential", async () => {
    const { logger, lines } = capturingLogger();
    const token = "s3cret-admin-token-0123456789";
    const engines = new EngineHolder();
    engines.set(scriptedEngine({ answer: () => ANSWER }));
    const app = createApp({
      engines,
      logger,
      admin: { token, documents: { submit: async () => Promise.reject(new Error("unused")), job: () => undefined } },
    });
    const wrong = `${token.slice(0, -1)}X`;
    const response = await app.request("/admin/jobs/123?token=query-secret-value", { headers: { Authorization: `Bearer ${wrong}` } });
    expect(response.status).toBe(401);
    const body = await response.text();
    const requestLine = lines.find((line) => line.message === "request");
    expect(requestLine?.details).toMatchObject({
      requestId: response.headers.get("x-request-id"),
      method: "GET",
      route: "/admin/jobs/:id",
      path: "/admin/jobs/123",
      status: 401,
    });
    const everything = JSON.stringify(lines) + body;
    for (const secret of [token, wrong, "query-secret-value"]) expect(everything).not.toContain(secret);
  });
});
