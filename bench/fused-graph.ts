// Two builds of the same embedding model side by side in one process (the committed int8 graph and one
// built elsewhere, e.g. with E5_GRAPH=fused OUT_ROOT=DIR bash scripts/convert-model/rebuild-e5.sh), through
// the embedder the server and the index build use. Everything is interleaved: each question runs on
// both models in a random order, and each passage batch too, so load from other work on the machine
// slows both alike. Prints a markdown table and how close the two models' vectors are.
//   npx tsx bench/fused-graph.ts --b DIR/models [--a models] [--messages 200] [--rounds 2] [--gap 2]
import os from "node:os";
import { parseArgs } from "node:util";
import { createTransformersEmbedder, type LocalEmbedder } from "../src/embed/transformers-embedder.ts";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import { loadEvalItems } from "../src/eval/eval-item.ts";
import { chunkDocument, chunkTokenLimit, DEFAULT_CHUNKER_SETTINGS } from "../src/ingest/chunk.ts";
import { lengthOrderedBatches } from "../src/ingest/embed-batches.ts";
import { loadBenchCorpus } from "./spam-assassin-corpus.ts";
import { percentile } from "./start-server.ts";

const { values } = parseArgs({
  options: {
    a: { type: "string", default: "models" },
    b: { type: "string" },
    model: { type: "string", default: DEFAULT_EMBED_MODEL },
    messages: { type: "string", default: "200" },
    rounds: { type: "string", default: "2" },
    gap: { type: "string", default: "2" },
    "batch-size": { type: "string", default: "32" },
  },
});
if (!values.b) throw new Error("usage: fused-graph.ts --b MODELS_DIR [--a MODELS_DIR]");
const ROUNDS = Number(values.rounds);
const GAP_MS = Number(values.gap);
const BATCH_SIZE = Number(values["batch-size"]);
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");

interface Side {
  name: string;
  embedder: LocalEmbedder;
  loadMs: number;
  query: number[];
  passageSeconds: number;
}

async function load(modelsDir: string): Promise<Side> {
  const started = performance.now();
  // transformers.js reads its model folder from a global, so the two are loaded one after the other.
  const embedder = await createTransformersEmbedder({ modelsDir, modelId: values.model as string });
  await embedder.embed(["warm up"], "query");
  return { name: modelsDir, embedder, loadMs: performance.now() - started, query: [], passageSeconds: 0 };
}

/** Park–Miller steps: the same order on every run. */
let seed = 42;
const random = () => {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
};
const shuffled = <T>(items: readonly T[]): T[] => {
  const order = [...items];
  for (let last = order.length - 1; last > 0; last -= 1) {
    const pick = Math.floor(random() * (last + 1));
    [order[last], order[pick]] = [order[pick] as T, order[last] as T];
  }
  return order;
};
const dot = (left: Float32Array, right: Float32Array) => left.reduce((sum, value, index) => sum + value * (right[index] as number), 0);
const idle = () => new Promise((resolve) => setTimeout(resolve, GAP_MS));
const summary = (cosines: number[]) =>
  `min ${Math.min(...cosines).toFixed(4)}, mean ${(cosines.reduce((sum, value) => sum + value, 0) / cosines.length).toFixed(4)}`;

const loadAtStart = loadAverage();
const sides = [await load(values.a as string), await load(values.b)];
const [first, second] = sides as [Side, Side];

const questions = (await loadEvalItems("test/fixtures/eval/visit")).map((item) => item.question);
for (const question of questions.slice(0, 20)) for (const side of sides) await side.embedder.embed([question], "query");
const queryCosines: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (const question of questions) {
    const vectors = new Map<Side, Float32Array>();
    for (const side of shuffled(sides)) {
      if (GAP_MS > 0) await idle();
      const started = performance.now();
      const [vector] = await side.embedder.embed([question], "query");
      side.query.push(performance.now() - started);
      vectors.set(side, vector as Float32Array);
    }
    if (round === 0) queryCosines.push(dot(vectors.get(first) as Float32Array, vectors.get(second) as Float32Array));
  }
}
const loadAfterQueries = loadAverage();

// Chunk-length passages, as the index build embeds them: the corpus and SpamAssassin messages cut by the
// default chunker, in the build's length-ordered batches.
const counter = first.embedder;
const settings = { ...DEFAULT_CHUNKER_SETTINGS, maxTokens: chunkTokenLimit(DEFAULT_CHUNKER_SETTINGS, counter) };
const { documents } = await loadBenchCorpus({ hamMessages: Number(values.messages) });
const chunks = documents.flatMap((document) => chunkDocument({ document, counter, settings })).map((chunk) => chunk.text);
const tokens = chunks.reduce((sum, text) => sum + counter.countTokens(text), 0);
const passageCosines: number[] = [];
for (const batch of lengthOrderedBatches(chunks, BATCH_SIZE, (text) => counter.countTokens(text))) {
  const texts = batch.map((index) => chunks[index] as string);
  const vectors = new Map<Side, Float32Array[]>();
  for (const side of shuffled(sides)) {
    const started = performance.now();
    vectors.set(side, await side.embedder.embed(texts, "passage"));
    side.passageSeconds += (performance.now() - started) / 1000;
  }
  (vectors.get(first) as Float32Array[]).forEach((vector, row) => {
    passageCosines.push(dot(vector, (vectors.get(second) as Float32Array[])[row] as Float32Array));
  });
}

console.log(
  `\n${questions.length} questions × ${ROUNDS} rounds, one at a time, ${GAP_MS} ms idle before each; ${chunks.length} chunks (${tokens} tokens, ${documents.length} documents) in batches of ${BATCH_SIZE}`,
);
console.log(`load average (1, 5, 15 min): ${loadAtStart} at start, ${loadAfterQueries} after the queries, ${loadAverage()} at the end\n`);
console.log("| models dir | load ms | query p50 ms | query p95 ms | query mean ms | passages s | passages texts/s | passage tokens/s |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const side of sides) {
  const mean = side.query.reduce((sum, value) => sum + value, 0) / side.query.length;
  console.log(
    `| ${side.name} | ${side.loadMs.toFixed(0)} | ${percentile(side.query, 0.5).toFixed(2)} | ${percentile(side.query, 0.95).toFixed(2)} | ${mean.toFixed(2)} | ${side.passageSeconds.toFixed(1)} | ${(chunks.length / side.passageSeconds).toFixed(1)} | ${(tokens / side.passageSeconds).toFixed(0)} |`,
  );
}
console.log(`\ncosine between the two models' vectors: queries ${summary(queryCosines)}; passages ${summary(passageCosines)}`);
