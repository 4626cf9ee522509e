import { foldAccents } from "./fold-accents.ts";
import type { Language } from "./language.ts";
import { ENGLISH_STOP_WORDS, SPANISH_STOP_WORDS } from "./stop-words.ts";

/**
 * Function words of other languages written in Latin letters, only so that a question in French,
 * Portuguese, Italian or German is not taken for English or Spanish because of a shared word.
 */
const OTHER_LATIN_FUNCTION_WORDS: readonly ReadonlySet<string>[] = [
  // French
  "le la les un une des du au aux et est sont qui que quoi quel quelle quels quelles ou quand comment pourquoi combien ce cette ces il elle ils elles nous vous je pour dans sur avec par pas ne ete etre avait etait sera qu l",
  // Portuguese
  "o os a as um uma uns umas do da dos das no na nos nas ao aos pelo pela em e sao foi foram quem qual quais quando onde como porque por que para com nao seu sua ele ela eles elas isso isto vai vao",
  // Italian
  "il lo la gli le un una uno del della dei degli delle al alla nel nella e sono era chi che cosa quale quando dove come perche per con non si anche ha hanno",
  // German
  "der die das den dem des ein eine einen einem und ist sind war wer wie wo wann warum was welche welcher welches mit von zu im am auf fur nicht auch hat haben wird werden",
].map((line) => new Set(line.split(" ")));

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/gu;
const LATIN_WORD = /[\p{Script=Latin}\p{M}]+/gu;
const OTHER_SCRIPT_LETTER = /[^\p{Script=Latin}\p{Script=Han}\p{Script=Hangul}\p{Script=Common}\p{Script=Inherited}\P{L}]/gu;
/** Opening question and exclamation marks are written only in Spanish. */
const SPANISH_MARKS = /[¿¡]/g;
/** Chinese words average about two characters; this turns Han characters into a word count. */
const HAN_CHARACTERS_PER_WORD = 2;
/** A document's language shows in its first few hundred words; reading no further bounds the cost. */
const SAMPLE_CHARACTERS = 3000;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

export interface DetectLanguageOptions {
  /** The answer when the text gives no evidence, such as a bare name ("Balarezo?"); "en" unless told. */
  readonly fallback?: Language;
}

/**
 * The language a text is written in, from its script and, for Latin letters, from how many of its
 * words are English, Spanish or other languages' function words. Made for short questions
 * ("¿Quién es el embajador?", "钱凯港什么时候开港？"), deterministic, and cheap enough to run on
 * whole documents (of which it reads the first 3,000 characters). Kana or Hangul mean Japanese or
 * Korean, so "other"; Han characters alone mean
 * Chinese; a text in another script (Cyrillic, Arabic...) is "other".
 */
export function detectLanguage(text: string, options: DetectLanguageOptions = {}): Language {
  const fallback = options.fallback ?? "en";
  const normalized = text.slice(0, SAMPLE_CHARACTERS).normalize("NFKC").toLowerCase();
  if (KANA.test(normalized)) return "other";
  const hanWords = count(normalized, HAN) / HAN_CHARACTERS_PER_WORD;
  const hangul = count(normalized, HANGUL);
  const latinWords = (normalized.match(LATIN_WORD) ?? []).map(foldAccents);
  const scores = {
    en: latinWords.filter((word) => ENGLISH_STOP_WORDS.has(word)).length,
    es: latinWords.filter((word) => SPANISH_STOP_WORDS.has(word)).length + count(normalized, SPANISH_MARKS),
    other: Math.max(0, ...OTHER_LATIN_FUNCTION_WORDS.map((words) => latinWords.filter((word) => words.has(word)).length)),
  };
  const latinEvidence = Math.max(scores.en, scores.es, scores.other);
  if (hangul > 0 && hangul >= count(normalized, HAN)) return "other";
  // Han characters win unless Latin function words show the text is a Latin-script sentence
  // that merely names something in Chinese ("Who is 习近平?").
  if (hanWords > 0 && (latinEvidence === 0 || hanWords >= latinWords.length)) return "zh";
  const latinLetters = latinWords.reduce((sum, word) => sum + word.length, 0);
  if (count(normalized, OTHER_SCRIPT_LETTER) > latinLetters) return "other";
  if (latinEvidence === 0) return fallback;
  const tied = (["en", "es", "other"] as const).filter((language) => scores[language] === latinEvidence);
  return tied.includes(fallback as (typeof tied)[number]) ? fallback : (tied[0] as Language);
}

/**
 * The language of a question in a conversation: a follow-up without evidence of its own ("Chancay?")
 * is taken to be in the language of the latest earlier question that has some, else English.
 */
export function detectQuestionLanguage(question: string, earlierQuestions: readonly string[] = []): Language {
  const fallback = earlierQuestions.reduce<Language>((language, earlier) => detectLanguage(earlier, { fallback: language }), "en");
  return detectLanguage(question, { fallback });
}
