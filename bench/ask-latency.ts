// `/ask` latency through a real HTTP server: distinct questions, client-side p50/p95, and the
// server's own split between query embedding, search and answer composition.
import { spawn } from "node:child_process";
import os from "node:os";
import type { AskResponse } from "../src/answer/types.ts";
import { loadEvalItems } from "../src/eval/eval-item.ts";

const ROUNDS = Number(process.env.ASK_BENCH_ROUNDS ?? 3);

function percentile(values: readonly number[], quantile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? 0;
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
    env: { ...process.env, PORT: "0", LOG_FORMAT: "json", RATE_LIMIT_PER_MINUTE: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  for (;;) {
    if ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, stop: () => child.kill("SIGTERM") };
}

const questions = await loadEvalItems("test/fixtures/eval/visit");
const server = await startServer();
const ask = async (item: (typeof questions)[number]) => {
  const started = performance.now();
  const response = await fetch(`${server.url}/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question: item.question, history: item.history }),
  });
  const body = (await response.json()) as AskResponse;
  if (!response.ok) throw new Error(`status ${response.status}`);
  return { clientMs: performance.now() - started, timings: body.timings };
};
try {
  // Warm-up: one pass fills the word-vector cache with the corpus vocabulary, as a live server's would be.
  for (const item of questions) await ask(item);
  const samples: Awaited<ReturnType<typeof ask>>[] = [];
  for (let round = 0; round < ROUNDS; round += 1) for (const item of questions) samples.push(await ask(item));
  const row = (name: string, values: number[]) =>
    `| ${name} | ${percentile(values, 0.5).toFixed(2)} | ${percentile(values, 0.95).toFixed(2)} |`;
  console.log(
    `## /ask latency\n\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  );
  console.log(
    `${questions.length} distinct questions (the evaluation set, with history where it has one) × ${ROUNDS} rounds after one warm-up pass, one at a time over HTTP.\n`,
  );
  console.log("| part | p50 ms | p95 ms |\n| --- | --- | --- |");
  const parts: [string, (sample: (typeof samples)[number]) => number][] = [
    ["client round trip", (sample) => sample.clientMs],
    ["server total", (sample) => sample.timings.totalMs],
    ["query embedding", (sample) => sample.timings.embedMs],
    ["search (HNSW + BM25 + fusion)", (sample) => sample.timings.searchMs],
    ["answer composition", (sample) => sample.timings.answerMs],
  ];
  for (const [name, pick] of parts) console.log(row(name, samples.map(pick)));
} finally {
  server.stop();
}
