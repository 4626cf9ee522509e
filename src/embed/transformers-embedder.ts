// Node adapter: the only place that configures transformers.js and loads onnxruntime-node.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AutoConfig, AutoTokenizer, env, type PreTrainedTokenizer, pipeline } from "@xenova/transformers";
import ort, { type InferenceSession, type Tensor as OrtTensor } from "onnxruntime-node";
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
  /** Threads onnxruntime splits one forward pass over; by default one per core. */
  intraOpThreads?: number;
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
  const { modelsDir, modelId, allowRemoteModels = false, batchSize = 32, intraOpThreads = os.availableParallelism() } = options;
  env.allowRemoteModels = allowRemoteModels;
  env.allowLocalModels = true;
  env.localModelPath = `${path.resolve(modelsDir)}/`;
  let loaded: LoadedModel;
  try {
    loaded = await loadModel({ modelId, threads: intraOpThreads });
  } catch (error) {
    throw new ModelNotFoundError(modelId, modelsDir, error);
  }
  const { tokenizer, run: model } = loaded;
  cacheUnigramSegments(tokenizer);
  const { prompts, maxSequenceLength } = await readModelMetadata({ modelsDir, modelId });
  const dimensions = loaded.hiddenSize ?? 384;
  const modelMax = (tokenizer as { model_max_length?: number }).model_max_length ?? FALLBACK_MAX_TOKENS;
  const maxTokens = Math.min(modelMax, maxSequenceLength ?? FALLBACK_MAX_TOKENS);
  const sepTokenId = (tokenizer as unknown as { sep_token_id: number }).sep_token_id;
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

interface LoadedModel {
  readonly tokenizer: PreTrainedTokenizer;
  readonly hiddenSize: number | undefined;
  /** One forward pass: the last layer's token states, [rows, length, hidden size]. */
  readonly run: (inputs: Record<string, OrtTensor>) => Promise<{ last_hidden_state: OrtTensor }>;
}

/**
 * The session is made here, not by transformers.js's pipeline, when the model file is on disk: the
 * pipeline leaves onnxruntime-node 1.14's thread count at its default, and then onnxruntime pins each
 * session's helper threads to cores. On two cores every session's one helper sits on core 1, so the
 * pool's two workers (or two servers side by side) queue on that core, and a forward pass whose
 * calling thread the scheduler also puts there waits for its own helper. The same count given
 * explicitly leaves the threads free. A model that must first be downloaded (ALLOW_REMOTE_MODELS=1)
 * still comes through the pipeline, pinned.
 */
async function loadModel(options: { modelId: string; threads: number }): Promise<LoadedModel> {
  const { modelId, threads } = options;
  const file = path.join(env.localModelPath, modelId, "onnx", "model_quantized.onnx");
  if (existsSync(file)) {
    const [tokenizer, config, session] = await Promise.all([
      AutoTokenizer.from_pretrained(modelId),
      AutoConfig.from_pretrained(modelId),
      ort.InferenceSession.create(file, { executionProviders: ["cpu"], intraOpNumThreads: Math.max(1, threads) }),
    ]);
    return {
      tokenizer,
      hiddenSize: (config as { hidden_size?: number }).hidden_size,
      run: async (inputs) => (await session.run(inputs)) as { last_hidden_state: OrtTensor },
    };
  }
  const extractor = await pipeline("feature-extraction", modelId, { quantized: true });
  const session = (extractor.model as unknown as { session: InferenceSession }).session;
  return {
    tokenizer: extractor.tokenizer,
    hiddenSize: (extractor.model.config as { hidden_size?: number }).hidden_size,
    run: async (inputs) => (await session.run(inputs)) as { last_hidden_state: OrtTensor },
  };
}

function batchInputs(ids: readonly number[][]): Record<string, OrtTensor> {
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
    input_ids: new ort.Tensor("int64", inputIds, dims),
    attention_mask: new ort.Tensor("int64", attentionMask, dims),
    token_type_ids: new ort.Tensor("int64", new BigInt64Array(ids.length * length), dims),
  };
}

/** Mean pooling over each row's own tokens, normalised: a span covering the whole row, pooled alone. */
function meanPoolNormalized(hidden: OrtTensor, ids: readonly number[][], dimensions: number): Float32Array[] {
  const data = hidden.data as Float32Array;
  const length = hidden.dims[1] as number;
  return ids.map((row, rowIndex) => {
    const [states] = sumSpanStates({ hidden: data, row: rowIndex, length, dimensions, ranges: [{ start: 0, end: row.length }] });
    return poolOccurrences([states as SpanStates], dimensions) as Float32Array;
  });
}
