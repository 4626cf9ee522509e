import type { AssetFetcher } from "../../cloudflare/assets.ts";
import { createEngine } from "../../create-engine.ts";
import type { Embedder } from "../../embed/embedder.ts";
import {
  createWorkersAiEmbedder,
  MULTILINGUAL_WORKERS_AI_MODEL,
  WORKERS_AI_EMBEDDING_MODELS,
  type WorkersAi,
} from "../../embed/workers-ai-embedder.ts";
import type { Engine } from "../../engine.ts";
import { ConfigError } from "../../errors.ts";
import type { Logger } from "../../observe/logger.ts";
import { readIndexFromAssets } from "../../store/asset-index.ts";
import { FlatIndex } from "../../store/flat-index.ts";
import type { IndexData } from "../../store/index-data.ts";
import { embedderMatches } from "../../store/manifest.ts";
import type { VectorIndex } from "../../store/vector-index.ts";
import { type Vectorize, VectorizeIndex } from "../../store/vectorize-index.ts";
import type { LanguageModel } from "../../write/language-model.ts";
import { createOpenAiCompatibleModel } from "../../write/providers/openai-compatible-model.ts";
import { createWorkersAiModel, type WorkersAiTextBinding } from "../../write/providers/workers-ai-model.ts";
import type { WorkerConfig } from "./worker-config.ts";

/** The bindings wrangler.toml declares. AI and VECTORIZE are optional so the Worker still answers (BM25 alone) without them. */
export interface WorkerBindings {
  readonly ASSETS: AssetFetcher;
  readonly AI?: WorkersAi;
  readonly VECTORIZE?: Vectorize;
}

/**
 * Builds the Worker's engine from the bundled index. Dense search needs the bundled vectors to come
 * from the Worker's embedding model (otherwise `createEngine` answers from BM25 alone and says why),
 * an AI binding, and with VECTOR_SEARCH=vectorize a VECTORIZE binding.
 */
export async function loadWorkerEngine(options: { bindings: WorkerBindings; config: WorkerConfig; logger?: Logger }): Promise<Engine> {
  const { bindings, config, logger } = options;
  const data = await readIndexFromAssets(bindings.ASSETS);
  const embedder: Embedder = bindings.AI
    ? createWorkersAiEmbedder({ ai: bindings.AI, modelId: config.embedModel })
    : unavailableEmbedder(config.embedModel);
  // With other models on the two sides createEngine ignores the vector index, so any will do then.
  const vectorIndex = embedderMatches(data.manifest, embedder) ? chooseVectorIndex({ data, bindings, config }) : flatIndex(data);
  const model = workerLanguageModel({ bindings, config });
  return createEngine({
    data,
    embedder,
    vectorIndex,
    writer: model ? { model, timeoutMs: config.writer.timeoutMs, logger } : undefined,
    notes: matchingModelNotes(data.manifest.model.id),
  });
}

/**
 * Bundled vectors from a model Workers AI does not serve (the local default, multilingual-e5-small)
 * can never be searched in the Worker: say which Workers AI model would do instead.
 */
function matchingModelNotes(indexModelId: string): string[] {
  if (WORKERS_AI_EMBEDDING_MODELS[indexModelId]) return [];
  return [
    `the bundled vectors come from "${indexModelId}", which Workers AI does not serve; for dense search in the Worker set EMBED_MODEL ` +
      `to a Workers AI model and run npm run index:worker with Cloudflare credentials: ${MULTILINGUAL_WORKERS_AI_MODEL} is multilingual ` +
      "(English, Spanish, Chinese), the bge-*-en-v1.5 models are English-only",
  ];
}

function workerLanguageModel(options: { bindings: WorkerBindings; config: WorkerConfig }): LanguageModel | undefined {
  const { writer } = options.config;
  if (writer.kind === "openai")
    return createOpenAiCompatibleModel({ baseUrl: writer.baseUrl as string, model: writer.model as string, apiKey: writer.apiKey });
  if (writer.kind !== "workers-ai") return undefined;
  if (!options.bindings.AI)
    throw new ConfigError("LLM is workers-ai but the Worker has no AI binding; add one to wrangler.toml or set LLM to off");
  return createWorkersAiModel({ ai: options.bindings.AI as unknown as WorkersAiTextBinding, model: writer.model });
}

/** Stands in when there is no AI binding: its model matches no index, so the engine answers from BM25 alone and says why. */
function unavailableEmbedder(modelId: string): Embedder {
  return {
    modelId: `none (the Worker has no AI binding for ${modelId})`,
    dimensions: 0,
    pooling: "mean",
    normalized: true,
    embed: () => Promise.reject(new ConfigError("the Worker has no AI binding")),
  };
}

function flatIndex(data: IndexData): FlatIndex {
  return new FlatIndex({
    dimensions: data.manifest.model.dimensions,
    vectors: data.chunkVectors,
    chunkIds: data.chunks.map((chunk) => chunk.id),
  });
}

function chooseVectorIndex(options: { data: IndexData; bindings: WorkerBindings; config: WorkerConfig }): VectorIndex {
  const { data, bindings, config } = options;
  if (config.vectorSearch === "flat") return flatIndex(data);
  if (!bindings.VECTORIZE)
    throw new ConfigError(
      "VECTOR_SEARCH is vectorize but the Worker has no VECTORIZE binding; add one to wrangler.toml or set VECTOR_SEARCH to flat",
    );
  return new VectorizeIndex({ binding: bindings.VECTORIZE, dimensions: data.manifest.model.dimensions, size: data.chunks.length });
}
