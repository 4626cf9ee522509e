import { STOP_WORDS } from "../text/analyze.ts";
import { ENGLISH_MONTHS, ENGLISH_WEEKDAYS, SPANISH_MONTHS, SPANISH_WEEKDAYS } from "../text/calendar-words.ts";
import { foldText } from "./normalize.ts";

/**
 * The checkable facts of a sentence: numbers (digits or number words), weekdays and months (in
 * English, Spanish and Chinese, folded to one English form) and proper names (capitalised words).
 * Each must occur in the evidence a sentence cites, or in the question, for the sentence to ship.
 */
export interface Claims {
  readonly numbers: string[];
  readonly dates: string[];
  readonly names: string[];
}

const CHINESE_WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"];

/** The English weekday or month a folded word or Chinese expression names, if any. */
function calendarWord(word: string): string | undefined {
  if (ENGLISH_WEEKDAYS.includes(word) || ENGLISH_MONTHS.includes(word)) return word;
  const weekday = SPANISH_WEEKDAYS.indexOf(word);
  if (weekday >= 0) return ENGLISH_WEEKDAYS[weekday];
  const month = SPANISH_MONTHS.findIndex((spellings) => spellings.includes(word));
  return month >= 0 ? ENGLISH_MONTHS[month] : undefined;
}

/** The English weekdays a text names in Chinese (星期三, 周五, 礼拜天), in order. */
function chineseWeekdays(text: string): string[] {
  return [...text.normalize("NFKC").matchAll(/(?:星期|周|週|礼拜)([一二三四五六日天])/g)].map(
    (match) => ENGLISH_WEEKDAYS[CHINESE_WEEKDAYS.indexOf((match[1] as string).replace("天", "日"))] as string,
  );
}

/** Words that may open a sentence in capitals without naming anything. */
const SENTENCE_OPENERS = new Set(
  "yes no not both according sources source however also there this that these those it its they he she we in on at by for from with during after before while although because since so but and or the a an sí si según las los el la les le se en del por para con ambos ellos ella un una der die das ja nein oui non".split(
    " ",
  ),
);

export function extractClaims(sentence: string): Claims {
  const numbers = new Set<string>();
  const dates = new Set<string>();
  const names = new Set<string>();
  const folded = foldText(sentence);
  for (const match of folded.matchAll(/\d+(?:\.\d+)?/g)) numbers.add(match[0]);
  for (const match of folded.matchAll(/\p{L}+/gu)) {
    const calendar = calendarWord(match[0]);
    if (calendar) dates.add(calendar);
  }
  for (const weekday of chineseWeekdays(sentence)) dates.add(weekday);
  for (const match of sentence.normalize("NFKC").matchAll(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}'-]*/gu)) {
    const word = foldText(match[0]).replace(/'s$/, "");
    const opensSentence = match.index === 0 || /[.!?:]\s*["'“(]?\s*$/.test(sentence.slice(0, match.index));
    if (calendarWord(word)) continue;
    if (opensSentence && (SENTENCE_OPENERS.has(word) || STOP_WORDS.has(word))) continue;
    if (word.length > 1) names.add(word);
  }
  return { numbers: [...numbers], dates: [...dates], names: [...names] };
}

/** Folded tokens of a text with calendar words mapped to English, for looking claims up. */
export function claimVocabulary(text: string): Set<string> {
  const vocabulary = new Set<string>();
  const folded = foldText(text);
  for (const match of folded.matchAll(/\d+(?:\.\d+)?|\p{L}+/gu)) {
    vocabulary.add(match[0]);
    const calendar = calendarWord(match[0]);
    if (calendar) vocabulary.add(calendar);
  }
  // Names are read whole with their hyphens and apostrophes ("Asia-Pacific"): so are the words here.
  for (const match of folded.matchAll(/\p{L}+(?:['-]\p{L}+)+/gu)) vocabulary.add(match[0]);
  for (const weekday of chineseWeekdays(text)) vocabulary.add(weekday);
  return vocabulary;
}
