/**
 * What a text is embedded as. Models trained with instructions (e5: "query: " / "passage: ") add
 * them; others ignore it. Questions, and words compared with words, are queries; indexed text is passages.
 */
export type EmbedPurpose = "query" | "passage";

/** Turns texts into vectors. Test doubles implement the same type. */
export interface Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly pooling: "mean" | "cls";
  readonly normalized: boolean;
  embed(texts: readonly string[], purpose: EmbedPurpose): Promise<Float32Array[]>;
}

/** Counts model tokens so chunks stay within the model's sequence length. */
export interface TokenCounter {
  readonly maxTokens: number;
  countTokens(text: string): number;
}
