/** Turns texts into vectors. Test doubles implement the same type. */
export interface Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly pooling: "mean" | "cls";
  readonly normalized: boolean;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Counts model tokens so chunks stay within the model's sequence length. */
export interface TokenCounter {
  readonly maxTokens: number;
  countTokens(text: string): number;
}
