import { stem } from "./porter-stemmer.ts";
import { ENGLISH_STOP_WORDS } from "./stop-words.ts";

/** Names this analyzer's behaviour; indexes record it so one built with another analyzer is refused. */
export const ANALYZER_ID = "english-porter-1";

/** English function words, dropped from index terms (see stop-words.ts). */
export const STOP_WORDS: ReadonlySet<string> = ENGLISH_STOP_WORDS;

// Letters, combining marks (so scripts written with them keep whole words) and digits; everything
// else, apostrophes and hyphens included, separates tokens.
const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}]+/gu;

/** Turns text into index terms: NFKC-normalised, lowercased, split, stop words dropped, Porter-stemmed. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(TOKEN_PATTERN)) {
    const token = match[0];
    if (!STOP_WORDS.has(token)) {
      terms.push(stem(token));
    }
  }
  return terms;
}
