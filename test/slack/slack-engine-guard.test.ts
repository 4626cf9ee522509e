// Slack answers go through the same engine guard as /ask: the concurrency limit, the answer metrics,
// and an abort signal that ends an answer taking longer than the request timeout.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { BackgroundTasks } from "../../src/background-tasks.ts";
import { EngineHolder } from "../../src/engine.ts";
import { message } from "../../src/i18n/messages.ts";
import { createPrometheusMetrics } from "../../src/observe/prometheus-metrics.ts";
import { createWebApiPoster } from "../../src/slack/web-api-poster.ts";
import { BOT_TOKEN, createRecordingLogger, createTestEngine, SIGNING_SECRET, slackRequest, startSlackStandIn } from "./slack-test-kit.ts";

const NOW_SECONDS = 1_700_000_000;
const standIn = await startSlackStandIn();
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.requests.length = 0;
});

function setup(options: { engine: ReturnType<typeof createTestEngine>["engine"]; requestTimeoutMs?: number; maxConcurrent?: number }) {
  const logger = createRecordingLogger();
  const tasks = new BackgroundTasks({ logger });
  const engines = new EngineHolder();
  engines.set(options.engine);
  const metrics = createPrometheusMetrics({ defaultMetrics: false });
  const app = createApp({
    engines,
    logger,
    metrics,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    answerConcurrency: { maxConcurrent: options.maxConcurrent ?? 4, maxQueue: 0, maxWaitMs: 1_000 },
    slack: {
      signingSecret: SIGNING_SECRET,
      poster: createWebApiPoster({ token: BOT_TOKEN, slackApiUrl: standIn.apiUrl }),
      defer: tasks.defer,
      now: () => NOW_SECONDS * 1000,
      responseUrlOrigins: [standIn.origin],
    },
  });
  let trigger = 0;
  const command = (text: string) => {
    trigger += 1;
    const body = new URLSearchParams({
      command: "/visit",
      text,
      response_url: `${standIn.origin}/commands/T0001/${trigger}`,
      trigger_id: String(trigger),
    }).toString();
    return app.request("/slack/commands", slackRequest({ path: "/slack/commands", body, nowSeconds: NOW_SECONDS }));
  };
  const sample = async (series: string) => {
    const line = (await metrics.render()).body.split("\n").find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  return { app, tasks, logger, command, sample };
}

const postedTexts = () => standIn.responses().map((response) => (response as { text: string }).text);

describe("Slack answers through the engine guard", () => {
  it("are counted in the answer metrics like /ask answers", async () => {
    const { tasks, command, sample } = setup({ engine: createTestEngine().engine });
    await command("Who opened the port?");
    await tasks.idle();
    expect(postedTexts()).toEqual([expect.stringContaining("About: Who opened the port?")]);
    expect(await sample('xiperu_answers_total{outcome="grounded"}')).toBe(1);
    expect(await sample('xiperu_answer_phase_duration_seconds_count{phase="total"}')).toBe(1);
  });

  it("share the concurrency limit with /ask: when it is full, Slack gets a busy notice and the shed is counted", async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const testEngine = createTestEngine({
      answer: async (request) => {
        if (request.question === "slow") await blocked;
        return {
          answer: `About: ${request.question}`,
          grounded: true,
          language: "en",
          citations: [],
          timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
        };
      },
    });
    const { app, tasks, command, sample } = setup({ engine: testEngine.engine, maxConcurrent: 1 });
    const slowAsk = app.request("/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: "slow" }),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await command("Who opened the port?");
    await tasks.idle();
    expect(testEngine.asked.map((request) => request.question)).toEqual(["slow"]);
    expect(postedTexts()).toEqual(["I'm answering many questions right now. Please ask again in a moment."]);
    expect(await sample("xiperu_overload_shed_total")).toBe(1);
    release();
    expect((await slowAsk).status).toBe(200);
  });

  it("are given an abort signal that ends an answer running past the request timeout", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const testEngine = createTestEngine({
      answer: (_request, options) => {
        signals.push(options?.signal);
        return new Promise((_resolve, reject) => {
          options?.signal?.addEventListener("abort", () => reject(options.signal?.reason), { once: true });
        });
      },
    });
    const { tasks, command, logger } = setup({ engine: testEngine.engine, requestTimeoutMs: 150 });
    await command("Will this take long?");
    await tasks.idle();
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(postedTexts()).toEqual(["Sorry, that took too long to answer. Please try again."]);
    expect(logger.withoutAccessLog().map((line) => line.message)).toEqual(["slack answer timed out"]);
  });

  it("say their notices in the question's language", async () => {
    const testEngine = createTestEngine({
      answer: (_request, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener("abort", () => reject(options.signal?.reason), { once: true });
        }),
    });
    const { tasks, command } = setup({ engine: testEngine.engine, requestTimeoutMs: 100 });
    await command("钱凯港什么时候启用？");
    await command("¿Cuándo se inaugurará el puerto de Chancay?");
    await tasks.idle();
    expect(postedTexts()).toEqual([message("zh", "slackTimeout"), message("es", "slackTimeout")]);
    expect(message("zh", "slackTimeout")).toBe("抱歉，回答用时过长，请重试。");
  });
});
