// Where the server's query-embedding step spends its time, measured in one process with the variants
// interleaved question by question (each question runs every variant, in a shuffled order), so load
// from other work on the machine slows all of them alike.
//
//   npx tsx bench/embed-step.ts [--rounds 1] [--gap 2] [--only pool,in-thread,...]
// The segment-cache row sees each question once per round after the first 20 warmed up, so in the
// first round only words of earlier questions are cached, as on a live server.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { AutoTokenizer, pipeline, Tensor } from "@xenova/transformers";
import ort from "onnxruntime-node";
import { createEmbedderPool } from "../src/embed/embedder-pool.ts";
import { poolOccurrences, type SpanStates, sumSpanStates } from "../src/embed/span-embedder.ts";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { cacheUnigramSegments } from "../src/embed/unigram-segment-cache.ts";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import { loadEvalItems } from "../src/eval/eval-item.ts";
import { percentile } from "./start-server.ts";

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "1" }, only: { type: "string" }, gap: { type: "string", default: "2" } },
});
/** Idle milliseconds before each timed call: a server's model threads have gone to sleep when a question arrives. */
const GAP_MS = Number(values.gap);
const ROUNDS = Number(values.rounds);
const MODELS_DIR = "models";
const modelFile = path.join(MODELS_DIR, DEFAULT_EMBED_MODEL, "onnx", "model_quantized.onnx");

const questions = (await loadEvalItems("test/fixtures/eval/visit")).map((item) => item.question);
const pool = await createEmbedderPool({ model: { modelsDir: MODELS_DIR, modelId: DEFAULT_EMBED_MODEL }, threads: 1 });
const inThread = await createTransformersEmbedder({ modelsDir: MODELS_DIR, modelId: DEFAULT_EMBED_MODEL });
const tokenizer = await AutoTokenizer.from_pretrained(DEFAULT_EMBED_MODEL);
const cachedTokenizer = await AutoTokenizer.from_pretrained(DEFAULT_EMBED_MODEL);
cacheUnigramSegments(cachedTokenizer);
const extractor = await pipeline("feature-extraction", DEFAULT_EMBED_MODEL, { quantized: true });
const model = extractor.model as unknown as ((inputs: Record<string, Tensor>) => Promise<unknown>) & {
  session: ort.InferenceSession;
};
const prompt = pool.prompts?.query ?? "";

/** An idle worker that answers each message with one vector's worth of floats: the hop alone. */
const echo = new Worker(
  `const { parentPort } = require("node:worker_threads"); parentPort.on("message", (text) => parentPort.postMessage([new Float32Array(384).fill(text.length)]));`,
  { eval: true },
);
const echoOnce = (text: string) =>
  new Promise<void>((resolve) => {
    echo.once("message", () => resolve());
    echo.postMessage(text);
  });

const ortFeeds = (ids: readonly number[]): Record<string, ort.Tensor> => {
  const dims = [1, ids.length];
  return {
    input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), dims),
    attention_mask: new ort.Tensor("int64", new BigInt64Array(ids.length).fill(1n), dims),
    token_type_ids: new ort.Tensor("int64", new BigInt64Array(ids.length), dims),
  };
};
const wrapperFeeds = (ids: readonly number[]): Record<string, Tensor> => {
  const dims = [1, ids.length];
  return {
    input_ids: new Tensor("int64", BigInt64Array.from(ids, BigInt), dims),
    attention_mask: new Tensor("int64", new BigInt64Array(ids.length).fill(1n), dims),
    token_type_ids: new Tensor("int64", new BigInt64Array(ids.length), dims),
  };
};

const sessionVariants: [string, ort.InferenceSession.SessionOptions][] = [
  ["session: intra 2 given (helper thread not pinned; the embedder's since this change)", { intraOpNumThreads: 2 }],
  ["session: intra 1", { intraOpNumThreads: 1 }],
  ["session: intra 2, mem pattern off", { intraOpNumThreads: 2, enableMemPattern: false }],
  ["session: intra 2, arena off", { intraOpNumThreads: 2, enableCpuMemArena: false }],
];
const sessions = new Map<string, ort.InferenceSession>();
for (const [name, options] of sessionVariants)
  sessions.set(name, await ort.InferenceSession.create(modelFile, { executionProviders: ["cpu"], ...options }));

/** Token states of a 32-token row, standing in for a query's (pooling costs the same whatever the values). */
const lastHidden = new Float32Array(32 * 384).map((_, index) => Math.sin(index));
const ids = new Map(questions.map((question) => [question, tokenizer.encode(prompt + question) as number[]]));
const idsOf = (question: string) => ids.get(question) ?? [];
const variants: [string, (question: string) => Promise<unknown> | unknown][] = [
  ["pool.embed (server path)", (question) => pool.embed([question], "query")],
  ["in-thread embed", (question) => inThread.embed([question], "query")],
  ["worker hop alone (echo)", (question) => echoOnce(question)],
  ["tokenise, transformers.js as is", (question) => tokenizer.encode(prompt + question)],
  ["tokenise, segment cache", (question) => cachedTokenizer.encode(prompt + question)],
  [
    "mean pooling + normalising",
    (question) => {
      const length = idsOf(question).length;
      const [states] = sumSpanStates({ hidden: lastHidden, row: 0, length, dimensions: 384, ranges: [{ start: 0, end: length }] });
      return poolOccurrences([states as SpanStates], 384);
    },
  ],
  ["transformers.js model() on built tensors", (question) => model(wrapperFeeds(idsOf(question)))],
  [
    "session.run (transformers.js's session: default count, helper pinned to a core)",
    (question) => model.session.run(ortFeeds(idsOf(question))),
  ],
  [
    "session.run (transformers.js's session), second of two back to back",
    async (question) => {
      await model.session.run(ortFeeds(idsOf(question)));
      return "restart";
    },
  ],
  ...[...sessions].map(([name, session]): [string, (question: string) => Promise<unknown>] => [
    name,
    (question) => session.run(ortFeeds(idsOf(question))),
  ]),
];
const chosen = values.only ? variants.filter(([name]) => values.only?.split(",").some((part) => name.startsWith(part))) : variants;

for (const question of questions.slice(0, 20)) for (const [, run] of chosen) await run(question);
const loadBefore = os.loadavg().map((value) => value.toFixed(1));
const samples = chosen.map((): number[] => []);
const cpuSamples = chosen.map((): number[] => []);
const idle = () => new Promise((resolve) => setTimeout(resolve, GAP_MS));
/** Park–Miller steps: the same order on every run. */
let seed = 42;
const random = () => {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
};
for (let round = 0; round < ROUNDS; round += 1) {
  for (const question of questions) {
    // A fresh order for each question: no variant always runs right after the same other one.
    const order = chosen.map((_, index) => index);
    for (let last = order.length - 1; last > 0; last -= 1) {
      const pick = Math.floor(random() * (last + 1));
      [order[last], order[pick]] = [order[pick] as number, order[last] as number];
    }
    for (const index of order) {
      const [, run] = chosen[index] as (typeof chosen)[number];
      if (GAP_MS > 0) await idle();
      let started = performance.now();
      let cpu = process.cpuUsage();
      // A variant that answers "restart" has done untimed preparation: time what follows from here.
      if ((await run(question)) === "restart") {
        started = performance.now();
        cpu = process.cpuUsage();
        await model.session.run(ortFeeds(idsOf(question)));
      }
      samples[index]?.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      cpuSamples[index]?.push((used.user + used.system) / 1000);
    }
  }
}
const loadAfter = os.loadavg().map((value) => value.toFixed(1));
const tokens = questions.map((question) => idsOf(question).length);
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}; load average ${loadBefore.join(", ")} before, ${loadAfter.join(", ")} after.`,
);
console.log(
  `${questions.length} questions × ${ROUNDS} rounds, variants interleaved; query tokens p50 ${percentile(tokens, 0.5)}, p95 ${percentile(tokens, 0.95)}.\n`,
);
console.log("| variant | p50 ms | p95 ms | CPU p50 ms (all threads) |\n| --- | ---: | ---: | ---: |");
chosen.forEach(([name], index) => {
  const set = samples[index] ?? [];
  const cpu = cpuSamples[index] ?? [];
  console.log(
    `| ${name} | ${percentile(set, 0.5).toFixed(3)} | ${percentile(set, 0.95).toFixed(3)} | ${percentile(cpu, 0.5).toFixed(3)} |`,
  );
});
await pool.close();
await echo.terminate();
