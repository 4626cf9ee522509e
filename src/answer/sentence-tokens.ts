import type { Span } from "../text/sentences.ts";

export interface Token extends Span {
  /** The token as written, without a trailing possessive ("Xi" of "Xi's"). */
  readonly text: string;
  readonly lower: string;
  readonly capitalised: boolean;
  /** Written with a possessive "'s". */
  readonly possessive: boolean;
  /** Punctuation (comma, dash, quote, colon, semicolon) between the previous token and this one. */
  readonly punctuationBefore: string;
}

// Initials ("V."), numbers with separators ("1,500", "10:00", "3.5"), hyphenated and apostrophe words.
const TOKEN = /\p{Lu}\.(?=\s)|[\p{L}\p{M}\p{N}]+(?:[’'.,:-][\p{L}\p{M}\p{N}]+)*/gu;

/** The corpus's sentences are tokenized for every question that retrieves them: remember them. */
const cache = new Map<string, readonly Token[]>();
const CACHE_ENTRIES = 20_000;

/** Words of a text with their offsets; a possessive "'s" is left out of the token's span. */
export function tokenize(text: string): readonly Token[] {
  const cached = cache.get(text);
  if (cached) return cached;
  const tokens = scan(text);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(text, tokens);
  return tokens;
}

function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    let word = match[0];
    const possessive = /[’']s$/u.exec(word);
    if (possessive) word = word.slice(0, -2);
    const start = match.index;
    tokens.push({
      start,
      end: start + word.length,
      text: word,
      lower: word.toLowerCase(),
      capitalised: /^\p{Lu}/u.test(word),
      possessive: possessive !== null,
      punctuationBefore: text.slice(previousEnd, start).replace(/\s+/g, ""),
    });
    previousEnd = start + match[0].length;
  }
  return tokens;
}
