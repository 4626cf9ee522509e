import type { TokenCounter } from "./embedder.ts";

/** English runs 4 to 5 characters a token: the first cut tried is this many per token, doubled until it holds enough. */
const CHARACTERS_PER_TOKEN_GUESS = 5;

/**
 * The shortest whitespace-bounded prefix of `text` that still holds `maxTokens` tokens: the model
 * reads no further (it truncates at its sequence length), so the vector is the same, but a
 * 60 KB follow-up costs the tokenizer a few hundred tokens instead of several thousand. Cutting at
 * whitespace keeps the prefix's tokens equal to the start of the whole text's, for WordPiece and
 * SentencePiece alike; text without whitespace to cut at is returned whole.
 */
export function capTokens(options: { text: string; counter: TokenCounter; maxTokens?: number }): string {
  const { text, counter, maxTokens = counter.maxTokens } = options;
  for (let budget = maxTokens * CHARACTERS_PER_TOKEN_GUESS; budget < text.length; budget *= 2) {
    const cut = cutAtWhitespace(text, budget);
    if (cut === undefined) return text;
    if (counter.countTokens(cut) >= maxTokens) return cut;
  }
  return text;
}

/** `text` up to the first whitespace at or after `length`; undefined when there is none. */
function cutAtWhitespace(text: string, length: number): string | undefined {
  const match = /\s/.exec(text.slice(length));
  return match ? text.slice(0, length + match.index) : undefined;
}
