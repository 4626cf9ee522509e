import { UpstreamServiceError } from "../cloudflare/upstream-error.ts";
import { ConfigError } from "../errors.ts";
import type { Embedder } from "./embedder.ts";

/**
 * The part of Workers AI the embedder uses: the `env.AI` binding in a Worker, or the REST client
 * (`workers-ai-rest.ts`) in Node, which has the same shape.
 */
export interface WorkersAi {
  run(model: string, inputs: { text: string[]; pooling?: "mean" | "cls" }): Promise<unknown>;
}

export interface WorkersAiEmbeddingModel {
  readonly dimensions: number;
  /** The same weights on Hugging Face: a local copy under `models/` embeds into the same space. */
  readonly huggingFaceId: string;
  /** How the model pools token vectors; the bge v1.5 models take it as an input, bge-m3 always pools by CLS. */
  readonly pooling: "mean" | "cls";
  readonly poolingInput: boolean;
  /** Languages it was trained for: the local index's multilingual model is matched by a multilingual one. */
  readonly multilingual: boolean;
}

/**
 * Mean pooling is Workers AI's default for the bge v1.5 models and what the transformers.js embedder
 * computes, so a local copy of the model yields vectors in the same space. It is sent explicitly so a
 * change of default on Cloudflare's side cannot silently move queries into another space than the stored vectors.
 */
const BGE_V15 = { pooling: "mean", poolingInput: true, multilingual: false } as const;

/** Text-embedding models Workers AI serves whose weights are public (https://developers.cloudflare.com/workers-ai/models/). */
export const WORKERS_AI_EMBEDDING_MODELS: Readonly<Record<string, WorkersAiEmbeddingModel>> = {
  "@cf/baai/bge-small-en-v1.5": { dimensions: 384, huggingFaceId: "BAAI/bge-small-en-v1.5", ...BGE_V15 },
  "@cf/baai/bge-base-en-v1.5": { dimensions: 768, huggingFaceId: "BAAI/bge-base-en-v1.5", ...BGE_V15 },
  "@cf/baai/bge-large-en-v1.5": { dimensions: 1024, huggingFaceId: "BAAI/bge-large-en-v1.5", ...BGE_V15 },
  // Input { text: string | string[] }, output { shape, data }, no pooling input (its dense vectors are CLS-pooled).
  "@cf/baai/bge-m3": { dimensions: 1024, huggingFaceId: "BAAI/bge-m3", pooling: "cls", poolingInput: false, multilingual: true },
};

/** The multilingual Workers AI model: what matches an index built with a multilingual local model. */
export const MULTILINGUAL_WORKERS_AI_MODEL = "@cf/baai/bge-m3";

export const DEFAULT_WORKERS_AI_MODEL = "@cf/baai/bge-small-en-v1.5";

/** Texts per call: the bge models accept at most 100 (their input schema's maxItems). */
const MAX_BATCH = 100;

export function workersAiModel(modelId: string): WorkersAiEmbeddingModel {
  const model = WORKERS_AI_EMBEDDING_MODELS[modelId];
  if (!model) {
    throw new ConfigError(`EMBED_MODEL must be one of ${Object.keys(WORKERS_AI_EMBEDDING_MODELS).join(", ")} (got another value)`);
  }
  return model;
}

/** An embedder over Workers AI. Vectors come back unit length, as the flat index and the answerer assume. */
export function createWorkersAiEmbedder(options: { ai: WorkersAi; modelId?: string }): Embedder {
  const { ai, modelId = DEFAULT_WORKERS_AI_MODEL } = options;
  const { dimensions, pooling, poolingInput } = workersAiModel(modelId);
  return {
    modelId,
    dimensions,
    pooling,
    normalized: true,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      const vectors: Float32Array[] = [];
      for (let offset = 0; offset < texts.length; offset += MAX_BATCH) {
        const batch = texts.slice(offset, offset + MAX_BATCH);
        let output: unknown;
        try {
          output = await ai.run(modelId, poolingInput ? { text: batch, pooling } : { text: batch });
        } catch (error) {
          if (error instanceof UpstreamServiceError) throw error;
          throw new UpstreamServiceError({ service: "Workers AI", message: errorText(error), cause: error });
        }
        vectors.push(...parseEmbeddingOutput(output, { count: batch.length, dimensions }));
      }
      return vectors;
    },
  };
}

/** Checks Workers AI's `{ shape: [n, d], data: number[n][d] }` and returns the rows as unit vectors. */
export function parseEmbeddingOutput(output: unknown, expected: { count: number; dimensions: number }): Float32Array[] {
  const { count, dimensions } = expected;
  const { data, shape } = (output ?? {}) as { data?: unknown; shape?: unknown };
  const fail = (message: string): never => {
    throw new UpstreamServiceError({ service: "Workers AI", message: `unexpected embedding response: ${message}` });
  };
  if (!Array.isArray(data)) return fail("no data array");
  if (data.length !== count) return fail(`${data.length} vectors for ${count} texts`);
  if (Array.isArray(shape) && (shape[0] !== count || shape[1] !== dimensions)) return fail(`shape [${shape.join(", ")}]`);
  return data.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== dimensions) return fail(`a vector without ${dimensions} numbers`);
    const vector = Float32Array.from(row as number[]);
    if (!vector.every(Number.isFinite)) return fail("a vector with a value that is not a finite number");
    return normalize(vector);
  });
}

function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const length = Math.sqrt(sum);
  if (length > 0) for (let index = 0; index < vector.length; index += 1) vector[index] = (vector[index] as number) / length;
  return vector;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
