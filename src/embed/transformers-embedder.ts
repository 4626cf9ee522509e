// Node adapter: the only place that configures transformers.js and loads onnxruntime-node.
import path from "node:path";
import { env, type FeatureExtractionPipeline, pipeline, Tensor } from "@xenova/transformers";
import type { EmbedPrompts, EmbedPurpose, TokenCounter } from "./embedder.ts";
import { readModelMetadata } from "./model-metadata.ts";
import {
  poolOccurrences,
  type SpanEmbedder,
  type SpannedText,
  type SpannedVectors,
  type SpanStates,
  sumSpanStates,
} from "./span-embedder.ts";
import { cutToSequenceLength, type SpanTokenizer, tokenizeWithSpans } from "./span-tokens.ts";
import { cacheUnigramSegments } from "./unigram-segment-cache.ts";

export interface TransformersEmbedderOptions {
  /** Folder holding `<modelId>/` in the transformers.js layout. */
  modelsDir: string;
  modelId: string;
  /** Only when the operator opts in (ALLOW_REMOTE_MODELS=1) may a missing model be downloaded. */
  allowRemoteModels?: boolean;
  /** Texts per forward pass. */
  batchSize?: number;
}

export interface LocalEmbedder extends SpanEmbedder, TokenCounter {
  readonly prompts: EmbedPrompts;
  /** Token ids of `text` as the model reads it: special tokens added, no prefix, not truncated. */
  encode(text: string): number[];
}

/** Cap when the model folder names no sequence length (sentence_bert_config.json): BERT's position table. */
const FALLBACK_MAX_TOKENS = 512;

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
  try {
    extractor = await pipeline("feature-extraction", modelId, { quantized: true });
  } catch (error) {
    throw new ModelNotFoundError(modelId, modelsDir, error);
  }
  // The pipeline's own tokenizer: loading a second copy cost time and memory for nothing.
  const tokenizer = extractor.tokenizer;
  cacheUnigramSegments(tokenizer);
  const { prompts, maxSequenceLength } = await readModelMetadata({ modelsDir, modelId });
  const config = extractor.model.config as { hidden_size?: number };
  const dimensions = config.hidden_size ?? 384;
  const modelMax = (tokenizer as { model_max_length?: number }).model_max_length ?? FALLBACK_MAX_TOKENS;
  const maxTokens = Math.min(modelMax, maxSequenceLength ?? FALLBACK_MAX_TOKENS);
  const sepTokenId = (tokenizer as unknown as { sep_token_id: number }).sep_token_id;
  const model = extractor.model as unknown as (inputs: Record<string, Tensor>) => Promise<{ last_hidden_state: Tensor }>;
  const spanTokenizer: SpanTokenizer = {
    maxTokens,
    endTokenId: sepTokenId,
    encode: (text, withSpecialTokens) => tokenizer.encode(text, null, { add_special_tokens: withSpecialTokens }),
  };

  const countTokens = (text: string): number => tokenizer.encode(text, null, { add_special_tokens: false }).length;

  return {
    modelId,
    dimensions,
    pooling: "mean",
    normalized: true,
    prompts,
    maxTokens,
    passagePromptTokens: prompts.passage === "" ? 0 : countTokens(prompts.passage),
    countTokens,
    encode: (text: string): number[] => tokenizer.encode(text),
    async embed(texts: readonly string[], purpose: EmbedPurpose): Promise<Float32Array[]> {
      const prompt = prompts[purpose];
      const vectors: Float32Array[] = [];
      for (let offset = 0; offset < texts.length; offset += batchSize) {
        const batch = texts.slice(offset, offset + batchSize);
        const ids = batch.map((text) => cutToSequenceLength(tokenizer.encode(prompt + text), spanTokenizer));
        const output = await model(batchInputs(ids));
        vectors.push(...meanPoolNormalized(output.last_hidden_state, ids, dimensions));
      }
      return vectors;
    },
    async embedWithSpans(items: readonly SpannedText[], purpose: EmbedPurpose): Promise<SpannedVectors[]> {
      const results: SpannedVectors[] = [];
      for (let offset = 0; offset < items.length; offset += batchSize) {
        const batch = items
          .slice(offset, offset + batchSize)
          .map((item) => tokenizeWithSpans({ ...item, tokenizer: spanTokenizer, prefix: prompts[purpose] }));
        const ids = batch.map((tokenized) => tokenized.ids);
        const output = await model(batchInputs(ids));
        const hidden = output.last_hidden_state;
        const textVectors = meanPoolNormalized(hidden, ids, dimensions);
        batch.forEach((tokenized, row) => {
          const spans = sumSpanStates({
            hidden: hidden.data as Float32Array,
            row,
            length: hidden.dims[1] as number,
            dimensions,
            ranges: tokenized.ranges,
          });
          results.push({ vector: textVectors[row] as Float32Array, spans });
        });
      }
      return results;
    },
  };
}

function batchInputs(ids: readonly number[][]): Record<string, Tensor> {
  const length = Math.max(...ids.map((row) => row.length));
  const inputIds = new BigInt64Array(ids.length * length);
  const attentionMask = new BigInt64Array(ids.length * length);
  ids.forEach((row, rowIndex) => {
    row.forEach((id, column) => {
      inputIds[rowIndex * length + column] = BigInt(id);
      attentionMask[rowIndex * length + column] = 1n;
    });
  });
  const dims = [ids.length, length];
  return {
    input_ids: new Tensor("int64", inputIds, dims),
    attention_mask: new Tensor("int64", attentionMask, dims),
    token_type_ids: new Tensor("int64", new BigInt64Array(ids.length * length), dims),
  };
}

/** Mean pooling over each row's own tokens, normalised: a span covering the whole row, pooled alone. */
function meanPoolNormalized(hidden: Tensor, ids: readonly number[][], dimensions: number): Float32Array[] {
  const data = hidden.data as Float32Array;
  const length = hidden.dims[1] as number;
  return ids.map((row, rowIndex) => {
    const [states] = sumSpanStates({ hidden: data, row: rowIndex, length, dimensions, ranges: [{ start: 0, end: row.length }] });
    return poolOccurrences([states as SpanStates], dimensions) as Float32Array;
  });
}
