/** What kind of fact a question asks for; a sentence that cannot hold that kind does not answer it. */
export type AnswerType = "time" | "quantity" | "person" | "place" | "any";

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

export function expectedAnswerType(question: string): AnswerType {
  const text = question.trim().toLowerCase();
  if (/^(when|since when|until when)\b|\b(what|which) (day|date|year|month|time)\b|\bhow long ago\b/.test(text)) return "time";
  if (/\bhow (many|much|often)\b|\b(what|which) (number|percentage|share|proportion|amount|value)\b/.test(text)) return "quantity";
  if (/^(who|whom|whose)\b|\b(who|whom) (is|was|will|did|does|are|were)\b/.test(text)) return "person";
  if (/^where\b/.test(text)) return "place";
  return "any";
}

export function satisfiesAnswerType(text: string, type: AnswerType): boolean {
  switch (type) {
    case "time":
      return TIME.test(text);
    case "quantity":
      return QUANTITY.test(text);
    case "person":
      return PROPER_NOUN.test(text) || PERSON_ROLE.test(text);
    case "place":
      return PROPER_NOUN.test(text);
    case "any":
      return true;
  }
}
