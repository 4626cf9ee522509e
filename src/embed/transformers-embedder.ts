// Node adapter: the only place that configures transformers.js and loads onnxruntime-node.
import path from "node:path";
import { AutoTokenizer, env, type FeatureExtractionPipeline, pipeline } from "@xenova/transformers";
import type { Embedder, TokenCounter } from "./embedder.ts";

export interface TransformersEmbedderOptions {
  /** Folder holding `<modelId>/` in the transformers.js layout. */
  modelsDir: string;
  modelId: string;
  /** Only when the operator opts in (ALLOW_REMOTE_MODELS=1) may a missing model be downloaded. */
  allowRemoteModels?: boolean;
  /** Texts per forward pass. */
  batchSize?: number;
}

export interface LocalEmbedder extends Embedder, TokenCounter {}

/** Sequence length all-MiniLM-L6-v2 was trained with (sentence_bert_config.json). */
const DEFAULT_MAX_TOKENS = 256;

export class ModelNotFoundError extends Error {
  readonly code = "model_not_found";
  constructor(modelId: string, modelsDir: string, cause: unknown) {
    super(`Embedding model "${modelId}" is not in ${modelsDir} and remote downloads are off (set ALLOW_REMOTE_MODELS=1 to allow them)`, {
      cause,
    });
  }
}

export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<LocalEmbedder> {
  const { modelsDir, modelId, allowRemoteModels = false, batchSize = 32 } = options;
  env.allowRemoteModels = allowRemoteModels;
  env.allowLocalModels = true;
  env.localModelPath = `${path.resolve(modelsDir)}/`;
  let extractor: FeatureExtractionPipeline;
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  try {
    extractor = await pipeline("feature-extraction", modelId, { quantized: true });
    tokenizer = await AutoTokenizer.from_pretrained(modelId);
  } catch (error) {
    throw new ModelNotFoundError(modelId, modelsDir, error);
  }
  const config = extractor.model.config as { hidden_size?: number };
  const dimensions = config.hidden_size ?? 384;
  const modelMax = (tokenizer as { model_max_length?: number }).model_max_length ?? DEFAULT_MAX_TOKENS;
  const maxTokens = Math.min(modelMax, DEFAULT_MAX_TOKENS);
  // The pipeline truncates at the tokenizer's model_max_length (512 for this model), but the model
  // was trained on 256 word pieces, as sentence-transformers truncates it: match that.
  (extractor.tokenizer as { model_max_length: number }).model_max_length = maxTokens;

  return {
    modelId,
    dimensions,
    pooling: "mean",
    normalized: true,
    maxTokens,
    countTokens(text: string): number {
      return tokenizer.encode(text, null, { add_special_tokens: false }).length;
    },
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      const vectors: Float32Array[] = [];
      for (let offset = 0; offset < texts.length; offset += batchSize) {
        const batch = texts.slice(offset, offset + batchSize);
        const output = await extractor(batch as string[], { pooling: "mean", normalize: true });
        const data = output.data as Float32Array;
        for (let row = 0; row < batch.length; row += 1) {
          vectors.push(data.slice(row * dimensions, (row + 1) * dimensions));
        }
      }
      return vectors;
    },
  };
}
