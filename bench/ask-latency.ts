// `/ask` latency through a real HTTP server: distinct questions, client-side p50/p95, and the
// server's own split between query embedding, search and answer composition.
//
//   npx tsx bench/ask-latency.ts [--baseline ../other-checkout]
// With --baseline, a second server runs that checkout's code and every question goes to both in
// turn (alternating which goes first), so a busy machine slows both alike: the columns compare.
import os from "node:os";
import { parseArgs } from "node:util";
import type { AskResponse } from "../src/answer/types.ts";
import { loadEvalItems } from "../src/eval/eval-item.ts";
import { percentile, startServer } from "./start-server.ts";

const ROUNDS = Number(process.env.ASK_BENCH_ROUNDS ?? 3);
const { values } = parseArgs({ options: { baseline: { type: "string" } } });

const questions = await loadEvalItems("test/fixtures/eval/visit");
const environment = { RATE_LIMIT_PER_MINUTE: "0" };
const servers = [
  { name: "this checkout", server: await startServer({ environment }) },
  ...(values.baseline
    ? [{ name: `baseline (${values.baseline})`, server: await startServer({ environment, checkout: values.baseline }) }]
    : []),
];
const ask = async (url: string, item: (typeof questions)[number]) => {
  const started = performance.now();
  const response = await fetch(`${url}/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question: item.question, history: item.history }),
  });
  const body = (await response.json()) as AskResponse;
  if (!response.ok) throw new Error(`status ${response.status}`);
  return { clientMs: performance.now() - started, timings: body.timings };
};
type Sample = Awaited<ReturnType<typeof ask>>;
try {
  const loadBefore = os.loadavg().map((value) => value.toFixed(1));
  // Warm-up: one pass fills the word-vector cache with the corpus vocabulary, as a live server's would be.
  for (const item of questions) for (const { server } of servers) await ask(server.url, item);
  const samples: Sample[][] = servers.map(() => []);
  let turn = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const item of questions) {
      turn += 1;
      const order = turn % 2 === 0 ? servers.map((_, index) => index) : servers.map((_, index) => index).reverse();
      for (const index of order) samples[index]?.push(await ask((servers[index] as (typeof servers)[number]).server.url, item));
    }
  }
  const loadAfter = os.loadavg().map((value) => value.toFixed(1));
  console.log(
    `## /ask latency\n\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average (1, 5, 15 min) ${loadBefore.join(", ")} before, ${loadAfter.join(", ")} after.`,
  );
  console.log(
    `${questions.length} distinct questions (the evaluation set, with history where it has one) × ${ROUNDS} rounds after one warm-up pass, one at a time over HTTP.\n`,
  );
  const parts: [string, (sample: Sample) => number][] = [
    ["client round trip", (sample) => sample.clientMs],
    ["server total", (sample) => sample.timings.totalMs],
    ["query embedding", (sample) => sample.timings.embedMs],
    ["search (HNSW + BM25 + fusion)", (sample) => sample.timings.searchMs],
    ["answer composition", (sample) => sample.timings.answerMs],
  ];
  const header = servers.map(({ name }) => `${name} p50 ms | ${name} p95 ms`).join(" | ");
  console.log(`| part | ${header} |\n| --- |${servers.map(() => " --- | --- |").join("")}`);
  for (const [name, pick] of parts) {
    const cells = samples.map((set) => {
      const values = set.map(pick);
      return `${percentile(values, 0.5).toFixed(2)} | ${percentile(values, 0.95).toFixed(2)}`;
    });
    console.log(`| ${name} | ${cells.join(" | ")} |`);
  }
} finally {
  await Promise.all(servers.map(({ server }) => server.stop()));
}
