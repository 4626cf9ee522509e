// BEIR SciFact with sentence vectors, both methods in one run: how well does each way of making
// sentence vectors (late chunking from the chunk's forward pass, or each sentence embedded on its own)
// find the right abstract for a claim? An abstract scores the best cosine of its sentences (MaxSim),
// over the 300 test claims: nDCG@10 and recall@100, the paired difference with a bootstrap 95%
// interval, and the embedding time of each method on the same machine in the same run.
//   npx tsx bench/scifact-sentences.ts [../shared/datasets/scifact]
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import { chunkDocument } from "../src/ingest/chunk.ts";
import { embedIndexTexts, type SentenceVectorMethod } from "../src/ingest/embed-index-texts.ts";
import type { StoredSentence } from "../src/store/index-data.ts";
import { TopK } from "../src/store/top-k.ts";
import { splitSentences } from "../src/text/sentences.ts";
import { bootstrap, scoreRanking } from "./ranking-metrics.ts";

const datasetDir = process.argv[2] ?? "../shared/datasets/scifact";
const METHODS: readonly SentenceVectorMethod[] = ["late-chunking", "separate-pass"];

async function jsonLines(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path.join(datasetDir, file), "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const embedder = await createTransformersEmbedder({ modelsDir: "models", modelId: DEFAULT_EMBED_MODEL });
const documents = (await jsonLines("corpus.jsonl")).map((row) => ({
  id: String(row._id),
  title: String(row.title ?? ""),
  text: `${String(row.title ?? "")}\n${String(row.text ?? "")}`,
}));
const claims = new Map((await jsonLines("queries.jsonl")).map((row) => [String(row._id), String(row.text)]));
const qrels = new Map<string, Map<string, number>>();
for (const line of (await readFile(path.join(datasetDir, "qrels", "test.tsv"), "utf8")).split("\n").slice(1)) {
  const [queryId, documentId, gain] = line.split("\t");
  if (!queryId || !documentId || !gain) continue;
  qrels.set(queryId, (qrels.get(queryId) ?? new Map()).set(documentId, Number(gain)));
}
const chunks = documents.flatMap((document) => chunkDocument({ document, counter: embedder }));
const sentences: StoredSentence[] = documents.flatMap((document) =>
  splitSentences(document.text).map((span) => ({ docId: document.id, ...span })),
);
const documentTexts = new Map(documents.map((document) => [document.id, document.text]));
const queryIds = [...qrels.keys()];
const queryVectors = await embedder.embed(
  queryIds.map((id) => claims.get(id) as string),
  "query",
);
const cacheDir = path.join(
  os.tmpdir(),
  "xi-peru-bench-vectors",
  `scifact-sentences-${embedder.modelId.replaceAll("/", "__")}-${embedder.maxTokens}`,
);
await mkdir(cacheDir, { recursive: true });
const loadAtStart = os.loadavg()[0] as number;

const perQuery = new Map<SentenceVectorMethod, { ndcg: number; recall: number }[]>();
const seconds = new Map<SentenceVectorMethod, number>();
for (const method of METHODS) {
  const file = path.join(cacheDir, method);
  let vectors: Float32Array[];
  try {
    const [meta, bytes] = await Promise.all([readFile(`${file}.json`, "utf8"), readFile(`${file}.f32`)]);
    const matrix = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    if (matrix.length !== sentences.length * embedder.dimensions) throw new Error("stale cache");
    vectors = sentences.map((_, row) => matrix.subarray(row * embedder.dimensions, (row + 1) * embedder.dimensions));
    seconds.set(method, (JSON.parse(meta) as { seconds: number }).seconds);
  } catch {
    const started = performance.now();
    // Both make what an index holds, chunk and sentence vectors, so their times compare.
    const embedded = await embedIndexTexts({
      method,
      chunks,
      sentences,
      documentTexts,
      embedder,
      counter: embedder,
      batchSize: 32,
      onProgress: (done, total) => process.stderr.write(`\r${method}: ${done}/${total}`),
    });
    seconds.set(method, (performance.now() - started) / 1000);
    vectors = embedded.sentenceVectors;
    const matrix = new Float32Array(sentences.length * embedder.dimensions);
    vectors.forEach((vector, row) => {
      matrix.set(vector, row * embedder.dimensions);
    });
    await writeFile(`${file}.f32`, new Uint8Array(matrix.buffer));
    await writeFile(`${file}.json`, JSON.stringify({ seconds: seconds.get(method) }));
    process.stderr.write("\n");
  }
  perQuery.set(
    method,
    queryVectors.map((query, index) => {
      const best = new Map<string, number>();
      sentences.forEach((sentence, row) => {
        const vector = vectors[row] as Float32Array;
        let dot = 0;
        for (let column = 0; column < vector.length; column += 1) dot += (vector[column] as number) * (query[column] as number);
        if (dot > (best.get(sentence.docId) ?? Number.NEGATIVE_INFINITY)) best.set(sentence.docId, dot);
      });
      const ids = [...best.keys()];
      const top = new TopK(100);
      ids.forEach((id, row) => {
        top.offer(row, best.get(id) as number);
      });
      const ranking = top.sorted().map(({ row }) => ids[row] as string);
      return scoreRanking(ranking, qrels.get(queryIds[index] as string) as Map<string, number>);
    }),
  );
}

const [late, separate] = METHODS.map((method) => perQuery.get(method) ?? []) as [
  { ndcg: number; recall: number }[],
  { ndcg: number; recall: number }[],
];
const difference = bootstrap(late.map((score, index) => score.ndcg - (separate[index]?.ndcg ?? 0)));
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
console.log(
  `SciFact test: ${queryIds.length} claims over ${documents.length} abstracts (${sentences.length.toLocaleString("en-US")} sentences, ${chunks.length.toLocaleString("en-US")} chunks); ` +
    `${embedder.modelId}; an abstract scores the best cosine of its sentences. Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0]?.toFixed(1)} at end, ${os.cpus().length} CPUs.`,
);
console.log("");
console.log("| sentence vectors | nDCG@10 | recall@100 | texts through the model | embedding s (chunk + sentence vectors) |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const method of METHODS) {
  const scores = perQuery.get(method) ?? [];
  const texts =
    method === "late-chunking"
      ? `${chunks.length.toLocaleString("en-US")} chunks (+ fallbacks)`
      : `${sentences.length.toLocaleString("en-US")} sentences`;
  console.log(
    `| ${method} | ${mean(scores.map((score) => score.ndcg)).toFixed(4)} | ${mean(scores.map((score) => score.recall)).toFixed(4)} | ${texts} | ${seconds.get(method)?.toFixed(0)} |`,
  );
}
console.log("");
console.log(
  `nDCG@10 late-chunking minus separate-pass, paired over the claims: ${difference.mean.toFixed(4)} (bootstrap 95% interval ${difference.low.toFixed(4)} to ${difference.high.toFixed(4)}).`,
);
