/**
 * What a text is embedded as. Models trained with instructions (e5: "query: " / "passage: ") add
 * them; others ignore it. Questions, and words compared with words, are queries; indexed text is passages.
 */
export type EmbedPurpose = "query" | "passage";

/** Text put before each input, by purpose: "query: " / "passage: " for e5; empty for MiniLM. */
export type EmbedPrompts = Readonly<Record<EmbedPurpose, string>>;

export const NO_PROMPTS: EmbedPrompts = { query: "", passage: "" };

/** Turns texts into vectors. Test doubles implement the same type. */
export interface Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly pooling: "mean" | "cls";
  readonly normalized: boolean;
  /** Prefixes the model adds by purpose; absent when it adds none. Recorded in the index manifest. */
  readonly prompts?: EmbedPrompts;
  embed(texts: readonly string[], purpose: EmbedPurpose): Promise<Float32Array[]>;
}

/** Counts model tokens so chunks stay within the model's sequence length. */
export interface TokenCounter {
  /** The model's sequence length, special tokens included. */
  readonly maxTokens: number;
  /** Tokens of the prefix every passage gets ("passage: " is 3 for e5), which a chunk must leave room for. */
  readonly passagePromptTokens?: number;
  /** Tokens of the text alone: no special tokens, no prefix. */
  countTokens(text: string): number;
}
