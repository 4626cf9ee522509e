/**
 * Slack acknowledgement and answer latency through a real HTTP server with the real engine:
 * signed `app_mention` events go to POST /slack/events; the answer reaches a Slack stand-in on
 * loopback through the real `@slack/web-api` client. Slack wants the 200 within 3 seconds.
 *
 *   npm run bench:slack -- --sequential 50 --burst 20 [--concurrency N]   (answers worked on at once; default as npm start)
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { createApp } from "../src/app.ts";
import { BackgroundTasks } from "../src/background-tasks.ts";
import { EngineHolder } from "../src/engine.ts";
import { loadNodeEngine } from "../src/entry/node/load-node-engine.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { createWebApiPoster } from "../src/slack/web-api-poster.ts";
import { BOT_TOKEN, BOT_USER_ID, eventCallback, SIGNING_SECRET, slackRequest, startSlackStandIn } from "../test/slack/slack-test-kit.ts";

const { values } = parseArgs({
  options: { sequential: { type: "string", default: "50" }, burst: { type: "string", default: "20" }, concurrency: { type: "string" } },
});
const QUESTIONS = [
  "When will the Chancay port be inaugurated?",
  "Which agreements are expected to be signed?",
  "What will the port change for trade between Peru and Asia?",
  "Who said Peru would become a gateway for South American trade?",
];

const standIn = await startSlackStandIn();
const engines = new EngineHolder();
engines.set((await loadNodeEngine(readConfig({}))).engine);
const silent = { error: () => undefined };
const tasks = new BackgroundTasks({
  logger: { error: (message: string, details?: Record<string, unknown>) => console.error(message, details) },
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
});
const app = createApp({
  engines,
  logger: silent,
  slack: {
    signingSecret: SIGNING_SECRET,
    poster: createWebApiPoster({ token: BOT_TOKEN, slackApiUrl: standIn.apiUrl }),
    defer: tasks.defer,
  },
});
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((resolve) => server.once("listening", resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

let sequence = 0;
/** Sends one mention; resolves with the ack time and, once posted, the time until the answer arrived. */
async function mention(): Promise<{ ackMs: number; answerMs: number }> {
  sequence++;
  const ts = `1731500000.${String(sequence).padStart(6, "0")}`;
  const question = QUESTIONS[sequence % QUESTIONS.length];
  const body = eventCallback(
    { type: "app_mention", user: "UBENCH", text: `<@${BOT_USER_ID}> ${question}`, ts, channel: "CBENCH" },
    `EvBench${sequence}`,
  );
  const started = performance.now();
  const response = await fetch(
    `${base}/slack/events`,
    slackRequest({ path: "/slack/events", body, nowSeconds: Math.floor(Date.now() / 1000) }),
  );
  const ackMs = performance.now() - started;
  if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
  for (;;) {
    const post = standIn.requests.find(
      (request) => request.path === "/api/chat.postMessage" && new URLSearchParams(request.body).get("thread_ts") === ts,
    );
    if (post) return { ackMs, answerMs: post.receivedAt - started };
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function row(label: string, samples: Array<{ ackMs: number; answerMs: number }>): string {
  const acks = samples.map((sample) => sample.ackMs).sort((a, b) => a - b);
  const answers = samples.map((sample) => sample.answerMs).sort((a, b) => a - b);
  const cell = (value: number) => value.toFixed(1);
  return `| ${label} | ${samples.length} | ${cell(percentile(acks, 0.5))} | ${cell(percentile(acks, 0.99))} | ${cell(acks.at(-1) ?? Number.NaN)} | ${cell(percentile(answers, 0.5))} | ${cell(percentile(answers, 0.99))} |`;
}

await mention(); // warm-up: first request pays for JIT and connection setup
const sequential: Array<{ ackMs: number; answerMs: number }> = [];
for (let index = 0; index < Number(values.sequential); index++) sequential.push(await mention());
const burst = await Promise.all(Array.from({ length: Number(values.burst) }, () => mention()));
await tasks.idle();

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}\n`);
console.log("| run | events | ack p50 ms | ack p99 ms | ack max ms | answer posted p50 ms | answer posted p99 ms |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
console.log(row("one at a time", sequential));
console.log(row(`burst of ${burst.length}`, burst));
server.close();
await standIn.close();
