// BEIR SciFact with each way of making chunk vectors, both in one run: abstracts are chunked as the
// index chunks documents, and each chunk's vector is made by its own forward pass ("own-pass", the
// default) or as the normalised mean of its sentences' vectors ("sentence-mean"). Both build what an
// index holds (chunk and sentence vectors) through embedIndexTexts, so their embedding times compare.
// An abstract's dense score is its best chunk's cosine; hybrid fuses that ranking with BM25 over the
// abstracts (RRF k=60, top 100 each; also with the dense weight 0.5 that bench/scifact.ts chose on
// the train queries). nDCG@10 and recall@100 over the test claims, with the paired difference
// (bootstrap 95% interval).
//   npx tsx bench/scifact-chunk-vectors.ts [../shared/datasets/scifact] [--others N]
// --others N: score over a fixed subset, every abstract judged for a test claim plus N others drawn
// with a fixed seed (all abstracts when absent); both methods always see the same subset.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import { chunkDocument } from "../src/ingest/chunk.ts";
import { CHUNK_VECTOR_METHODS, type ChunkVectorMethod, embedIndexTexts } from "../src/ingest/embed-index-texts.ts";
import { chunkVectorsFromSentences } from "../src/ingest/sentence-mean.ts";
import { type RankedList, reciprocalRankFusion } from "../src/retrieve/rrf.ts";
import { Bm25Index } from "../src/store/bm25.ts";
import type { StoredSentence } from "../src/store/index-data.ts";
import { splitSentences } from "../src/text/sentences.ts";
import { createUniformRandom } from "./hnsw/random-vectors.ts";
import { bootstrap, scoreRanking } from "./ranking-metrics.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { others: { type: "string" }, methods: { type: "string" }, "one-pass": { type: "boolean", default: false } },
});
const datasetDir = positionals[0] ?? "../shared/datasets/scifact";
const others = values.others === undefined ? undefined : Number(values.others);
// --methods sentence-mean: embed (and cache) only that method's vectors; the report needs both.
const methods = (values.methods?.split(",") ?? CHUNK_VECTOR_METHODS) as ChunkVectorMethod[];
// --one-pass: one build of the default kind (chunks and sentences through the model together), and the
// sentence-mean chunk vectors taken from that build's sentence vectors: half the model time, for a
// quality comparison only (a sentence-mean build batches sentences only, which moves int8 vectors slightly).
const onePass = values["one-pass"] as boolean;

async function jsonLines(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path.join(datasetDir, file), "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const qrels = new Map<string, Map<string, number>>();
for (const line of (await readFile(path.join(datasetDir, "qrels", "test.tsv"), "utf8")).split("\n").slice(1)) {
  const [queryId, documentId, gain] = line.split("\t");
  if (!queryId || !documentId || !gain) continue;
  qrels.set(queryId, (qrels.get(queryId) ?? new Map()).set(documentId, Number(gain)));
}
const allDocuments = (await jsonLines("corpus.jsonl")).map((row) => ({
  id: String(row._id),
  title: String(row.title ?? ""),
  text: `${String(row.title ?? "")}\n${String(row.text ?? "")}`,
}));
const judged = new Set([...qrels.values()].flatMap((judgements) => [...judgements.keys()]));
let documents = allDocuments;
if (others !== undefined) {
  const random = createUniformRandom(12);
  const rest = allDocuments.filter((document) => !judged.has(document.id));
  for (let index = rest.length - 1; index > 0; index -= 1) {
    const swap = Math.floor(random() * (index + 1));
    [rest[index], rest[swap]] = [rest[swap] as (typeof rest)[number], rest[index] as (typeof rest)[number]];
  }
  const kept = new Set([...judged, ...rest.slice(0, others).map((document) => document.id)]);
  documents = allDocuments.filter((document) => kept.has(document.id));
}
const claims = new Map((await jsonLines("queries.jsonl")).map((row) => [String(row._id), String(row.text)]));
const queryIds = [...qrels.keys()];

const embedder = await createTransformersEmbedder({ modelsDir: "models", modelId: DEFAULT_EMBED_MODEL });
const chunks = documents.flatMap((document) => chunkDocument({ document, counter: embedder }));
const sentences: StoredSentence[] = documents.flatMap((document) =>
  splitSentences(document.text).map((span) => ({ docId: document.id, ...span })),
);
const documentTexts = new Map(documents.map((document) => [document.id, document.text]));
const queryVectors = await embedder.embed(
  queryIds.map((id) => claims.get(id) as string),
  "query",
);
const bm25 = Bm25Index.build(documents.map((document) => ({ chunkId: document.id, text: document.text.replace("\n", " ") })));
const bm25Rankings = queryIds.map((id) => bm25.search(claims.get(id) as string, 100).map((hit) => hit.chunkId));

const cacheDir = path.join(
  os.tmpdir(),
  "xi-peru-bench-vectors",
  `scifact-chunk-vectors-${embedder.modelId.replaceAll("/", "__")}-${embedder.maxTokens}-${documents.length}${onePass ? "-one-pass" : ""}`,
);
await mkdir(cacheDir, { recursive: true });
const loads: string[] = [`${os.loadavg()[0]?.toFixed(1)} at start`];

interface Scores {
  dense: { ndcg: number; recall: number }[];
  hybrid: { ndcg: number; recall: number }[];
  weighted: { ndcg: number; recall: number }[];
}
const scores = new Map<ChunkVectorMethod, Scores>();
const seconds = new Map<ChunkVectorMethod, number>();
const embeddedTexts = new Map<ChunkVectorMethod, number>();
let sharedPass: ReturnType<typeof embedIndexTexts> | undefined;
for (const method of methods) {
  const file = path.join(cacheDir, method);
  let vectors: Float32Array;
  try {
    const [meta, bytes] = await Promise.all([readFile(`${file}.json`, "utf8"), readFile(`${file}.f32`)]);
    vectors = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    if (vectors.length !== chunks.length * embedder.dimensions) throw new Error("stale cache");
    const cached = JSON.parse(meta) as { seconds: number; embeddedTexts: number };
    seconds.set(method, cached.seconds);
    embeddedTexts.set(method, cached.embeddedTexts);
  } catch {
    const started = performance.now();
    const embed = (chunkMethod: ChunkVectorMethod) =>
      embedIndexTexts({
        method: "separate-pass",
        chunkMethod,
        chunks,
        sentences,
        documentTexts,
        embedder,
        counter: embedder,
        batchSize: 32,
        onProgress: (done, total) => process.stderr.write(`\r${chunkMethod}: ${done}/${total}`),
      });
    if (onePass) sharedPass ??= embed("own-pass");
    const embedded = await (onePass ? (sharedPass as ReturnType<typeof embed>) : embed(method));
    seconds.set(method, (performance.now() - started) / 1000);
    embeddedTexts.set(method, embedded.embeddedTexts);
    vectors = new Float32Array(chunks.length * embedder.dimensions);
    const chunkVectors =
      onePass && method === "sentence-mean"
        ? (chunkVectorsFromSentences({ chunks, sentences, sentenceVectors: embedded.sentenceVectors, dimensions: embedder.dimensions }).map(
            (vector, row) => vector ?? (embedded.chunkVectors[row] as Float32Array),
          ) as Float32Array[])
        : embedded.chunkVectors;
    chunkVectors.forEach((vector, row) => {
      vectors.set(vector, row * embedder.dimensions);
    });
    await writeFile(`${file}.f32`, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
    await writeFile(`${file}.json`, JSON.stringify({ seconds: seconds.get(method), embeddedTexts: embedded.embeddedTexts }));
    process.stderr.write("\n");
    loads.push(`${os.loadavg()[0]?.toFixed(1)} after ${method}`);
  }
  const result: Scores = { dense: [], hybrid: [], weighted: [] };
  queryVectors.forEach((query, index) => {
    const best = new Map<string, number>();
    chunks.forEach((chunk, row) => {
      let dot = 0;
      const base = row * embedder.dimensions;
      for (let column = 0; column < embedder.dimensions; column += 1) dot += (vectors[base + column] as number) * (query[column] as number);
      if (dot > (best.get(chunk.docId) ?? Number.NEGATIVE_INFINITY)) best.set(chunk.docId, dot);
    });
    const dense = [...best.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 100)
      .map(([id]) => id);
    const judgements = qrels.get(queryIds[index] as string) as Map<string, number>;
    const lists = (weight: number): RankedList[] => [
      { hits: (bm25Rankings[index] as string[]).map((chunkId) => ({ chunkId })) },
      { hits: dense.map((chunkId) => ({ chunkId })), weight },
    ];
    result.dense.push(scoreRanking(dense, judgements));
    result.hybrid.push(
      scoreRanking(
        reciprocalRankFusion(lists(1), { k: 60 }).map((hit) => hit.chunkId),
        judgements,
      ),
    );
    result.weighted.push(
      scoreRanking(
        reciprocalRankFusion(lists(0.5), { k: 60 }).map((hit) => hit.chunkId),
        judgements,
      ),
    );
  });
  scores.set(method, result);
}
loads.push(`${os.loadavg()[0]?.toFixed(1)} at end`);
if (methods.length < CHUNK_VECTOR_METHODS.length) process.exit(0);

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const bm25Scores = queryIds.map((id, index) => scoreRanking(bm25Rankings[index] as string[], qrels.get(id) as Map<string, number>));
console.log(
  `SciFact test: ${queryIds.length} claims over ${documents.length.toLocaleString("en-US")} abstracts` +
    `${others === undefined ? "" : ` (the ${judged.size} judged for a test claim + ${others} others, fixed seed)`}; ` +
    `${chunks.length.toLocaleString("en-US")} chunks, ${sentences.length.toLocaleString("en-US")} sentences; ${embedder.modelId}; ` +
    `an abstract scores its best chunk. Load average (1 min) ${loads.join(", ")}; ${os.cpus().length} CPUs, Node ${process.version}.`,
);
console.log("");
console.log("| chunk vectors | ranking | nDCG@10 | recall@100 |");
console.log("| --- | --- | ---: | ---: |");
console.log(
  `| | BM25 (k1 0.9, b 0.4) | ${mean(bm25Scores.map((score) => score.ndcg)).toFixed(4)} | ${mean(bm25Scores.map((score) => score.recall)).toFixed(4)} |`,
);
const labels = { dense: "dense, exact cosine", hybrid: "hybrid, RRF k=60, top 100 each", weighted: "hybrid, dense weight 0.5" } as const;
for (const method of CHUNK_VECTOR_METHODS) {
  const result = scores.get(method) as Scores;
  for (const kind of ["dense", "hybrid", "weighted"] as const) {
    const rows = result[kind];
    console.log(
      `| ${method} | ${labels[kind]} | ${mean(rows.map((score) => score.ndcg)).toFixed(4)} | ${mean(rows.map((score) => score.recall)).toFixed(4)} |`,
    );
  }
}
console.log("");
if (onePass) {
  console.log(
    `One build (chunks and sentences together): ${embeddedTexts.get("own-pass")?.toLocaleString("en-US")} texts through the model, ${seconds.get("own-pass")?.toFixed(0)} s; sentence-mean chunk vectors from its sentence vectors.`,
  );
} else {
  for (const method of CHUNK_VECTOR_METHODS) {
    console.log(
      `${method}: ${embeddedTexts.get(method)?.toLocaleString("en-US")} texts through the model, ${seconds.get(method)?.toFixed(0)} s embedding (chunk + sentence vectors).`,
    );
  }
}
const [own, means] = CHUNK_VECTOR_METHODS.map((method) => scores.get(method) as Scores) as [Scores, Scores];
for (const kind of ["dense", "hybrid", "weighted"] as const) {
  const difference = bootstrap(means[kind].map((score, index) => score.ndcg - (own[kind][index]?.ndcg ?? 0)));
  console.log(
    `nDCG@10 sentence-mean minus own-pass, ${labels[kind]}, paired over the claims: ${difference.mean.toFixed(4)} (bootstrap 95% interval ${difference.low.toFixed(4)} to ${difference.high.toFixed(4)}).`,
  );
}
