import { analyze, STOP_WORDS } from "../text/analyze.ts";
import { ENGLISH_MONTHS } from "../text/calendar-words.ts";

/** These checks are written for English questions over English text (see language-rules.ts). */
const ENGLISH = { language: "en" } as const;

import {
  type CharacterSpan,
  clockSpans,
  countedRuns,
  durationRuns,
  frequencySpans,
  isCountWindow,
  isOrdinal,
  moneyRuns,
  numberRuns,
  ordinalRuns,
  percentageSpans,
  rankRuns,
  relativeYearSpans,
  repetitionRuns,
  timeSpans,
  timeWindowSpans,
  weekdaySpans,
  yearSpans,
} from "./amount-spans.ts";
import type { CorpusLexicon } from "./corpus-lexicon.ts";
import { glossaryPlaceKind } from "./cross-lingual-glossary.ts";
import type { AskedPlaceKind, LanguageRules, Slot } from "./language-rules.ts";
import { stemEnglish as stem } from "./language-rules.ts";
import { type NameRun, nameRuns, overlaps, roleRuns, speakerRuns, type TokenRun, withOrganisationNoun } from "./name-spans.ts";
import { type Token, tokenize } from "./sentence-tokens.ts";

/** What kind of fact a question asks for; a sentence that holds no such fact does not answer it. */
export interface ExpectedAnswer {
  readonly slot: Slot;
  /** "how many X": the stems of X and its head noun; `generic` for "how many times". */
  readonly counted?: {
    readonly stems: readonly string[];
    readonly head: string | undefined;
    readonly generic: boolean;
    /** "How many days of notice …?": the stem of the head noun after "of", which the days must be of. */
    readonly of?: string;
  };
  /** "Who is the ambassador?": the question names a role and asks for the name that holds it. */
  readonly identity: boolean;
  /** Role nouns the question uses, with the words that narrow them ("Peru" in "Peru's ambassador"). */
  readonly roles: readonly QuestionRole[];
  /** "Who gave the interview?": the speaker of a sentence may answer. */
  readonly aboutSpeech: boolean;
  /**
   * "Who will Xi meet?": the question names who acts and asks for the other party, whom a phrase for
   * both of them ("the two presidents", "both sides") does not name.
   */
  readonly otherParty?: boolean;
  /** "Whose access …?": the stem of the noun whose owner is asked for. */
  readonly owned?: string;
  /** "¿Cuántos días…?", "几天": the unit of time a duration must be counted in ("day"). */
  readonly unit?: string;
  /**
   * "How long will the visit last?": a length, which the period a count happened in ("his second visit in
   * eight years") does not give; "How long has it been since…?" asks for the time elapsed, which it does.
   */
  readonly length?: boolean;
  /** "How many times had they met before …?": an ordinal ("the third meeting") counts one more than came before. */
  readonly before?: boolean;
  /**
   * "¿En qué ciudades…?": a country is no answer to "which city", nor a city to "which country", nor
   * any place to "which company" ("none").
   */
  readonly placeKind?: AskedPlaceKind;
  /** "What time…?", "…open in the morning?": a clock time or part of the day, not a date or a year. */
  readonly clock?: boolean;
  /** "¿En qué mes…?", "几月": a month, not a year ("last year") or a weekday. */
  readonly month?: boolean;
  /**
   * "¿Qué ministros…?", "哪位部长…？": the role stem of whoever is asked for; a name the sentence titles
   * with another role ("President Dina Boluarte") is not one of them.
   */
  readonly askedRole?: string;
  /** "¿Quién firmó…?": passive participles of the act whose doer is asked for ("signed"). */
  readonly acts?: readonly RegExp[];
  /** "Which tool are reports submitted in?": the preposition the question ends on, which may stand before the name. */
  readonly stranded?: string;
  /** "Who shares the notes?": the stem of the verb whose doer is asked for. */
  readonly verb?: string;
}

export interface QuestionRole {
  readonly stem: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** "Who will [Name] …": an auxiliary, then the one who acts; the question asks for its object. */
const OBJECT_QUESTION = /^whom? (?:will|would|did|does|do|has|have|had|can|could|should|must|is|was|are|were) /;
/** Words that make a phrase name a pair or group together: "both presidents", "the two leaders". */
const JOINT = /^(both|two)$/;

/** "How long has it been since …?", "¿Hace cuánto …?", "…以来": the time elapsed, which a count's period does say. */
export const ELAPSED_QUESTION = /\bsince\b|\bago\b|\bhas it been\b|\bhave passed\b|\bdesde\b|\bhace cu[aá]nto\b|以来|自从|上次|距今/i;

/** "How many times had they met before …?": what came before something, which its ordinal overcounts by one. */
export const COUNTED_BEFORE = /\b(before|previously|prior|earlier|antes)\b|之前|以前|此前/i;

/** "What time…?", "…in the morning?": the answer is a time of day. */
const CLOCK_QUESTION = /\b(what|which) time\b|\bat what time\b|\b(in the|this|tomorrow|every) (morning|afternoon|evening)\b|\bat night\b/;
/** A preposition a question ends on ("…submitted in?"). */
const STRANDED_PREPOSITION = /\b(in|on|at|with|through|via|from|into)\s*[?.!]*$/;
/** "Who shares the notes?": the verb right after "who" (an auxiliary or copula is no such verb). */
const DOER_QUESTION = /^who ([\p{L}-]+)\b/u;
const AUXILIARIES = /^(is|was|are|were|be|been|will|would|did|does|do|has|have|had|can|could|should|must|may|might|shall|else)$/;

/** Nouns of "how many X" that any count answers ("how many times" — "his second visit"). */
const GENERIC_COUNTS = new Set(["time", "occas"]);

export function expectedAnswer(options: { question: string; rules: LanguageRules; lexicon: CorpusLexicon }): ExpectedAnswer {
  const { question, rules, lexicon } = options;
  const text = rules.questionText?.(question) ?? question.trim().toLowerCase();
  const slot = rules.slots.find((candidate) => candidate.pattern.test(text))?.slot ?? "any";
  const tokens = tokenize(question);
  const asked = slot === "person" && /^who (is|was|are|were)\b/.test(text) ? identityHead(tokens) : undefined;
  // "the Chinese president's spokesperson" asks for the spokesperson, not the president.
  const roles =
    asked !== undefined
      ? [questionRole(tokens, asked)]
      : tokens.flatMap((token, index) =>
          lexicon.roleStems.has(stem(token.lower)) && !token.possessive ? [questionRole(tokens, index)] : [],
        );
  const translated = rules.questionRoles?.(question);
  const counted = slot === "quantity" ? countedNoun(text, rules) : undefined;
  const whose = /^whose ([\p{L}-]+)/u.exec(text)?.[1];
  const unit = rules.questionUnit?.(question);
  const placeKind = rules.questionPlaceKind?.(question);
  const otherParty =
    slot === "person" && ((OBJECT_QUESTION.test(text) && tokens[2]?.capitalised === true) || rules.asksOtherParty?.(question) === true);
  const clock = slot === "time" && (rules.clockQuestion ?? CLOCK_QUESTION).test(text);
  const stranded = slot === "organisation" ? STRANDED_PREPOSITION.exec(text)?.[1] : undefined;
  const verb = slot === "person" ? DOER_QUESTION.exec(text)?.[1] : undefined;
  const acts = rules.questionActs?.(question) ?? [];
  return {
    slot,
    counted,
    identity: translated ? slot === "person" && translated.identity : asked !== undefined,
    roles: translated?.roles ?? roles,
    aboutSpeech: rules.asksAboutSpeech.test(text),
    ...(otherParty ? { otherParty } : {}),
    ...(whose ? { owned: stem(whose) } : {}),
    ...(unit ? { unit } : {}),
    ...(slot === "duration" && !ELAPSED_QUESTION.test(question) ? { length: true } : {}),
    ...(COUNTED_BEFORE.test(question) ? { before: true } : {}),
    ...(placeKind ? { placeKind } : {}),
    ...(clock ? { clock } : {}),
    ...(slot === "time" && rules.monthQuestion?.test(text) ? { month: true } : {}),
    ...(slot === "person" && translated?.asked ? { askedRole: translated.asked } : {}),
    ...(slot === "person" && acts.length > 0 ? { acts } : {}),
    ...(stranded ? { stranded } : {}),
    ...(verb && !STOP_WORDS.has(verb) && !AUXILIARIES.test(verb) ? { verb: stem(verb) } : {}),
  };
}

/** "Who is [the] [Peru's] ambassador [to China]?": the index of the noun whose holder is asked for. */
function identityHead(tokens: readonly Token[]): number | undefined {
  let head: number | undefined;
  for (let index = 2; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (/^(the|a|an)$/.test(token.lower) && head === undefined) continue;
    if (STOP_WORDS.has(token.lower) || /^\d/.test(token.text)) break;
    head = index;
    if (!token.possessive && tokens[index + 1] && STOP_WORDS.has((tokens[index + 1] as Token).lower)) break;
  }
  return head;
}

function countedNoun(text: string, rules: LanguageRules): ExpectedAnswer["counted"] {
  const phrase = rules.countedNoun?.exec(text)?.[1];
  if (!phrase) return undefined;
  const words = phrase.split(" ");
  const cut = words.findIndex((word) => STOP_WORDS.has(word));
  const kept = (cut >= 0 ? words.slice(0, cut) : words).slice(0, 3);
  if (kept.length === 0) return undefined;
  const plural = [...kept].reverse().find((word) => word.endsWith("s"));
  const head = stem(plural ?? (kept[0] as string));
  const of = ofNoun(text, kept.length);
  return { stems: kept.map((word) => stem(word)), head, generic: GENERIC_COUNTS.has(head), ...(of ? { of } : {}) };
}

/** "how many days of paid vacation do …": the stem of the last word of what follows "of" ("vacation"). */
function ofNoun(text: string, counted: number): string | undefined {
  const after = /\bhow many (.*)$/u.exec(text)?.[1]?.split(/\s+/) ?? [];
  if (after[counted] !== "of") return undefined;
  const phrase: string[] = [];
  for (const word of after.slice(counted + 1, counted + 1 + OF_PHRASE_WORDS)) {
    const bare = word.replace(/[^\p{L}-]/gu, "");
    if (bare === "" || STOP_WORDS.has(bare) || AUXILIARIES.test(bare)) break;
    phrase.push(bare);
  }
  const last = phrase.at(-1);
  return last === undefined ? undefined : stem(last);
}

/** Words of the phrase after "how many days of" that name what the days are of ("fully paid parental leave"). */
const OF_PHRASE_WORDS = 4;

/**
 * The runs of a sentence that count the question's noun. With "X of Y", a run is not what the question
 * counts when the sentence gives Y to another amount: "ten working days need four weeks' notice" counts no days of notice. Y belongs to an
 * amount when it is in it ("20 notice days"), right after it ("four weeks' notice") or after it with
 * "of" ("16 weeks of fully paid parental leave"). A sentence that gives Y to no amount may say it in
 * other words, or of the run itself ("work from home for up to three days a week").
 */
function countedOf(tokens: readonly Token[], counted: NonNullable<ExpectedAnswer["counted"]>): TokenRun[] {
  const runs = countedRuns({ tokens, counted: counted.stems, head: counted.head });
  const of = counted.of;
  if (of === undefined) return runs;
  const owns = (amount: TokenRun) => {
    const is = (index: number) => tokens[index] !== undefined && stem((tokens[index] as Token).lower) === of;
    for (let index = amount.first; index <= amount.last + 1; index += 1) if (is(index)) return true;
    if (tokens[amount.last + 1]?.lower !== "of") return false;
    for (let index = amount.last + 2; index < amount.last + 2 + OF_PHRASE_WORDS; index += 1) if (is(index)) return true;
    return false;
  };
  const owners = durationRuns(tokens).filter(owns);
  return runs.filter((run) => owns(run) || !owners.some((amount) => amount.first !== run.first));
}

function questionRole(tokens: readonly Token[], index: number): QuestionRole {
  return { stem: stem((tokens[index] as Token).lower), ...roleModifiers(tokens, index) };
}

/** The word narrowing a role before it ("Peru's", "finance") and after it ("to China", "of people"). */
function roleModifiers(tokens: readonly Token[], index: number): { before: string | undefined; after: string | undefined } {
  const previous = tokens[index - 1];
  const before =
    previous && !STOP_WORDS.has(previous.lower) && (tokens[index] as Token).punctuationBefore === "" ? stem(previous.lower) : undefined;
  let next = index + 1;
  let after: string | undefined;
  if (/^(to|of|in|at|for)$/.test(tokens[next]?.lower ?? "")) {
    next += 1;
    if (/^(the|a|an)$/.test(tokens[next]?.lower ?? "")) next += 1;
    const word = tokens[next];
    if (word && !STOP_WORDS.has(word.lower)) after = stem(word.lower);
  }
  return { before, after };
}

/** Demonyms and names share a stem's first letters: "Peruvian" narrows like "Peru", "Chinese" like "China". */
function sameModifier(a: string, b: string): boolean {
  const length = Math.min(4, a.length, b.length);
  return a.slice(0, length) === b.slice(0, length);
}

export interface SlotContext {
  readonly rules: LanguageRules;
  readonly lexicon: CorpusLexicon;
  /** Analysed terms of the question: a filler made only of them repeats the question. */
  readonly questionTerms: ReadonlySet<string>;
  /**
   * How rare a term is in the corpus (its idf): a slot is looked for first near the rarest question word
   * the sentence says ("…in San Francisco last year and the other in Beijing in June" for "…in Beijing?").
   */
  readonly rarity?: (term: string) => number;
  /** The question is in another language than the sentences (its names are all it shares with them). */
  readonly crossLingual?: boolean;
}

/** Slots that hold a fact about something: the fact must stand near the words that say what it is about. */
const ANCHORED_SLOTS = new Set<string>([
  "time",
  "weekday",
  "year",
  "duration",
  "since",
  "money",
  "quantity",
  "frequency",
  "person",
  "place",
  "named",
  "organisation",
  "percentage",
]);
/** Slots a date fills. */
const DATE_SLOTS = new Set<string>(["time", "weekday", "year"]);
/**
 * How long, since when and how often: in an English question a name it says anchors them as it anchors a
 * date ("…his second visit to Peru in eight years" for "How long since Xi was last in Peru?"). Across
 * languages the names are all the question shares with a sentence, and a duration beside one of them is
 * as often another fact's, so there only dates are anchored by names.
 */
const TIME_FACT_SLOTS = new Set<string>(["duration", "since", "frequency"]);
/** How far (in words) a date or amount may stand from the sentence's words for the question's focus. */
const ANCHOR_WINDOW = 8;

/** Slots a count answers, which an ordinal may fill ("his second visit"). */
const COUNT_SLOTS: ReadonlySet<string> = new Set(["quantity", "times", "frequency", "count"]);

/**
 * The span of `text` that fills the slot the question asks for, or undefined when the sentence
 * holds none ("any" questions have no slot and get undefined too; see `fitsSlot`).
 */
export function findSlotFiller(options: SlotFillerOptions): CharacterSpan | undefined {
  const { text, expected, context, anchors } = options;
  if (expected.slot === "any") return undefined;
  const tokens = tokenize(text);
  // The names the question says anchor too: "When did the presidents meet in Beijing?" — "…in Beijing in June".
  // Only for a date (or how long, since when, how often): a name stands beside the date of what happened
  // there, not beside whoever did it.
  const anchoredByNames = DATE_SLOTS.has(expected.slot) || (!context.crossLingual && TIME_FACT_SLOTS.has(expected.slot));
  const namesAsked = !anchoredByNames
    ? []
    : tokens.flatMap((token, index) =>
        index > 0 && token.capitalised && analyze(token.text, ENGLISH).some((term) => context.questionTerms.has(term)) ? [index] : [],
      );
  // "Who is the X?" is anchored by the role itself; "who did X" by the words for X.
  const near = (run: TokenRun) =>
    anchors === undefined ||
    !ANCHORED_SLOTS.has(expected.slot) ||
    expected.identity ||
    (expected.verb !== undefined && agentOf(tokens, run, expected.verb)) ||
    [...anchors, ...namesAsked].some((anchor) => (anchor < run.first ? run.first - anchor : anchor - run.last) <= ANCHOR_WINDOW);
  // "How many times had they met before …?": the third meeting says two came before it, not three.
  const overcounts = (run: TokenRun) =>
    expected.before === true &&
    COUNT_SLOTS.has(expected.slot) &&
    tokens.slice(run.first, run.last + 1).every((token) => isOrdinal(token.lower));
  const candidates = fillerRuns({ text, tokens, expected, context }).filter(
    (run) => !repeatsQuestion(tokens, run, context.questionTerms) && near(run) && !overcounts(run),
  );
  const best = closestToQuestion({ tokens, runs: candidates, questionTerms: context.questionTerms, anchors, rarity: context.rarity });
  if (!best) return undefined;
  const span = { start: (tokens[best.first] as Token).start, end: (tokens[best.last] as Token).end };
  // "…one in San Francisco last year and the other in Beijing in June": the San Francisco meeting's
  // time is "last year", which names no month.
  if (expected.month && !MONTH_NAME.test(text.slice(span.start, span.end))) return undefined;
  return span;
}

/**
 * The numbers of `text` that count what a "how many X" question counts ("10" of "10 consecutive
 * years" for "how many years"), as written; undefined when the question counts nothing in particular
 * ("how many times") or names no counted noun. The writer holds a short answer to them.
 */
export function countingNumbers(text: string, expected: ExpectedAnswer): string[] | undefined {
  const counted = expected.counted;
  if (expected.slot !== "quantity" || !counted || counted.generic) return undefined;
  const tokens = tokenize(text);
  return countedOf(tokens, counted).map((run) => (tokens[run.first] as Token).text);
}

export interface SlotFillerOptions {
  readonly text: string;
  readonly expected: ExpectedAnswer;
  readonly context: SlotContext;
  /**
   * Indexes of the sentence's words (see `tokenize`) that say what the question is about, literally
   * or as near synonyms; undefined when the question names nothing beyond its slot ("When?").
   */
  readonly anchors?: ReadonlySet<number>;
}

export function fitsSlot(options: SlotFillerOptions): boolean {
  return options.expected.slot === "any" || findSlotFiller(options) !== undefined;
}

function fillerRuns(options: { text: string; tokens: readonly Token[]; expected: ExpectedAnswer; context: SlotContext }): TokenRun[] {
  const { text, tokens, expected, context } = options;
  const spans = (found: readonly CharacterSpan[]) => found.flatMap((span) => toRun(tokens, span));
  switch (expected.slot) {
    case "person":
      if (expected.owned) return ownerRuns(tokens, expected.owned);
      return expected.identity ? identityRuns({ tokens, expected, context }) : personRuns({ tokens, expected, context });
    case "place": {
      const places = nameRuns({ tokens, lexicon: context.lexicon, rules: context.rules })
        .filter((run) => run.locative && !demonym(tokens, run))
        .map((run) => withOrganisationNoun(tokens, run));
      // Without a place name, a place inside one: "on the third floor", "in the entrance hall".
      return places.length > 0 ? places : placesWithin(tokens);
    }
    case "named":
    case "organisation": {
      const speakers = speakerRuns(tokens, context.rules);
      return nameRuns({ tokens, lexicon: context.lexicon, rules: context.rules }).filter(
        (run) =>
          !speakers.some((speaker) => overlaps(speaker, run)) &&
          (expected.slot === "named" || !run.locative || tokens[run.first - 1]?.lower === expected.stranded) &&
          !otherKindOfPlace(tokens, run, expected.placeKind) &&
          !(expected.placeKind === "none" && demonym(tokens, run)) &&
          (expected.slot !== "named" || placeOfAskedKind(tokens, run, expected.placeKind)) &&
          !(expected.slot === "organisation" && namesPerson(tokens, run, context.lexicon)),
      );
    }
    case "time":
      // "What time…?" wants the hour, not the day; "When must parental leave be taken?" is answered
      // by "in the first 12 months" as well as by a date.
      if (expected.clock) return spans(clockSpans(text));
      // "¿En qué mes…?" wants a month; the time closest to what is asked about must name one (findSlotFiller).
      if (expected.month) return spans(timeSpans(text));
      return [...spans(timeSpans(text)), ...spans(timeWindowSpans(text))];
    case "percentage":
      return spans(percentageSpans(text));
    case "weekday":
      return spans(weekdaySpans(text));
    case "year":
      return [...spans(yearSpans(text)), ...spans(relativeYearSpans(text))];
    case "frequency":
      // "How often has he visited?" is answered by a count as well ("his second visit", "twice",
      // "three visits"), not by any number ("14 characters" is no answer to "how often must passwords change?").
      return [
        ...spans(frequencySpans(text)),
        ...ordinalRuns(tokens),
        ...repetitionRuns(tokens),
        ...numberRuns(tokens, STOP_WORDS).filter(
          (run) =>
            run.last > run.first && context.rules.terms((tokens[run.last] as Token).text).some((term) => context.questionTerms.has(term)),
        ),
      ];
    case "count":
      return countRunsOfAnyNoun(tokens);
    case "since":
      // "Since when?" is answered by a date ("since June") or by how long ("for 10 consecutive years").
      return [...spans(timeSpans(text)), ...inUnit(tokens, durationRuns(tokens), expected.unit)];
    case "times":
      // "How many times" across languages: "twice", "the third meeting", "three visits"; not "one in San Francisco".
      return [...repetitionRuns(tokens), ...ordinalRuns(tokens), ...countRunsOfAnyNoun(tokens)];
    case "ordinal":
      return ordinalRuns(tokens);
    case "rank":
      return rankRuns(tokens);
    case "duration": {
      const words = tokens.map((token) => token.lower);
      const lengths = durationRuns(tokens).filter((run) => !expected.length || !isCountWindow(words, run.first));
      return inUnit(tokens, lengths, expected.unit);
    }
    case "money":
      return moneyRuns(text, tokens);
    case "quantity": {
      const counted = expected.counted;
      if (counted?.generic) {
        // "How many times": any count, but not a length of time ("within a span of one year").
        const lengths = new Set(durationRuns(tokens).map((run) => run.first));
        return numberRuns(tokens, STOP_WORDS).flatMap((run) => (lengths.has(run.first) ? [] : [{ first: run.first, last: run.first }]));
      }
      if (counted) return countedOf(tokens, counted);
      return [...moneyRuns(text, tokens), ...durationRuns(tokens), ...numberRuns(tokens, STOP_WORDS)];
    }
    default:
      return [];
  }
}

/**
 * "How many" when the counted noun cannot be read (a question in another language): a cardinal
 * that counts a noun ("14 characters"), not a year ("2024 represents"), an ordinal ("third meeting")
 * or "one" ("one in San Francisco"), which name an instance rather than a count, and not a span of
 * time ("eight years"), which the duration slot asks for.
 */
function countRunsOfAnyNoun(tokens: readonly Token[]): TokenRun[] {
  const notCounts = (word: string) => /^(one|(1[5-9]|20)\d\d)$/.test(word) || isOrdinal(word);
  const durations = durationRuns(tokens);
  return numberRuns(tokens, STOP_WORDS).filter(
    (run) =>
      run.last > run.first && !notCounts((tokens[run.first] as Token).lower) && !durations.some((duration) => duration.first === run.first),
  );
}

/** "Peruvian President Dina Boluarte": a run titled with a role or holding a person's name is someone, not an organisation. */
function namesPerson(tokens: readonly Token[], run: TokenRun, lexicon: CorpusLexicon): boolean {
  return tokens
    .slice(run.first, run.last + 1)
    .some((token) => lexicon.roleStems.has(stem(token.lower)) || lexicon.personNames.has(token.lower));
}

/** A country where a city is asked for, a city where a country is ("Peru" for "which cities"), a place where none is. */
function otherKindOfPlace(tokens: readonly Token[], run: TokenRun, asked: AskedPlaceKind | undefined): boolean {
  if (!asked) return false;
  const kind = glossaryPlaceKind(
    tokens
      .slice(run.first, run.last + 1)
      .map((token) => token.text)
      .join(" "),
  );
  return kind !== undefined && kind !== asked;
}

/**
 * "Which city…?", "Which country…?": a name the sentence places something in ("in San Francisco") or
 * one known as such a place ("Peru"); not a person ("Xi") nor a demonym ("the Latin American country").
 */
function placeOfAskedKind(tokens: readonly Token[], run: NameRun, asked: AskedPlaceKind | undefined): boolean {
  if (asked !== "city" && asked !== "country") return true;
  if (demonym(tokens, run)) return false;
  const name = tokens
    .slice(run.first, run.last + 1)
    .map((token) => token.text)
    .join(" ");
  return run.locative || glossaryPlaceKind(name) === asked;
}

/** Durations counted in `unit` ("eight years" is no answer to "how many days"); all of them without one. */
function inUnit(tokens: readonly Token[], runs: readonly TokenRun[], unit: string | undefined): TokenRun[] {
  if (!unit) return [...runs];
  return runs.filter((run) => stem((tokens[run.last] as Token).lower) === stem(unit));
}

/** Words that end a phrase of time, not of place ("in the first week", "on the 25th"). */
const NOT_PLACES =
  /^(second|seconds|minute|minutes|hour|hours|day|days|week|weeks|month|months|year|years|decade|decades|morning|afternoon|evening|night|weekend|time|end|past|future|meantime|way|case|form|context|event|area|areas|field|fields|sector|sectors|region|first|last|next)$/;

/** "on the third floor", "in the entrance hall", "at the front desk": in, on or at, "the", then up to three lower-case words. */
function placesWithin(tokens: readonly Token[]): TokenRun[] {
  return tokens.flatMap((token, index) => {
    if (!/^(in|on|at)$/.test(token.lower) || tokens[index + 1]?.lower !== "the") return [];
    let last = index + 1;
    while (last - index < 4) {
      const next = tokens[last + 1];
      if (!next || next.capitalised || next.punctuationBefore !== "" || STOP_WORDS.has(next.lower) || /^\d/.test(next.text)) break;
      last += 1;
      if (next.possessive) break;
    }
    const end = tokens[last] as Token;
    return last > index + 1 && !end.possessive && !NOT_PLACES.test(end.lower) ? [{ first: index + 2, last }] : [];
  });
}

/** "the Latin American country", "a Peruvian port": an adjective of origin before a noun, not a place. */
function demonym(tokens: readonly Token[], run: TokenRun): boolean {
  const last = tokens[run.last] as Token;
  const next = tokens[run.last + 1];
  return (
    /(an|ese|ish)$/.test(last.lower) &&
    next !== undefined &&
    !next.capitalised &&
    next.punctuationBefore === "" &&
    !STOP_WORDS.has(next.lower)
  );
}

/** Names first, then role phrases; never the sentence's speaker ("…, the ambassador said"). */
function personRuns(options: { tokens: readonly Token[]; expected: ExpectedAnswer; context: SlotContext }): TokenRun[] {
  const { tokens, expected, context } = options;
  // "…agreements are expected to be signed during President Xi Jinping's visit": the act is said without
  // its doer, so no one the sentence names is the one asked for.
  if (expected.acts?.some((act) => unsaidDoer(tokens, act))) return [];
  const speakers = expected.aboutSpeech ? [] : speakerRuns(tokens, context.rules);
  // "Who chooses the buddy?" asks for the doer, which the subject of a passive is not ("New employees are paired with …").
  const notSpeaker = (run: TokenRun) =>
    !speakers.some((speaker) => overlaps(speaker, run)) && !(expected.verb !== undefined && passiveSubject(tokens, run));
  // A person the corpus knows as one, or an organisation ("People team"); not any capitalised name.
  const names = nameRuns({ tokens, lexicon: context.lexicon, rules: context.rules })
    .filter((run) => !run.locative && notSpeaker(run))
    .map((run) => ({ run, extended: withOrganisationNoun(tokens, run) }))
    .filter(
      ({ run, extended }) =>
        extended !== run || tokens.slice(run.first, run.last + 1).some((token) => context.lexicon.personNames.has(token.lower)),
    )
    .map(({ extended }) => extended)
    .filter((run) => !repeatsQuestion(tokens, run, context.questionTerms) && !titledOtherwise(tokens, run, expected, context));
  if (names.length > 0) return names;
  // The sentence says who does it ("…, approved by the team lead"): no one else in it does, even when that
  // doer only repeats the question ("Who approves the learning budget for team leads?").
  const verb = expected.verb;
  if (verb !== undefined) {
    const agents = tokens.flatMap((_, index) => (agentParticiple(tokens, index, verb) ? agentAfter(tokens, index + 2) : []));
    if (agents.length > 0 || tokens.some((_, index) => agentParticiple(tokens, index, verb))) return agents;
  }
  const roleStems = new Set([...context.lexicon.roleStems, ...expected.roles.map((role) => role.stem)]);
  // "Who will Xi meet?" is not answered by "the two presidents": Xi is one of them.
  const joint = (run: TokenRun) =>
    expected.otherParty === true && tokens.slice(Math.max(0, run.first - 1), run.last + 1).some((token) => JOINT.test(token.lower));
  // Nor a role phrase that ends on the question's own verb ("the meeting owner shares" for "Who shares …?").
  const endsOnVerb = (run: TokenRun) => expected.verb !== undefined && stem((tokens[run.last] as Token).lower) === expected.verb;
  const roles = roleRuns({ tokens, roleStems, rules: context.rules }).filter(
    (run) => notSpeaker(run) && !joint(run) && !endsOnVerb(run) && !titledOtherwise(tokens, run, expected, context),
  );
  if (roles.length > 0) return roles;
  // "Who shares the notes?" — "the meeting owner shares notes": the words right before the question's verb.
  const doers =
    expected.verb === undefined
      ? []
      : doerRuns(tokens, expected.verb).filter((run) => notSpeaker(run) && !repeatsQuestion(tokens, run, context.questionTerms));
  if (doers.length > 0) return doers;
  // "Who lacks access to digital services?" — "rural communities' access to … digital services": whoever
  // the sentence gives the question's own noun to.
  const asked = new Set(tokens.flatMap((token) => (context.questionTerms.has(stem(token.lower)) ? [stem(token.lower)] : [])));
  return [...asked].flatMap((owned) => ownerRuns(tokens, owned)).filter(notSpeaker);
}

/** A month's name, which a "which month" question's answer holds. */
const MONTH_NAME = new RegExp(`\\b(${ENGLISH_MONTHS.join("|")})\\b`, "i");

/** Words before a name that may title it ("Peruvian President Dina Boluarte", "Foreign Minister Wang"). */
const TITLE_REACH = 2;

/**
 * "¿Qué ministros…?" asks for ministers: a name the sentence titles with another of the corpus's
 * roles, within the name, just before it ("Peruvian President Dina Boluarte") or right after it ("the
 * Peruvian president's visit"), is no answer; nor one the corpus titles only otherwise elsewhere
 * ("Xi's trip", where the corpus writes "President Xi"), nor a demonym ("Peruvian exports").
 */
function titledOtherwise(tokens: readonly Token[], run: TokenRun, expected: ExpectedAnswer, context: SlotContext): boolean {
  const asked = expected.askedRole;
  if (asked === undefined) return false;
  const title = tokens.slice(Math.max(0, run.first - TITLE_REACH), run.last + 2).map((token) => stem(token.lower));
  if (title.includes(asked)) return false;
  // "Peruvian exports": a demonym before a noun is nobody.
  if (demonym(tokens, run)) return true;
  if (title.some((word) => context.lexicon.roleStems.has(word))) return true;
  const known = tokens.slice(run.first, run.last + 1).flatMap((token) => [...(context.lexicon.titles?.get(token.lower) ?? [])]);
  return known.length > 0 && !known.includes(asked);
}

/** Words between a passive participle and its "by" ("signed on Thursday by both presidents"). */
const AGENT_REACH = 4;

/** A passive of the act ("to be signed", "were signed") with no "by" naming who does it. */
function unsaidDoer(tokens: readonly Token[], act: RegExp): boolean {
  return tokens.some(
    (token, index) =>
      act.test(token.lower) &&
      /^(be|been|being|is|are|was|were)$/.test(tokens[index - 1]?.lower ?? "") &&
      !tokens.slice(index + 1, index + 1 + AGENT_REACH).some((next) => next.lower === "by"),
  );
}

/** A phrase followed by a passive verb: "New employees are paired", "Reports are approved". */
function passiveSubject(tokens: readonly Token[], run: TokenRun): boolean {
  const be = tokens[run.last + 1];
  const participle = tokens[run.last + 2];
  return (
    be !== undefined &&
    participle !== undefined &&
    be.punctuationBefore === "" &&
    /^(is|are|was|were|be|been|being)$/.test(be.lower) &&
    /(ed|en)$/.test(participle.lower)
  );
}

/** The noun phrase right before `verb` (a stem), with no punctuation between: "the meeting owner shares". */
function doerRuns(tokens: readonly Token[], verb: string): TokenRun[] {
  return tokens.flatMap((token, index) => {
    if (index === 0 || stem(token.lower) !== verb || token.punctuationBefore !== "") return [];
    let first = index;
    while (first > index - 3 && first > 0) {
      const previous = tokens[first - 1] as Token;
      if (
        STOP_WORDS.has(previous.lower) ||
        /^\d/.test(previous.text) ||
        (first < index && (tokens[first] as Token).punctuationBefore !== "")
      )
        break;
      first -= 1;
    }
    return first < index ? [{ first, last: index - 1 }] : [];
  });
}

/** "Whose access …?": the owner written before the noun ("rural communities' access", "China's experience"). */
function ownerRuns(tokens: readonly Token[], owned: string): TokenRun[] {
  return tokens.flatMap((token, index) => {
    const owner = tokens[index - 1];
    if (stem(token.lower) !== owned || !owner) return [];
    const marked = owner.possessive || /^['’]/.test(token.punctuationBefore);
    if (!marked || STOP_WORDS.has(owner.lower)) return [];
    const before = tokens[index - 2];
    const joined = before !== undefined && owner.punctuationBefore === "" && !STOP_WORDS.has(before.lower) && !before.possessive;
    return [{ first: joined ? index - 2 : index - 1, last: index - 1 }];
  });
}

/**
 * "Who is the X?": a name standing next to role X — "President Dina Boluarte", "Ambassador to China
 * Marco V. Balarezo", "the finance director, Ingrid Solberg", "X is Maren Vos", "Pieter de Wit, is
 * the X" — whose narrowing words agree with the question's (not "China's ambassador" for "Peruvian Ambassador").
 */
function identityRuns(options: { tokens: readonly Token[]; expected: ExpectedAnswer; context: SlotContext }): TokenRun[] {
  const { tokens, expected, context } = options;
  const names = nameRuns({ tokens, lexicon: context.lexicon, rules: context.rules }).filter((run) => !run.locative);
  const runs: TokenRun[] = [];
  tokens.forEach((token, index) => {
    const role = expected.roles.find((candidate) => candidate.stem === stem(token.lower));
    if (!role || !modifiersAgree(role, roleModifiers(tokens, index))) return;
    for (const name of names) {
      const first = name.first <= index && index < name.last ? index + 1 : name.first;
      if (first > name.last || !nextToRole({ tokens, index, name: { first, last: name.last } })) continue;
      runs.push({ first, last: name.last });
    }
  });
  return runs;
}

/**
 * Each word narrowing the question's role must narrow the sentence's: in the same place when the
 * sentence has a word there ("China's ambassador" is not "Peruvian Ambassador"), else in the other
 * ("the president of Peru" is "Peruvian President"). A role the sentence leaves unnarrowed does not
 * answer a narrowed one ("Peru's president" is not "President Xi").
 */
function modifiersAgree(question: { before?: string; after?: string }, sentence: { before?: string; after?: string }): boolean {
  const agrees = (wanted: string | undefined, same: string | undefined, other: string | undefined) => {
    if (wanted === undefined) return true;
    const found = same ?? other;
    return found !== undefined && sameModifier(wanted, found);
  };
  return agrees(question.before, sentence.before, sentence.after) && agrees(question.after, sentence.after, sentence.before);
}

function nextToRole(options: { tokens: readonly Token[]; index: number; name: TokenRun }): boolean {
  const { tokens, index, name } = options;
  const word = (at: number) => tokens[at]?.lower ?? "";
  // Title or apposition after the role: "President Dina …", "director, Ingrid …", "officer is Maren …".
  if (name.first === index + 1) return true;
  if (name.first === index + 2 && /^(is|was)$/.test(word(index + 1))) return true;
  // "Ambassador to China Marco V. Balarezo": the role, its place, then the name.
  if (name.first === index + 3 && /^(to|of|in|from)$/.test(word(index + 1))) return true;
  // "Pieter de Wit, is the chief technology officer", "Maren Vos, the chief executive officer".
  const gap = index - name.last;
  return (
    gap >= 2 &&
    gap <= 5 &&
    tokens.slice(name.last + 1, index).every((between) => /^(is|was|the|a|an|our|\p{L}+)$/u.test(between.lower)) &&
    /^(is|was|the)$/.test(word(name.last + 1))
  );
}

function toRun(tokens: readonly Token[], span: CharacterSpan): TokenRun[] {
  const first = tokens.findIndex((token) => token.end > span.start);
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1] as Token).start < span.end) last += 1;
  return first < 0 ? [] : [{ first, last }];
}

/** Made only of the question's words, or naming someone the question already names ("… before Boluarte?"). */
function repeatsQuestion(tokens: readonly Token[], run: TokenRun, questionTerms: ReadonlySet<string>): boolean {
  const words = tokens.slice(run.first, run.last + 1);
  const terms = words.flatMap((token) => analyze(token.text, ENGLISH));
  if (terms.length > 0 && terms.every((term) => questionTerms.has(term))) return true;
  return words.some((token) => token.capitalised && analyze(token.text, ENGLISH).some((term) => questionTerms.has(term)));
}

/**
 * The agent of the question's own verb, however far from the question's other words: "chosen by the
 * People team" for "Who chooses …?" (the participle and the verb share their first letters).
 */
function agentOf(tokens: readonly Token[], run: TokenRun, verb: string): boolean {
  if (!afterBy(tokens, run)) return false;
  const by = tokens[run.first - 1]?.lower === "by" ? run.first - 1 : run.first - 2;
  const participle = tokens[by - 1]?.lower ?? "";
  return /(ed|en|t)$/.test(participle) && participle.slice(0, 3) === verb.slice(0, 3);
}

/** What crossing into another clause adds to a distance in words. */
const CLAUSE_DISTANCE = 20;

/** Token `index` is the question verb's participle followed by "by": "approved by", "chosen by". */
function agentParticiple(tokens: readonly Token[], index: number, verb: string): boolean {
  const participle = (tokens[index] as Token).lower;
  return tokens[index + 1]?.lower === "by" && /(ed|en|t)$/.test(participle) && participle.slice(0, 3) === verb.slice(0, 3);
}

/** The words after "by" up to the next punctuation or function word, past a determiner: "the team lead". */
function agentAfter(tokens: readonly Token[], from: number): TokenRun[] {
  let first = from;
  if (/^(the|your|a|an|their|our)$/.test(tokens[first]?.lower ?? "")) first += 1;
  let last = first - 1;
  while (last + 1 < tokens.length && last - first < 3) {
    const next = tokens[last + 1] as Token;
    if ((last >= first && next.punctuationBefore !== "") || STOP_WORDS.has(next.lower)) break;
    last += 1;
  }
  return last >= first ? [{ first, last }] : [];
}

/** An agent: "approved by your team lead", "chosen by the People team". */
function afterBy(tokens: readonly Token[], run: TokenRun): boolean {
  return (
    tokens[run.first - 1]?.lower === "by" ||
    (tokens[run.first - 2]?.lower === "by" && /^(the|your|a|an|their|our)$/.test(tokens[run.first - 1]?.lower ?? ""))
  );
}

/**
 * The candidate nearest the words the sentence shares with the question ("San Francisco last
 * year" for "…last year?"); an agent after "by" is as near as can be. Ties go to the earlier one.
 */
function closestToQuestion(options: {
  tokens: readonly Token[];
  runs: readonly TokenRun[];
  questionTerms: ReadonlySet<string>;
  anchors: ReadonlySet<number> | undefined;
  rarity?: (term: string) => number;
}): TokenRun | undefined {
  const { tokens, runs, questionTerms, rarity } = options;
  const anchors = [
    ...new Set([
      ...tokens.flatMap((token, index) => (analyze(token.text, ENGLISH).some((term) => questionTerms.has(term)) ? [index] : [])),
      ...(options.anchors ?? []),
    ]),
  ];
  // Across a semicolon or colon the words belong to another statement ("…on the third floor; phone
  // calls are only allowed in the entrance hall"): as far as a whole sentence.
  const across = (from: number, to: number) => tokens.slice(from + 1, to + 1).some((token) => /[;:]/.test(token.punctuationBefore));
  const distance = (run: TokenRun) => {
    if (afterBy(tokens, run)) return 0;
    const outside = anchors.filter((anchor) => anchor < run.first || anchor > run.last);
    return Math.min(
      99,
      ...outside.map((anchor) =>
        anchor < run.first
          ? run.first - anchor + (across(anchor, run.first) ? CLAUSE_DISTANCE : 0)
          : anchor - run.last + (across(run.last, anchor) ? CLAUSE_DISTANCE : 0),
      ),
    );
  };
  // Near the rarest question word the sentence says, outside the candidate; then near any.
  const rarest = (run: TokenRun) => {
    if (!rarity || afterBy(tokens, run)) return 0;
    let best = -1;
    let at = 99;
    tokens.forEach((token, index) => {
      if (index >= run.first && index <= run.last) return;
      const weight = Math.max(
        -1,
        ...analyze(token.text, ENGLISH)
          .filter((term) => questionTerms.has(term))
          .map(rarity),
      );
      const gap =
        index < run.first
          ? run.first - index + (across(index, run.first) ? CLAUSE_DISTANCE : 0)
          : index - run.last + (across(run.last, index) ? CLAUSE_DISTANCE : 0);
      if (weight > best || (weight === best && gap < at)) {
        best = weight;
        at = gap;
      }
    });
    return best < 0 ? 0 : at;
  };
  return [...runs].sort((a, b) => rarest(a) - rarest(b) || distance(a) - distance(b) || a.first - b.first)[0];
}
