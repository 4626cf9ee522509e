// The model's threads are held busy (each worker blocks until the test lets it go, as onnxruntime
// blocks while it computes) and a real HTTP server on a random port is asked meanwhile: nothing
// here depends on how fast the machine is.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { type AppDeps, createApp } from "../../src/app.ts";
import { createEngine } from "../../src/create-engine.ts";
import { EngineHolder } from "../../src/engine.ts";
import type { Logger } from "../../src/observe/logger.ts";
import { createPrometheusMetrics } from "../../src/observe/prometheus-metrics.ts";
import { loadIndex } from "../../src/store/index-store.ts";
import { type ControlledPool, controlledEmbedderPool } from "../helpers/controlled-embedder-pool.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** The committed index served through a pool of `threads` held workers. */
async function startServer(options: { threads: number } & Partial<AppDeps>): Promise<{
  url: string;
  controlled: ControlledPool;
  metrics: ReturnType<typeof createPrometheusMetrics>;
  lines: { message: string; details: Record<string, unknown> }[];
}> {
  const index = await loadIndex("index");
  const { id: modelId, dimensions } = index.data.manifest.model;
  const controlled = await controlledEmbedderPool({ threads: options.threads, modelId, dimensions });
  const engines = new EngineHolder();
  engines.set(createEngine({ data: index.data, vectorIndex: index.hnsw, embedder: controlled.pool }));
  const metrics = createPrometheusMetrics({ defaultMetrics: false });
  metrics.observeQueue("inference", () => controlled.pool.load());
  const lines: { message: string; details: Record<string, unknown> }[] = [];
  const logger = (bindings: Record<string, unknown>): Logger => ({
    error: (message, details) => lines.push({ message, details: { ...bindings, ...details } }),
    info: (message, details) => lines.push({ message, details: { ...bindings, ...details } }),
    child: (more) => logger({ ...bindings, ...more }),
  });
  const app = createApp({ engines, metrics, logger: logger({}), ...options });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  cleanups.push(async () => {
    controlled.open();
    await new Promise((resolve) => server.close(resolve));
    await controlled.pool.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, controlled, metrics, lines };
}

function ask(url: string, question: string): Promise<Response> {
  return fetch(`${url}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
}

async function gauge(metrics: ReturnType<typeof createPrometheusMetrics>, series: string): Promise<number> {
  const { body } = await metrics.render();
  const line = body.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return Number(line?.slice(series.length + 1) ?? Number.NaN);
}

async function until(probe: () => Promise<boolean>): Promise<void> {
  while (!(await probe())) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("inference off the event loop", () => {
  it("answers /healthz while every model thread computes, sheds past the queue with 503 and Retry-After, and logs each answer's queue wait", async () => {
    const { url, controlled, metrics, lines } = await startServer({
      threads: 2,
      answerConcurrency: { maxConcurrent: 2, maxQueue: 2, maxWaitMs: 60_000 },
      requestTimeoutMs: 60_000,
    });
    const running = [ask(url, "When will the port be inaugurated?"), ask(url, "Who will inaugurate the port?")];
    await controlled.waitForStarted(2);
    expect(controlled.pool.load()).toEqual({ busy: 2, waiting: 0 });

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const queued = [ask(url, "What route will the port establish?"), ask(url, "Which agreements will be signed?")];
    await until(async () => (await gauge(metrics, 'xiperu_queue_waiting{queue="answers"}')) === 2);
    const queuedSince = performance.now();
    const shed = await ask(url, "Is the trade agreement being upgraded?");
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("1");
    expect(await shed.json()).toEqual({ error: { code: "overloaded", message: expect.any(String) } });
    expect(await gauge(metrics, 'xiperu_queue_busy{queue="inference"}')).toBe(2);

    const openedAt = performance.now();
    controlled.open();
    const answers = await Promise.all([...running, ...queued]);
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    const timings = await Promise.all(
      answers.map(async (response) => ((await response.json()) as { timings: { queueMs: number } }).timings),
    );
    // The queued two were waiting when the queue was seen full and got a slot only after the threads
    // were let go (same clock: the server runs in this process).
    for (const timing of timings.slice(2)) expect(timing.queueMs).toBeGreaterThanOrEqual(openedAt - queuedSince - 0.01);
    const askLines = lines.filter((line) => line.message === "request" && line.details.route === "/ask");
    expect(askLines.map((line) => line.details.status).sort()).toEqual([200, 200, 200, 200, 503]);
    for (const line of askLines.filter((candidate) => candidate.details.status === 200)) {
      expect(line.details.timings).toMatchObject({ queueMs: expect.any(Number), embedMs: expect.any(Number), totalMs: expect.any(Number) });
    }
    expect(askLines.find((line) => line.details.status === 503)?.details.error).toBe("overloaded");
    expect(await gauge(metrics, 'xiperu_queue_wait_seconds_count{queue="answers"}')).toBe(5);
  });

  it("answers 504 at the request timeout while the model still holds the request, and frees its slot once the model lets go", async () => {
    const { url, controlled, metrics } = await startServer({
      threads: 1,
      answerConcurrency: { maxConcurrent: 1, maxQueue: 4, maxWaitMs: 60_000 },
      requestTimeoutMs: 300,
    });
    const held = ask(url, "When will the port be inaugurated?");
    await controlled.waitForStarted(1);
    const queued = ask(url, "Who will inaugurate the port?");
    for (const response of [await held, await queued]) {
      expect(response.status).toBe(504);
      expect(await response.json()).toEqual({ error: { code: "timeout", message: "The request took longer than 300 ms" } });
    }
    // The queued request left the queue at its deadline instead of waiting for a slot nobody reads.
    expect(await gauge(metrics, 'xiperu_queue_waiting{queue="answers"}')).toBe(0);
    // Let go, the held answer gives its slot and its thread back: nothing stays stuck.
    controlled.open();
    await until(async () => (await gauge(metrics, 'xiperu_queue_busy{queue="answers"}')) === 0);
    expect(controlled.pool.load()).toEqual({ busy: 0, waiting: 0 });
  });
});
