// One run of bench/query-path.ts: where a query's time goes in one stack, in its own process (the two
// onnxruntime-node builds crash when loaded into one process). Prints one JSON line.
//   npx tsx bench/query-path-stack.ts --stack ours|langchain --questions FILE --vectors 3582
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PretrainedModelOptions } from "@huggingface/transformers";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import { randomUnitVectors } from "./hnsw/random-vectors.ts";
import { timeEach } from "./time-each.ts";

export interface StageTimes {
  readonly label: string;
  /** Milliseconds per question for each stage, in question order. */
  readonly stages: Record<string, number[]>;
}

const MODELS_DIR = "models";
const TOP_K = 5;

function rows(vectors: Float32Array, dimensions: number): number[][] {
  return Array.from({ length: vectors.length / dimensions }, (_, row) =>
    Array.from(vectors.subarray(row * dimensions, (row + 1) * dimensions)),
  );
}

/** Ours: the embedder as the server runs it, its tokenizer and session alone, and HnswIndex with the efSearch for this size. */
async function profileOurs(questions: readonly string[], vectorCount: number): Promise<StageTimes> {
  const { createTransformersEmbedder } = await import("../src/embed/transformers-embedder.ts");
  const { HnswIndex } = await import("../src/store/hnsw-index.ts");
  const { hnswSettingsFor } = await import("../src/store/ef-search.ts");
  const { AutoTokenizer, pipeline, Tensor } = await import("@xenova/transformers");
  const embedder = await createTransformersEmbedder({ modelsDir: MODELS_DIR, modelId: DEFAULT_EMBED_MODEL });
  const tokenizer = await AutoTokenizer.from_pretrained(DEFAULT_EMBED_MODEL);
  const extractor = await pipeline("feature-extraction", DEFAULT_EMBED_MODEL, { quantized: true });
  const session = (extractor.model as unknown as { session: { run(feeds: Record<string, unknown>): Promise<unknown> } }).session;
  const vectors = randomUnitVectors({ count: vectorCount, dimensions: embedder.dimensions, seed: 42 });
  const index = HnswIndex.build({
    vectors,
    chunkIds: Array.from({ length: vectorCount }, (_, row) => `c${row}`),
    dimensions: embedder.dimensions,
    settings: hnswSettingsFor(vectorCount),
  });
  const feedsFor = (question: string) => {
    const ids = tokenizer.encode(question);
    const dims = [1, ids.length];
    return {
      input_ids: new Tensor("int64", BigInt64Array.from(ids, BigInt), dims),
      attention_mask: new Tensor("int64", new BigInt64Array(ids.length).fill(1n), dims),
      token_type_ids: new Tensor("int64", new BigInt64Array(ids.length), dims),
    };
  };
  const queryVectors = await embedder.embed(questions, "query");
  // Inputs are built before the timer, so the forward row is the session alone.
  const feeds = new Map(["warm-up question", ...questions].map((question) => [question, feedsFor(question)]));
  let next = 0;
  return {
    label: `ours (@xenova/transformers 2.17, onnxruntime-node 1.14; HnswIndex efSearch ${hnswSettingsFor(vectorCount).efSearch})`,
    stages: {
      "embed (whole)": await timeEach(questions, (question) => embedder.embed([question], "query")),
      tokenise: await timeEach(questions, async (question) => tokenizer.encode(question)),
      "forward (session.run)": await timeEach(questions, (question) => session.run(feeds.get(question) ?? {})),
      [`search top ${TOP_K}`]: await timeEach(questions, () =>
        index.search(queryVectors[next++ % queryVectors.length] as Float32Array, TOP_K),
      ),
    },
  };
}

/** LangChain: HuggingFaceTransformersEmbeddings.embedQuery, its pipeline's tokenizer and session alone, and HNSWLib at its defaults. */
async function profileLangChain(questions: readonly string[], vectorCount: number): Promise<StageTimes> {
  const { env, pipeline } = await import("@huggingface/transformers");
  const { HuggingFaceTransformersEmbeddings } = await import("@langchain/community/embeddings/huggingface_transformers");
  const { HNSWLib } = await import("@langchain/community/vectorstores/hnswlib");
  const { Document } = await import("@langchain/core/documents");
  env.allowRemoteModels = false;
  env.localModelPath = `${path.resolve(MODELS_DIR)}/`;
  const pretrainedOptions: PretrainedModelOptions = { dtype: "q8" };
  const embeddings = new HuggingFaceTransformersEmbeddings({ model: DEFAULT_EMBED_MODEL, pretrainedOptions });
  const extractor = await pipeline("feature-extraction", DEFAULT_EMBED_MODEL, pretrainedOptions);
  const session = (extractor.model as unknown as { sessions: { model: { run(feeds: Record<string, unknown>): Promise<unknown> } } })
    .sessions.model;
  const dimensions = 384;
  const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions });
  const vectors = rows(randomUnitVectors({ count: vectorCount, dimensions, seed: 42 }), dimensions);
  await store.addVectors(
    vectors,
    vectors.map((_, row) => new Document({ pageContent: `c${row}` })),
  );
  const queryVectors = await embeddings.embedDocuments([...questions]);
  const feedsFor = (question: string) => {
    const inputs = extractor.tokenizer([question], { padding: true, truncation: true }) as Record<string, { ort_tensor: unknown }>;
    return Object.fromEntries(Object.entries(inputs).map(([name, tensor]) => [name, tensor.ort_tensor]));
  };
  const feeds = new Map(["warm-up question", ...questions].map((question) => [question, feedsFor(question)]));
  let next = 0;
  return {
    label: "LangChain.js (HuggingFaceTransformersEmbeddings on @huggingface/transformers 3.8, onnxruntime-node 1.21; HNSWLib ef 10)",
    stages: {
      "embed (whole)": await timeEach(questions, (question) => embeddings.embedQuery(question)),
      tokenise: await timeEach(questions, async (question) => extractor.tokenizer([question], { padding: true, truncation: true })),
      "forward (session.run)": await timeEach(questions, (question) => session.run(feeds.get(question) ?? {})),
      [`search top ${TOP_K}`]: await timeEach(questions, () =>
        store.similaritySearchVectorWithScore(queryVectors[next++ % queryVectors.length] as number[], TOP_K),
      ),
    },
  };
}

const { values } = parseArgs({ options: { stack: { type: "string" }, questions: { type: "string" }, vectors: { type: "string" } } });
if (!values.questions || !values.vectors || !["ours", "langchain"].includes(values.stack ?? "")) {
  throw new Error("usage: query-path-stack.ts --stack ours|langchain --questions FILE --vectors N");
}
const questions = JSON.parse(await readFile(values.questions, "utf8")) as string[];
const vectorCount = Number(values.vectors);
const result = values.stack === "ours" ? await profileOurs(questions, vectorCount) : await profileLangChain(questions, vectorCount);
process.stdout.write(`${JSON.stringify(result)}\n`);
