import type { EmbedPrompts, EmbedPurpose } from "./embedder.ts";
import type { TransformersEmbedderOptions } from "./transformers-embedder.ts";

/** What each pool worker is started with. */
export interface PoolWorkerData {
  readonly model: TransformersEmbedderOptions;
  /** Anything a substitute worker module needs (tests hold their workers with it). */
  readonly extra?: unknown;
}

/** What the pool learns from a worker once its model is loaded. */
export interface PoolModelInfo {
  readonly modelId: string;
  readonly dimensions: number;
  readonly pooling: "mean" | "cls";
  readonly normalized: boolean;
  readonly maxTokens: number;
  /** Prefixes an instruction-trained model adds by purpose (e5's "query: "), when the embedder says. */
  readonly prompts?: EmbedPrompts;
}

/** `embed` returns vectors; `cap` returns each text cut to the model's sequence length (see capTokens). */
export type PoolRequest =
  | { readonly kind: "embed"; readonly id: number; readonly texts: readonly string[]; readonly purpose: EmbedPurpose }
  | { readonly kind: "cap"; readonly id: number; readonly texts: readonly string[] };

export type PoolReply =
  | { readonly type: "ready"; readonly info: PoolModelInfo }
  | { readonly type: "load-failed"; readonly code: string; readonly message: string }
  | { readonly type: "vectors"; readonly id: number; readonly vectors: Float32Array[] }
  | { readonly type: "texts"; readonly id: number; readonly texts: string[] }
  | { readonly type: "error"; readonly id: number; readonly message: string };
