// One run of one stack for bench/langchain-compare.ts, in its own process so peak RSS is the stack's
// own (and the two onnxruntime-node builds never share a process). Prints one JSON line.
//   npx tsx bench/langchain-compare-stacks.ts --stack ours|ours-late|ours-mean|ours-chunks|langchain|langchain-batch-32 --corpus DIR --questions FILE
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PretrainedModelOptions } from "@huggingface/transformers";
import type { SpanEmbedder } from "../src/embed/span-embedder.ts";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import type { ChunkVectorMethod, SentenceVectorMethod } from "../src/ingest/embed-index-texts.ts";
import { stackRows } from "./stack-rows.ts";
import { timeEach } from "./time-each.ts";

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
}

export interface StackResult {
  readonly label: string;
  readonly chunks: number;
  readonly embeddedTexts: number;
  readonly buildSeconds: number;
  /** CPU time (user + system, all threads) of the build: less moved by other work on a shared machine than wall time. */
  readonly buildCpuSeconds: number;
  /** Milliseconds per question: embed the question, then top 5 by vector search. */
  readonly query: LatencySummary;
  /** Our full hybrid retrieval, for reference (ours only). */
  readonly hybridQuery?: LatencySummary;
  readonly peakRssBytes: number;
}

const MODELS_DIR = "models";
const TOP_K = 5;

/** Nearest-rank percentile. */
function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] as number;
}

async function latencies(questions: readonly string[], ask: (question: string) => Promise<unknown>): Promise<LatencySummary> {
  const milliseconds = (await timeEach(questions, ask)).sort((a, b) => a - b);
  return { p50: percentile(milliseconds, 0.5), p99: percentile(milliseconds, 0.99) };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

/** Counts the texts that reach the model, through either entry point. */
function countingEmbedder(embedder: SpanEmbedder): { embedder: SpanEmbedder; texts: () => number } {
  let texts = 0;
  return {
    embedder: {
      modelId: embedder.modelId,
      dimensions: embedder.dimensions,
      pooling: embedder.pooling,
      normalized: embedder.normalized,
      embed(batch, purpose) {
        texts += batch.length;
        return embedder.embed(batch, purpose);
      },
      embedWithSpans(batch, purpose) {
        texts += batch.length;
        return embedder.embedWithSpans(batch, purpose);
      },
    },
    texts: () => texts,
  };
}

/**
 * Ours. With `fullIndex`: what `npm run index` builds (buildIndex: chunks, sentence vectors for answer
 * quotes made by that method, chunk vectors by `chunkVectors`, BM25) plus the HNSW graph. Without: LangChain's job only: our loader,
 * chunker, length-ordered embedding of the chunks and the HNSW graph, without sentence vectors or BM25.
 */
async function runOurs(options: {
  corpusDir: string;
  questions: readonly string[];
  fullIndex: SentenceVectorMethod | undefined;
  chunkVectors?: ChunkVectorMethod;
}): Promise<Omit<StackResult, "peakRssBytes">> {
  const { corpusDir, questions, fullIndex, chunkVectors } = options;
  const { createTransformersEmbedder } = await import("../src/embed/transformers-embedder.ts");
  const { loadCorpus } = await import("../src/ingest/load-corpus.ts");
  const { buildIndex } = await import("../src/ingest/build-index.ts");
  const { chunkDocument } = await import("../src/ingest/chunk.ts");
  const { embedInLengthOrder } = await import("../src/ingest/embed-batches.ts");
  const { HnswIndex } = await import("../src/store/hnsw-index.ts");
  const { hnswSettingsFor } = await import("../src/store/ef-search.ts");
  const { createKnowledgeBase } = await import("../src/retrieve/knowledge-base.ts");
  const { retrieve } = await import("../src/retrieve/retriever.ts");

  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const model = await createTransformersEmbedder({ modelsDir: MODELS_DIR, modelId: DEFAULT_EMBED_MODEL });
  const counting = countingEmbedder(model);
  const documents = await loadCorpus(corpusDir);
  const built = fullIndex
    ? (await buildIndex({ documents, embedder: counting.embedder, counter: model, sentenceVectors: fullIndex, chunkVectors })).data
    : undefined;
  const chunkList = built?.chunks ?? documents.flatMap((document) => chunkDocument({ document, counter: model }));
  const vectors =
    built?.chunkVectors ??
    stackRows(
      await embedInLengthOrder({
        texts: chunkList.map((chunk) => chunk.text),
        embedder: counting.embedder,
        batchSize: 32,
        lengthOf: (text) => model.countTokens(text),
      }),
      model.dimensions,
    );
  const vectorIndex = HnswIndex.build({
    vectors,
    chunkIds: chunkList.map((chunk) => chunk.id),
    dimensions: model.dimensions,
    settings: hnswSettingsFor(chunkList.length),
  });
  const buildSeconds = (performance.now() - started) / 1000;
  const buildCpuSeconds = cpuSecondsSince(cpuAtStart);

  const chunks = new Map(chunkList.map((chunk) => [chunk.id, chunk]));
  const query = await latencies(questions, async (question) => {
    const [vector] = await model.embed([question], "query");
    const hits = await vectorIndex.search(vector as Float32Array, TOP_K);
    return hits.map((hit) => chunks.get(hit.chunkId));
  });
  const result = { chunks: chunkList.length, embeddedTexts: counting.texts(), buildSeconds, buildCpuSeconds, query };
  if (!built) return { label: "ours, same job (loadCorpus, chunkDocument, embedInLengthOrder, HnswIndex)", ...result };
  const knowledge = createKnowledgeBase({ data: built, vectorIndex });
  const hybridQuery = await latencies(questions, async (question) => {
    const [vector] = await model.embed([question], "query");
    return retrieve({ knowledge, query: question, queryVector: vector, topK: TOP_K });
  });
  const how =
    chunkVectors === "sentence-mean"
      ? `chunk vectors by sentence-mean, sentence vectors by ${fullIndex}`
      : `sentence vectors by ${fullIndex}`;
  return { label: `ours, full index, ${how} (buildIndex + BM25; HnswIndex)`, ...result, hybridQuery };
}

/**
 * LangChain.js: DirectoryLoader + TextLoader, RecursiveCharacterTextSplitter, HuggingFaceTransformersEmbeddings,
 * HNSWLib. `batchSize` undefined keeps LangChain's default (512 texts per call, all calls at once).
 */
async function runLangChain(options: {
  corpusDir: string;
  questions: readonly string[];
  batchSize: number | undefined;
}): Promise<Omit<StackResult, "peakRssBytes">> {
  const { corpusDir, questions, batchSize } = options;
  const { env } = await import("@huggingface/transformers");
  const { HuggingFaceTransformersEmbeddings } = await import("@langchain/community/embeddings/huggingface_transformers");
  const { HNSWLib } = await import("@langchain/community/vectorstores/hnswlib");
  const { RecursiveCharacterTextSplitter } = await import("@langchain/textsplitters");
  const { DirectoryLoader } = await import("@langchain/classic/document_loaders/fs/directory");
  const { TextLoader } = await import("@langchain/classic/document_loaders/fs/text");
  // LangChain's embeddings run @huggingface/transformers 3, a different package from the
  // @xenova/transformers that src/embed configures, so it is pointed at the same local model folder here.
  env.allowRemoteModels = false;
  env.localModelPath = `${path.resolve(MODELS_DIR)}/`;

  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const loader = new DirectoryLoader(corpusDir, { ".txt": (file: string) => new TextLoader(file) });
  const documents = await loader.load();
  // Chosen so that both stacks cut the corpus into about as many chunks of about the same size.
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 500, chunkOverlap: 80 });
  const chunks = await splitter.splitDocuments(documents);
  // `dtype: "q8"` selects onnx/model_quantized.onnx, the file our embedder loads; other options are LangChain's
  // defaults. The pipeline takes model options, which LangChain's narrower type does not list.
  const pretrainedOptions: PretrainedModelOptions = { dtype: "q8" };
  const embeddings = new HuggingFaceTransformersEmbeddings({ model: DEFAULT_EMBED_MODEL, pretrainedOptions });
  if (batchSize !== undefined) embeddings.batchSize = batchSize;
  const store = await HNSWLib.fromDocuments(chunks, embeddings);
  const buildSeconds = (performance.now() - started) / 1000;
  const buildCpuSeconds = cpuSecondsSince(cpuAtStart);

  const query = await latencies(questions, (question) => store.similaritySearch(question, TOP_K));
  return {
    label:
      batchSize === undefined
        ? "LangChain.js (RecursiveCharacterTextSplitter + HuggingFaceTransformersEmbeddings + HNSWLib), defaults"
        : `LangChain.js, same stack with embeddings batchSize ${batchSize}`,
    chunks: chunks.length,
    embeddedTexts: chunks.length,
    buildSeconds,
    buildCpuSeconds,
    query,
  };
}

/** Stack name -> how it runs (bench/langchain-compare.ts names them too). */
const STACKS = {
  ours: { fullIndex: "separate-pass" },
  "ours-late": { fullIndex: "late-chunking" },
  "ours-mean": { fullIndex: "separate-pass", chunkVectors: "sentence-mean" },
  "ours-chunks": { fullIndex: undefined },
  langchain: { batchSize: undefined },
  "langchain-batch-32": { batchSize: 32 },
} as const satisfies Record<
  string,
  { fullIndex: SentenceVectorMethod | undefined; chunkVectors?: ChunkVectorMethod } | { batchSize: number | undefined }
>;

const { values } = parseArgs({ options: { stack: { type: "string" }, corpus: { type: "string" }, questions: { type: "string" } } });
const stack = STACKS[values.stack as keyof typeof STACKS] as (typeof STACKS)[keyof typeof STACKS] | undefined;
if (!values.corpus || !values.questions || !stack) {
  throw new Error(`usage: langchain-compare-stacks.ts --stack ${Object.keys(STACKS).join("|")} --corpus DIR --questions FILE`);
}
const questions = JSON.parse(await readFile(values.questions, "utf8")) as string[];
const result =
  "batchSize" in stack
    ? await runLangChain({ corpusDir: values.corpus, questions, batchSize: stack.batchSize })
    : await runOurs({
        corpusDir: values.corpus,
        questions,
        fullIndex: stack.fullIndex,
        chunkVectors: "chunkVectors" in stack ? stack.chunkVectors : undefined,
      });
// maxRSS is in kilobytes.
const output: StackResult = { ...result, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
process.stdout.write(`${JSON.stringify(output)}\n`);
