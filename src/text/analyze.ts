import { detectLanguage } from "./detect-language.ts";
import { foldAccents } from "./fold-accents.ts";
import type { Language } from "./language.ts";
import { segmentWords } from "./segment-words.ts";
import { stemWord } from "./stem-word.ts";
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS, SPANISH_STOP_WORDS } from "./stop-words.ts";

/**
 * Names this analyzer's behaviour (word segmentation, stop words, stemmers, accent folding, language
 * detection); indexes record it, and one built with another analyzer is not used as it is.
 */
export const ANALYZER_ID = "en-porter2.es-snowball.zh-segmenter.folded-1";

/** English function words, dropped from index terms (see stop-words.ts). */
export const STOP_WORDS: ReadonlySet<string> = ENGLISH_STOP_WORDS;

const NONE: ReadonlySet<string> = new Set();

/** Chinese text often carries English words (names, "APEC"): its function words go too. */
const STOP_WORDS_BY_LANGUAGE: Record<Language, readonly ReadonlySet<string>[]> = {
  en: [ENGLISH_STOP_WORDS],
  es: [SPANISH_STOP_WORDS],
  zh: [CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS],
  other: [NONE],
};

export interface AnalyzeOptions {
  /** The language the text is written in; detected from the text when absent. */
  readonly language?: Language;
  /**
   * Stem each word as these languages would: the languages of the documents the terms will be
   * matched against, so "China" in a Spanish question still meets "China" in an English article
   * (Spanish alone would make it "chin"). The text's own language when absent.
   */
  readonly stemAs?: readonly Language[];
}

/**
 * Turns text into index terms: words (CJK cut by a dictionary), the text's language's stop words
 * dropped, each word stemmed and accent-folded. Terms are for matching only; quotes are always
 * cut from the documents themselves.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): string[] {
  const language = options.language ?? detectLanguage(text);
  const stopWordSets = STOP_WORDS_BY_LANGUAGE[language];
  const stemAs = options.stemAs ?? [language];
  const terms: string[] = [];
  for (const word of segmentWords(text)) {
    const folded = foldAccents(word);
    if (stopWordSets.some((stopWords) => stopWords.has(folded))) continue;
    for (const term of new Set(stemAs.map((stemLanguage) => stemWord(word, stemLanguage)))) {
      if (term !== "") terms.push(term);
    }
  }
  return terms;
}
