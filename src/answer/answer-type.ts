import { analyze } from "../text/analyze.ts";

/** What kind of fact a question asks for; a sentence that cannot hold that kind does not answer it. */
export type AnswerType = "time" | "quantity" | "person" | "place" | "any";

export interface ExpectedAnswer {
  readonly type: AnswerType;
  /** For "how many X": the analysed term of X, which a number in the answer must count. */
  readonly counted?: string;
}

/** Nouns of "how many X" that any count answers ("how many times" — "his second visit"). */
const GENERIC_COUNTS = new Set(["time", "occas"]);

const NUMBER_WORDS =
  "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|once|twice|half|double|triple";
const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

/** "one of the largest" names no quantity. */
const QUANTITY = new RegExp(`\\d|\\b(${NUMBER_WORDS})\\b|\\bone\\b(?! of\\b)`, "i");
const TIME = new RegExp(
  `\\b(${WEEKDAYS}|${MONTHS}|(1[89]|20)\\d\\d|yesterday|today|tomorrow|tonight|(last|next|this|previous|coming) (year|month|week|decade)|recent years|\\d+ (years?|months?|weeks?|days?) ago|since|until|during)\\b`,
  "i",
);
/** A capitalised word that does not start the sentence: a name of a person, place or body. */
const PROPER_NOUN = /(?<=[\s,;:(—–-]["'“]?)\p{Lu}\p{L}+/u;
const PERSON_ROLE =
  /\b(president|presidents|ambassador|minister|ministers|leader|leaders|official|officials|envoy|spokesperson|he|she|both)\b/i;

export function expectedAnswer(question: string): ExpectedAnswer {
  const text = question.trim().toLowerCase();
  if (/^(on )?(when|since when|until when)\b|\b(what|which) (week)?(day|date|year|month|time)\b|\bhow long ago\b/.test(text))
    return { type: "time" };
  const counted = /\bhow many ([\p{L}-]+)/u.exec(text)?.[1];
  if (counted) {
    const term = analyze(counted)[0];
    return term && !GENERIC_COUNTS.has(term) ? { type: "quantity", counted: term } : { type: "quantity" };
  }
  if (/\bhow (much|often)\b|\b(what|which) (number|percentage|share|proportion|amount|value)\b/.test(text)) return { type: "quantity" };
  if (/^(who|whom|whose)\b|\b(who|whom) (is|was|will|did|does|are|were)\b/.test(text)) return { type: "person" };
  if (/^where\b/.test(text)) return { type: "place" };
  return { type: "any" };
}

/** Words between a number and the noun it counts ("10 consecutive years"). */
const COUNT_WINDOW = 3;

function countsTerm(text: string, term: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}.,-]+/gu) ?? [];
  return words.some((word, index) => {
    if (!QUANTITY.test(word)) return false;
    return words.slice(index + 1, index + 1 + COUNT_WINDOW).some((next) => analyze(next).includes(term));
  });
}

export function satisfiesAnswerType(text: string, expected: ExpectedAnswer): boolean {
  switch (expected.type) {
    case "time":
      return TIME.test(text);
    case "quantity":
      return expected.counted ? countsTerm(text, expected.counted) : QUANTITY.test(text);
    case "person":
      return PROPER_NOUN.test(text) || PERSON_ROLE.test(text);
    case "place":
      return PROPER_NOUN.test(text);
    case "any":
      return true;
  }
}
