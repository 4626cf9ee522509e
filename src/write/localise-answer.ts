import { ENGLISH_MONTHS, ENGLISH_WEEKDAYS } from "../text/calendar-words.ts";
import type { Language } from "../text/language.ts";
import { extractClaims } from "./claims.ts";
import { foldedTokens } from "./normalize.ts";

const NAMES: Readonly<Record<"es" | "zh", { weekdays: readonly string[]; months: readonly string[] }>> = {
  es: {
    weekdays: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
  },
  zh: {
    weekdays: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
    months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
  },
};

/**
 * A reader's one-word answer in the asker's language where that is a lookup, not a translation:
 * a weekday or month ("Wednesday" → "miércoles (Wednesday)", "星期三(Wednesday)"). The document's
 * word stays beside it, as the quote shows it, and the claims check reads both as the same date.
 * Anything else (names, places, phrases) is left in the document's words: undefined.
 */
export function localisedSpan(span: string, language: Language | undefined): string | undefined {
  if (language !== "es" && language !== "zh") return undefined;
  if (foldedTokens(span).length !== 1) return undefined;
  const [date] = extractClaims(` ${span}`).dates;
  if (date === undefined) return undefined;
  const names = NAMES[language];
  const weekday = ENGLISH_WEEKDAYS.indexOf(date);
  const word = weekday >= 0 ? names.weekdays[weekday] : names.months[ENGLISH_MONTHS.indexOf(date)];
  if (word === undefined) return undefined;
  return language === "zh" ? `${word}(${span})` : `${word} (${span})`;
}
