import { stemEnglish as stem } from "./language-rules.ts";
import type { TokenRun } from "./name-spans.ts";
import type { Token } from "./sentence-tokens.ts";

// English number and time vocabulary; the slot patterns that use them live with the language rules.
const NUMBER_WORDS = new Set(
  "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion dozen dozens first second third fourth fifth sixth seventh eighth ninth tenth once twice half double triple".split(
    " ",
  ),
);
const CARDINAL_WORDS = /^(one|two|three|four|five|six|seven|eight|nine|ten)$/;
const CURRENCIES = /^(euro|euros|eur|dollar|dollars|usd|cad|yuan|rmb|sol|soles|pound|pounds|gbp|franc|francs|yen|peso|pesos|cent|cents)$/i;
const TIME_UNITS = /^(second|seconds|minute|minutes|hour|hours|day|days|week|weeks|month|months|year|years|decade|decades)$/;
const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

/** A year after an acronym is part of a name ("APEC 2024 represents…"), not when something happens. */
const NOT_IN_A_NAME = "(?<!\\b[A-Z]{2,} )";

/** Time expressions, case-sensitive so "may" the verb is not May the month. */
const TIME_EXPRESSIONS = new RegExp(
  [
    `\\b(?:every )?(?:${WEEKDAYS})(?: (?:night|morning|afternoon|evening))?\\b`,
    `\\b\\d{1,2} (?:${MONTHS})(?: \\d{4})?\\b`,
    `\\b(?:${MONTHS})(?: \\d{1,2})?(?:,? \\d{4})?\\b`,
    `${NOT_IN_A_NAME}\\b(?:1[5-9]|20)\\d\\d\\b`,
    "\\b\\d{1,2}:\\d{2}\\b",
    "\\b(?:the )?\\d{1,2}(?:st|nd|rd|th) of (?:each|every|the) month\\b",
    "\\b(?:last|next|this|previous|coming) (?:year|month|week|decade)\\b",
    "\\b(?:yesterday|today|tomorrow|tonight|recent years)\\b",
  ].join("|"),
  "g",
);
const YEAR = new RegExp(`${NOT_IN_A_NAME}\\b(?:1[5-9]|20)\\d\\d\\b`, "g");
const FREQUENCY = new RegExp(
  `\\bevery (?:other |\\w+ )?(?:${TIME_UNITS.source.slice(2, -2)}|${WEEKDAYS})(?: (?:night|morning|afternoon|evening))?\\b|\\b(?:once|twice|\\w+ times) (?:a|per|each|every) (?:day|week|month|year)\\b`,
  "g",
);

export interface CharacterSpan {
  readonly start: number;
  readonly end: number;
}

export function timeSpans(text: string): CharacterSpan[] {
  return spansOf(text, TIME_EXPRESSIONS);
}

const WEEKDAY = new RegExp(`\\b(?:every )?(?:${WEEKDAYS})(?: (?:night|morning|afternoon|evening))?\\b`, "g");

export function weekdaySpans(text: string): CharacterSpan[] {
  return spansOf(text, WEEKDAY);
}

const RELATIVE_YEAR = /\b(?:last|next|this|previous|coming) year\b/g;

/** "last year" answers "which year" as well as "2023" does. */
export function relativeYearSpans(text: string): CharacterSpan[] {
  return spansOf(text, RELATIVE_YEAR);
}

export function yearSpans(text: string): CharacterSpan[] {
  return spansOf(text, YEAR);
}

/** "12%", "40 percent", "half", "a third": what a percentage or share is given as. */
const PERCENTAGE = /\b\d+(?:[.,]\d+)?(?: ?%| percent\b| per cent\b)|\b(?:half|(?:a|one|two) (?:third|quarter)s?|three quarters|a fifth)\b/g;

export function percentageSpans(text: string): CharacterSpan[] {
  return spansOf(text, PERCENTAGE);
}

/** A clock time or part of the day: what "what time" and "…in the morning?" ask for, not a date or a year. */
const CLOCK =
  /\b\d{1,2}(?::\d{2})? ?(?:a\.m\.|p\.m\.|am|pm)\b|\b\d{1,2}:\d{2}\b|\b(?:noon|midday|midnight)\b|\b(?:night|morning|afternoon|evening)s?\b/g;

export function clockSpans(text: string): CharacterSpan[] {
  return spansOf(text, CLOCK);
}

/**
 * A window of time counted from an event: "within 24 hours", "in the first 12 months", which answer
 * "when" ("When must parental leave be taken?") as a date would.
 */
const TIME_WINDOW = new RegExp(
  `\\b(?:within|in the first|during the first|in the next|in the last)(?: (?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?(?: \\w+)? (?:${TIME_UNITS.source.slice(2, -2)})\\b`,
  "g",
);

export function timeWindowSpans(text: string): CharacterSpan[] {
  return spansOf(text, TIME_WINDOW);
}

export function frequencySpans(text: string): CharacterSpan[] {
  return spansOf(text, FREQUENCY);
}

function spansOf(text: string, pattern: RegExp): CharacterSpan[] {
  return [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/**
 * "one" counts unless it starts "one of" ("one of the largest" names no quantity), and "the two
 * sides" refers to things already named rather than counting them (ordinals still count: "the third").
 */
export function isNumberToken(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token) return false;
  if (tokens[index - 1]?.lower === "the" && CARDINAL_WORDS.test(token.lower)) return false;
  if (/^\d[\d,.:]*$/.test(token.text)) return !/^\d{1,2}:\d{2}$/.test(token.text);
  if (token.lower === "one") return tokens[index + 1]?.lower !== "of";
  return NUMBER_WORDS.has(token.lower);
}

/** "45 euros", "250 Canadian dollars", "€45". */
export function moneyRuns(text: string, tokens: readonly Token[]): TokenRun[] {
  const runs: TokenRun[] = [];
  tokens.forEach((token, index) => {
    if (!isNumberToken(tokens, index)) return;
    if (/[€$£¥]\s?$/.test(text.slice(Math.max(0, token.start - 2), token.start))) runs.push({ first: index, last: index });
    for (let offset = 1; offset <= 2; offset += 1) {
      const candidate = tokens[index + offset];
      if (candidate?.punctuationBefore !== "") break;
      if (CURRENCIES.test(candidate.text)) {
        runs.push({ first: index, last: index + offset });
        break;
      }
    }
  });
  return runs;
}

/** "16 weeks", "10 consecutive years", "three consecutive working days". */
export function durationRuns(tokens: readonly Token[]): TokenRun[] {
  return countRuns({ tokens, matches: (token) => TIME_UNITS.test(token.lower), window: 3 });
}

/**
 * Whether the duration whose number is `words[first]` is the period a count or an ordinal happened in
 * ("his second visit to Peru in eight years", "the third meeting … within a span of one year"): it says
 * how often, not how long something lasted. `words` are a sentence's words, lowercased as written.
 */
export function isCountWindow(words: readonly string[], first: number): boolean {
  let preposition = first - 1;
  while (preposition >= Math.max(0, first - WINDOW_LEAD) && !WINDOW_PREPOSITIONS.has(words[preposition] as string)) preposition -= 1;
  if (preposition < Math.max(0, first - WINDOW_LEAD)) return false;
  return words.slice(Math.max(0, preposition - COUNT_REACH), preposition).some((word) => PLAIN_ORDINAL.test(word) || REPEATS.test(word));
}

const WINDOW_PREPOSITIONS = new Set(["in", "within", "over"]);
/** Words from the preposition to the number: "within a span of one year". */
const WINDOW_LEAD = 4;
/** Words before the preposition that may hold the ordinal: "the third meeting between the two presidents within". */
const COUNT_REACH = 8;
const REPEATS = /^(times|twice|thrice)$/;

/**
 * A number and the noun it counts, which may come a few words later ("25 days of paid vacation",
 * "5 unused vacation days"); `counted` holds the stems of the question's counted noun phrase.
 */
export function countedRuns(options: { tokens: readonly Token[]; counted: readonly string[]; head: string | undefined }): TokenRun[] {
  const { tokens, counted, head } = options;
  const headRuns = head ? countRuns({ tokens, matches: (token) => stem(token.lower) === head, window: COUNT_WINDOW }) : [];
  if (headRuns.length > 0) return headRuns;
  return countRuns({ tokens, matches: (token) => counted.includes(stem(token.lower)), window: COUNT_WINDOW });
}

/** Words between a number and the noun it counts. */
const COUNT_WINDOW = 5;

function countRuns(options: { tokens: readonly Token[]; matches: (token: Token) => boolean; window: number }): TokenRun[] {
  const { tokens, matches, window } = options;
  const runs: TokenRun[] = [];
  tokens.forEach((_, index) => {
    if (!isNumberToken(tokens, index)) return;
    for (let offset = 1; offset <= window; offset += 1) {
      const candidate = tokens[index + offset];
      if (!candidate || /[;:.!?]/.test(candidate.punctuationBefore)) break;
      if (matches(candidate)) {
        runs.push({ first: index, last: index + offset });
        return;
      }
      // A unit right after the number is what it counts: "5 euros per item" counts euros, not items.
      if (offset === 1 && (CURRENCIES.test(candidate.lower) || TIME_UNITS.test(candidate.lower))) break;
    }
  });
  return runs;
}

const ORDINAL = "(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d+(?:st|nd|rd|th))";
const PLAIN_ORDINAL = new RegExp(`^${ORDINAL}$`);
/** "second-largest", and a superlative alone, which ranks first ("Peru's biggest trading partner"). */
const RANK = new RegExp(`^${ORDINAL}-\\p{L}+$|^(?:largest|biggest|greatest|highest|main|top|leading)$`, "u");

/** An ordinal word: "second", "3rd" (not "second-largest", a rank). */
export function isOrdinal(word: string): boolean {
  return PLAIN_ORDINAL.test(word);
}

/** Ordinals: "his second visit", "the third meeting" (not "second-largest", a rank). */
export function ordinalRuns(tokens: readonly Token[]): TokenRun[] {
  return tokens.flatMap((token, index) => (isOrdinal(token.lower) ? [{ first: index, last: index }] : []));
}

/** Repetitions: "twice", "three times". */
export function repetitionRuns(tokens: readonly Token[]): TokenRun[] {
  return tokens.flatMap((token, index) => {
    if (/^(once|twice|thrice)$/.test(token.lower)) return [{ first: index, last: index }];
    return tokens[index + 1]?.lower === "times" && isNumberToken(tokens, index) ? [{ first: index, last: index + 1 }] : [];
  });
}

/** Ranks: "second-largest", "biggest". */
export function rankRuns(tokens: readonly Token[]): TokenRun[] {
  return tokens.flatMap((token, index) => (RANK.test(token.lower) ? [{ first: index, last: index }] : []));
}

/** Any number, with the noun right after it when there is one ("14 characters", "second"). */
export function numberRuns(tokens: readonly Token[], stopWords: ReadonlySet<string>): TokenRun[] {
  const runs: TokenRun[] = [];
  tokens.forEach((_, index) => {
    if (!isNumberToken(tokens, index)) return;
    const next = tokens[index + 1];
    const withNoun = next && next.punctuationBefore === "" && !stopWords.has(next.lower) && !isNumberToken(tokens, index + 1);
    runs.push({ first: index, last: withNoun ? index + 1 : index });
  });
  return runs;
}
