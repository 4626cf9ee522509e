import { stemmer as spanishStemmer } from "@orama/stemmers/spanish";
import englishStemmer from "wink-porter2-stemmer";
import { foldAccents } from "./fold-accents.ts";
import type { Language } from "./language.ts";

const LATIN = /\p{Script=Latin}/u;
const DIGITS = /^\p{N}+$/u;

/**
 * Stems already worked out, per language. Words recur (SciFact's 1.2 million words are 30,000
 * distinct), and Porter2 costs about 14 µs a word, so indexing a corpus would mostly re-stem the
 * same words. Bounded: emptied when full, which changes speed only, never a result.
 */
const MEMO_LIMIT = 100_000;
const memos = new Map<Language, Map<string, string>>();

/**
 * A lowercased word reduced to the form it is matched by, as `language` inflects it: Snowball's
 * English (Porter2) and Spanish stemmers for Latin-script words, their accents folded first. A
 * question typed without accents ("inauguracion") then meets the document's "inauguración"; the
 * price is that Spanish suffix rules written with an accent ("-ación") no longer apply, so such
 * words keep their suffix, alike on both sides. Chinese words have no inflection and stay whole;
 * Latin words inside Chinese text are taken as English. Other languages are only folded.
 */
export function stemWord(word: string, language: Language): string {
  let memo = memos.get(language);
  if (memo === undefined) {
    memo = new Map();
    memos.set(language, memo);
  }
  let stem = memo.get(word);
  if (stem === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    stem = stemUncached(word, language);
    memo.set(word, stem);
  }
  return stem;
}

function stemUncached(word: string, language: Language): string {
  const folded = foldAccents(word);
  if (DIGITS.test(folded) || !LATIN.test(folded)) return folded;
  switch (language) {
    case "en":
    case "zh":
      return englishStemmer(folded);
    case "es":
      return spanishStemmer(folded);
    case "other":
      return folded;
  }
}
