// Retrieval quality on BEIR SciFact: BM25, dense (multilingual-e5-small and all-MiniLM-L6-v2, exact cosine)
// and their RRF fusion, both models in the same run.
// Usage: tsx bench/scifact.ts /path/to/scifact [--models id,id]
// The dataset is read in place and never copied; document embeddings are cached under the OS temp dir.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTransformersEmbedder, type LocalEmbedder } from "../src/embed/transformers-embedder.ts";
import { type RankedList, reciprocalRankFusion } from "../src/retrieve/rrf.ts";
import { Bm25Index } from "../src/store/bm25.ts";
import { FlatIndex } from "../src/store/flat-index.ts";

const MODEL_IDS = ["intfloat/multilingual-e5-small", "sentence-transformers/all-MiniLM-L6-v2"];
/** Published nDCG@10 on the SciFact test split (BEIR paper for BM25, MTEB for MiniLM). */
const PUBLISHED_NDCG: Readonly<Record<string, number>> = { bm25: 0.665, "sentence-transformers/all-MiniLM-L6-v2": 0.645 };
const RETRIEVAL_DEPTH = 1000;
/** Texts per forward pass, as the embedder's default; the cache check depends on it (see cacheStillMatches). */
const EMBED_BATCH_SIZE = 32;
const DENSE_WEIGHTS_TO_TRY = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

interface Document {
  readonly chunkId: string;
  readonly text: string;
}

/** query id -> document id -> graded relevance */
type Qrels = Map<string, Map<string, number>>;

type Ranking = readonly { readonly chunkId: string }[];

interface Scores {
  readonly ndcgAt10: number;
  readonly recallAt100: number;
}

async function readJsonLines(file: string): Promise<Record<string, unknown>[]> {
  const content = await readFile(file, "utf8");
  return content
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function readQrels(file: string): Promise<Qrels> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim() !== "");
  const qrels: Qrels = new Map();
  // The first line is the header "query-id corpus-id score".
  for (const line of lines.slice(1)) {
    const [queryId, documentId, relevance] = line.split("\t");
    if (queryId === undefined || documentId === undefined || relevance === undefined) {
      throw new Error(`malformed qrels line in ${file}: ${line}`);
    }
    let judged = qrels.get(queryId);
    if (judged === undefined) {
      judged = new Map();
      qrels.set(queryId, judged);
    }
    judged.set(documentId, Number(relevance));
  }
  return qrels;
}

/** nDCG@k as trec_eval/pytrec_eval compute it: gain = graded relevance, discount log2(rank + 1). */
function ndcgAt(ranking: Ranking, judged: ReadonlyMap<string, number>, k: number): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((hit, index) => {
    dcg += (judged.get(hit.chunkId) ?? 0) / Math.log2(index + 2);
  });
  const ideal = [...judged.values()]
    .filter((relevance) => relevance > 0)
    .sort((left, right) => right - left)
    .slice(0, k);
  const idealDcg = ideal.reduce((total, relevance, index) => total + relevance / Math.log2(index + 2), 0);
  return idealDcg > 0 ? dcg / idealDcg : 0;
}

function recallAt(ranking: Ranking, judged: ReadonlyMap<string, number>, k: number): number {
  const relevant = [...judged.entries()].filter(([, relevance]) => relevance > 0).map(([documentId]) => documentId);
  if (relevant.length === 0) {
    return 0;
  }
  const retrieved = new Set(ranking.slice(0, k).map((hit) => hit.chunkId));
  return relevant.filter((documentId) => retrieved.has(documentId)).length / relevant.length;
}

function evaluate(rankings: ReadonlyMap<string, Ranking>, qrels: Qrels): Scores {
  let ndcgTotal = 0;
  let recallTotal = 0;
  for (const [queryId, judged] of qrels) {
    const ranking = rankings.get(queryId) ?? [];
    ndcgTotal += ndcgAt(ranking, judged, 10);
    recallTotal += recallAt(ranking, judged, 100);
  }
  return { ndcgAt10: ndcgTotal / qrels.size, recallAt100: recallTotal / qrels.size };
}

/**
 * The cache key cannot see changes to the embedder's code (truncation, pooling), so re-embed the
 * first batch and compare it with the cached vectors. It must be the same batch as before: the int8
 * model quantises activations with one scale per batch, so a text's vector shifts slightly
 * (cosine about 0.996) with the other texts it is batched with.
 */
async function cacheStillMatches(options: {
  embedder: LocalEmbedder;
  documents: readonly Document[];
  vectors: Float32Array;
}): Promise<boolean> {
  const { embedder, documents, vectors } = options;
  const fresh = await embedder.embed(
    documents.slice(0, EMBED_BATCH_SIZE).map((document) => document.text),
    "passage",
  );
  return fresh.every((vector, row) => {
    const cached = vectors.subarray(row * embedder.dimensions, (row + 1) * embedder.dimensions);
    let dot = 0;
    for (let column = 0; column < embedder.dimensions; column += 1) {
      dot += (vector[column] as number) * (cached[column] as number);
    }
    return dot > 0.9999;
  });
}

/** Embeds the corpus once per (model, corpus, sequence length) and keeps the vectors in the temp dir. */
async function loadOrEmbedDocuments(
  embedder: LocalEmbedder,
  documents: readonly Document[],
): Promise<{ vectors: Float32Array; seconds: number; cached: boolean }> {
  const corpusHash = createHash("sha256");
  for (const document of documents) {
    corpusHash.update(document.chunkId).update("\0").update(document.text).update("\0");
  }
  const key = `${embedder.modelId.replaceAll("/", "__")}-${embedder.maxTokens}-${corpusHash.digest("hex").slice(0, 16)}`;
  const cacheDir = path.join(os.tmpdir(), "scifact-embeddings");
  const vectorsFile = path.join(cacheDir, `${key}.f32`);
  const metadataFile = path.join(cacheDir, `${key}.json`);
  const expectedFloats = documents.length * embedder.dimensions;
  try {
    const [buffer, metadata] = await Promise.all([readFile(vectorsFile), readFile(metadataFile, "utf8")]);
    if (buffer.byteLength === expectedFloats * 4) {
      const vectors = new Float32Array(buffer.buffer, buffer.byteOffset, expectedFloats).slice();
      if (await cacheStillMatches({ embedder, documents, vectors })) {
        return { vectors, seconds: (JSON.parse(metadata) as { seconds: number }).seconds, cached: true };
      }
      console.error("cached document vectors differ from the current embedder's output: embedding again");
    }
  } catch {
    // No cache yet: embed below.
  }
  const started = performance.now();
  const vectors = new Float32Array(expectedFloats);
  // A whole number of batches, so batches are the same whatever the progress step.
  const progressStep = 16 * EMBED_BATCH_SIZE;
  for (let offset = 0; offset < documents.length; offset += progressStep) {
    const batch = documents.slice(offset, offset + progressStep).map((document) => document.text);
    const embedded = await embedder.embed(batch, "passage");
    embedded.forEach((vector, row) => {
      vectors.set(vector, (offset + row) * embedder.dimensions);
    });
    const elapsed = (performance.now() - started) / 1000;
    console.error(`embedded ${Math.min(offset + progressStep, documents.length)}/${documents.length} documents in ${elapsed.toFixed(0)} s`);
  }
  const seconds = (performance.now() - started) / 1000;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(vectorsFile, new Uint8Array(vectors.buffer));
  await writeFile(metadataFile, JSON.stringify({ modelId: embedder.modelId, documents: documents.length, seconds }));
  return { vectors, seconds, cached: false };
}

function fuse(options: { bm25: Ranking; dense: Ranking; depth: number; denseWeight?: number }): Ranking {
  const lists: RankedList[] = [
    { hits: options.bm25.slice(0, options.depth) },
    { hits: options.dense.slice(0, options.depth), weight: options.denseWeight ?? 1 },
  ];
  return reciprocalRankFusion(lists, { k: 60 });
}

function fuseAll(options: {
  bm25: ReadonlyMap<string, Ranking>;
  dense: ReadonlyMap<string, Ranking>;
  depth: number;
  denseWeight?: number;
}): Map<string, Ranking> {
  const fused = new Map<string, Ranking>();
  for (const [queryId, bm25] of options.bm25) {
    const dense = options.dense.get(queryId) ?? [];
    fused.set(queryId, fuse({ bm25, dense, depth: options.depth, denseWeight: options.denseWeight }));
  }
  return fused;
}

async function main(): Promise<void> {
  const datasetDir = process.argv[2];
  if (datasetDir === undefined) {
    throw new Error("usage: tsx bench/scifact.ts <scifact dataset folder>");
  }
  const documents: Document[] = (await readJsonLines(path.join(datasetDir, "corpus.jsonl"))).map((row) => ({
    chunkId: String(row._id),
    text: `${String(row.title ?? "")} ${String(row.text ?? "")}`,
  }));
  const queryTexts = new Map(
    (await readJsonLines(path.join(datasetDir, "queries.jsonl"))).map((row) => [String(row._id), String(row.text)]),
  );
  const testQrels = await readQrels(path.join(datasetDir, "qrels", "test.tsv"));
  const trainQrels = await readQrels(path.join(datasetDir, "qrels", "train.tsv"));
  const queryIds = [...new Set([...testQrels.keys(), ...trainQrels.keys()])];
  for (const queryId of queryIds) {
    if (!queryTexts.has(queryId)) {
      throw new Error(`query ${queryId} is in the qrels but not in queries.jsonl`);
    }
  }

  const bm25Started = performance.now();
  const bm25Index = Bm25Index.build(documents);
  const bm25BuildSeconds = (performance.now() - bm25Started) / 1000;
  const bm25Rankings = new Map<string, Ranking>();
  const searchStarted = performance.now();
  for (const queryId of queryIds) {
    bm25Rankings.set(queryId, bm25Index.search(queryTexts.get(queryId) as string, RETRIEVAL_DEPTH));
  }
  const bm25SearchMilliseconds = (performance.now() - searchStarted) / queryIds.length;

  const rows: { method: string; scores: Scores; published?: number }[] = [
    { method: "BM25 (k1 0.9, b 0.4)", scores: evaluate(bm25Rankings, testQrels), published: PUBLISHED_NDCG.bm25 },
  ];
  const notes: string[] = [];
  const modelIds = (
    process.argv.find((argument) => argument.startsWith("--models="))?.slice("--models=".length) ?? MODEL_IDS.join(",")
  ).split(",");
  for (const modelId of modelIds) {
    const { rows: modelRows, note } = await denseAndHybrid({
      modelId,
      documents,
      queryIds,
      queryTexts,
      bm25Rankings,
      testQrels,
      trainQrels,
    });
    rows.push(...modelRows);
    notes.push(note);
  }

  console.log(
    `SciFact test: ${testQrels.size} queries, ${documents.length} documents; ${os.cpus().length} CPUs, Node ${process.version}, load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" / ")} at the end`,
  );
  console.log("");
  console.log("| Method | nDCG@10 | Recall@100 | Published nDCG@10 |");
  console.log("| --- | --- | --- | --- |");
  for (const row of rows) {
    const published = row.published === undefined ? "" : row.published.toFixed(3);
    console.log(`| ${row.method} | ${row.scores.ndcgAt10.toFixed(4)} | ${row.scores.recallAt100.toFixed(4)} | ${published} |`);
  }
  console.log("");
  console.log(
    `BM25: built in ${bm25BuildSeconds.toFixed(2)} s, ${bm25SearchMilliseconds.toFixed(2)} ms per query (top ${RETRIEVAL_DEPTH}).`,
  );
  for (const note of notes) console.log(note);
}

/** One model's dense ranking and its fusions with BM25; the dense weight is chosen on the train queries only. */
async function denseAndHybrid(options: {
  modelId: string;
  documents: readonly Document[];
  queryIds: readonly string[];
  queryTexts: ReadonlyMap<string, string>;
  bm25Rankings: ReadonlyMap<string, Ranking>;
  testQrels: Qrels;
  trainQrels: Qrels;
}): Promise<{ rows: { method: string; scores: Scores; published?: number }[]; note: string }> {
  const { modelId, documents, queryIds, queryTexts, bm25Rankings, testQrels, trainQrels } = options;
  const embedder = await createTransformersEmbedder({ modelsDir: "models", modelId, batchSize: EMBED_BATCH_SIZE });
  const { vectors, seconds: embedSeconds, cached } = await loadOrEmbedDocuments(embedder, documents);
  const flatIndex = new FlatIndex({ dimensions: embedder.dimensions, vectors, chunkIds: documents.map((document) => document.chunkId) });
  const queryVectors = await embedder.embed(
    queryIds.map((queryId) => queryTexts.get(queryId) as string),
    "query",
  );
  const denseRankings = new Map<string, Ranking>();
  queryIds.forEach((queryId, index) => {
    denseRankings.set(queryId, flatIndex.searchSync(queryVectors[index] as Float32Array, RETRIEVAL_DEPTH));
  });
  let bestWeight = 1;
  let bestTrainNdcg = -1;
  const trainNdcgByWeight: string[] = [];
  for (const denseWeight of DENSE_WEIGHTS_TO_TRY) {
    const { ndcgAt10 } = evaluate(fuseAll({ bm25: bm25Rankings, dense: denseRankings, depth: 100, denseWeight }), trainQrels);
    trainNdcgByWeight.push(`${denseWeight}: ${ndcgAt10.toFixed(4)}`);
    if (ndcgAt10 > bestTrainNdcg) {
      bestTrainNdcg = ndcgAt10;
      bestWeight = denseWeight;
    }
  }
  const name = modelId.split("/").pop() as string;
  return {
    rows: [
      {
        method: `Dense ${name} (int8, ${embedder.maxTokens} tokens), exact cosine`,
        scores: evaluate(denseRankings, testQrels),
        published: PUBLISHED_NDCG[modelId],
      },
      {
        method: `Hybrid BM25 + ${name}, RRF k=60, top-100 each`,
        scores: evaluate(fuseAll({ bm25: bm25Rankings, dense: denseRankings, depth: 100 }), testQrels),
      },
      {
        method: `Hybrid BM25 + ${name}, RRF k=60, top-1000 each`,
        scores: evaluate(fuseAll({ bm25: bm25Rankings, dense: denseRankings, depth: 1000 }), testQrels),
      },
      {
        method: `Hybrid BM25 + ${name}, top-100 each, dense weight ${bestWeight} (chosen on train)`,
        scores: evaluate(fuseAll({ bm25: bm25Rankings, dense: denseRankings, depth: 100, denseWeight: bestWeight }), testQrels),
      },
    ],
    note:
      `${name}: documents embedded in ${embedSeconds.toFixed(0)} s${cached ? " (earlier run, vectors read from cache)" : ""}; ` +
      `dense weight chosen on ${trainQrels.size} train queries, nDCG@10 by weight: ${trainNdcgByWeight.join(", ")}.`,
  };
}

await main();
