import type { TokenCounter } from "../../src/embed/embedder.ts";

/** A deterministic stand-in tokenizer: one token per word or punctuation mark. */
export function wordCounter(maxTokens = 256): TokenCounter {
  return { maxTokens, countTokens: (text) => (text.match(/\w+|[^\w\s]/g) ?? []).length };
}
