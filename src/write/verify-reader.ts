import { clockSpans, isCountWindow, isOrdinal, relativeYearSpans, timeSpans, timeWindowSpans, yearSpans } from "../answer/amount-spans.ts";
import { COUNTED_BEFORE, ELAPSED_QUESTION } from "../answer/answer-type.ts";
import { chinesePlaces, englishPlace } from "../answer/cross-lingual-glossary.ts";
import { analyze, STOP_WORDS } from "../text/analyze.ts";
import { claimVocabulary, extractClaims } from "./claims.ts";
import type { EvidenceSentence } from "./evidence.ts";
import { containsFolded, foldedTokens, foldText, tokenRunIndex, writtenTokens } from "./normalize.ts";
import { PERSON_WORDS, type Slot } from "./question-slot.ts";
import { type DropReason, looksEnglish } from "./verify-sentence.ts";

/** What the reader prompt asks the model for: the number of one evidence sentence and a short span of it. */
export interface ReaderOutput {
  readonly evidence: number;
  readonly answer: string;
}

export type ReaderVerdict =
  | { readonly ok: true; readonly source: EvidenceSentence; readonly span: string }
  | { readonly ok: false; readonly reason: DropReason; readonly detail: string }
  | { readonly ok: "abstain" };

/** Longest short answer, in words: more is a sentence, not a slot. */
export const MAX_ANSWER_WORDS = 8;
/** Tokens between a qualifier the question and the evidence share ("June") and the answer to it. */
const QUALIFIER_WINDOW = 4;

/** "Who is ...?": asks who someone is, which the speaker of a sentence can well be. */
const IDENTITY_QUESTION = /^\W*(who (is|was|are|were)\b|(quién|quien|quiénes) (es|era|son|fue)\b)|是谁|是誰/i;
/** A question about who said or told something, in English, Spanish or Chinese: there the speaker is the answer. */
const SPEECH_QUESTION =
  /\b(said|say|says|told|tell|interview\w*|according|dijo|dice|dicen|decir|afirm\w*|declar\w*|entrevist\w*|seg[uú]n)\b|说|表示|称|采访|专访|访谈|据/i;
const SPEECH_VERBS = new Set(["said", "says", "told", "tells", "noted", "stated", "added", "wrote", "explained", "stressed"]);
/** Roles with a direction: X's ambassador to Y is not Y's ambassador to X. */
const DIRECTED_ROLES = "ambassador|ambassadors|envoy|envoys|consul|representative|delegate";
const DEMONYMS: Readonly<Record<string, string>> = {
  peruvian: "peru",
  chinese: "china",
  american: "america",
  brazilian: "brazil",
  chilean: "chile",
  mexican: "mexico",
  japanese: "japan",
  russian: "russia",
};

/** The reader's line: "N: words", also "[N]: words"; undefined when the reply has no such line. */
const READER_LINE = /^\s*\[?(\d{1,3})\]?\s*[:：]\s*(.*)$/;

/** Parses the reader's reply from its first non-empty line; the answer loses surrounding quotes. */
export function parseReaderOutput(text: string): ReaderOutput | undefined {
  const line = text.split("\n").find((candidate) => candidate.trim() !== "");
  // "0" alone: no sentence answers (the colon left off); any other bare number gives no answer to check.
  if (line?.trim() === "0") return { evidence: 0, answer: "" };
  const match = line === undefined ? null : READER_LINE.exec(line);
  if (!match) return undefined;
  return {
    evidence: Number(match[1]),
    answer: (match[2] as string)
      .trim()
      .replace(/^["'“]|["'”]$/g, "")
      .trim(),
  };
}

/**
 * Checks a structured short answer: it must be a few words copied from the evidence sentence it
 * names, of the kind the question asks for, add something the question does not already say, and
 * stand in the slot asked about: not the speaker of a reported statement, not the other end of a
 * directed role, and next to the question's qualifier where the sentence has it.
 */
export function verifyReaderAnswer(options: {
  output: ReaderOutput;
  evidence: readonly EvidenceSentence[];
  question: string;
  slot: Slot;
  /**
   * The extractive answerer's focus checks for this question (src/answer/focus-checks.ts): whether a
   * sentence says what the question narrows it to ("el año pasado", "original", whose rank). A span's
   * source must pass them too; absent, only this module's own checks apply.
   */
  focus?: (source: EvidenceSentence) => boolean;
  /**
   * For "how many X": the numbers of a sentence that count X, as the extractive answerer reads the
   * question (`countingNumbers` in src/answer/answer-type.ts); undefined when the question counts
   * nothing in particular ("how many times") or is not read that way (another language).
   */
  counts?: (source: EvidenceSentence) => readonly string[] | undefined;
}): ReaderVerdict {
  const { output, evidence, question, slot, focus, counts } = options;
  if (output.evidence === 0 || output.answer === "") return { ok: "abstain" };
  const cited = evidence.find((item) => item.number === output.evidence);
  if (!cited) return fail("unknown_citation", `cites [${output.evidence}], which does not exist`);
  const written = output.answer.replace(/^["'“]|["'”.]$/g, "").trim();
  // Words no sentence holds may still be the cited sentence's words with another article ("the two
  // presidents" for "both presidents"): then the sentence's own words are the span, and every check
  // below reads those; what the model typed is never what ships.
  const held = evidence.some((item) => containsFolded(item.text, written)) ? written : (documentWording(cited.text, written) ?? written);
  // "Chancay Port" for "Which port ...?" when the cited sentence says "to Chancay": the model added the
  // question's own word for the kind of answer; what the cited sentence holds is the answer.
  const bare = containsFolded(cited.text, held) ? undefined : withoutQuestionWords(held, question);
  const span = bare !== undefined && containsFolded(cited.text, bare) ? bare : held;
  const words = foldedTokens(span);
  if (words.length === 0 || words.length > MAX_ANSWER_WORDS) return fail("not_short", `the answer has ${words.length} words`);
  if (!fitsSlot(span, slot, question))
    return fail("wrong_type", `the answer is not a ${slot === "time" && YEAR_QUESTION.test(question) ? "year" : slot}`);
  // "Who is Peru's ambassador?" is not answered by "the ambassador": an identity wants a name.
  if (slot === "person" && IDENTITY_QUESTION.test(question) && !extractClaims(` ${span}`).names.some((name) => !PERSON_WORDS.test(name)))
    return fail("wrong_type", "the answer names no one");
  // The question's places count as said in English too: "China" repeats "Which Chinese company ...?",
  // "Peru" repeats "秘鲁在哪个地区...？".
  const asked = new Set([...claimVocabulary(question), ...questionPlaces(question).flatMap((place) => foldedTokens(place))]);
  if (words.every((word) => asked.has(word) || STOP.has(word))) return fail("repeats_question", "the answer only repeats the question");
  if (slot === "person" && !IDENTITY_QUESTION.test(question) && sharesName(span, question))
    return fail("repeats_question", "the answer is someone the question names");
  // Small models miscount, and a name or day is in many sentences: the span's source is a sentence
  // that holds it and is most about the question (most of the question's terms), the cited one first
  // on a tie, then the others in rank order; the first in which it passes every check is the source
  // (every check reads that sentence, and the quote is still cut from the document by offsets). A
  // sentence that merely names Peru is no source for "China's largest investment destination" when
  // the one about that destination says "second-largest".
  const holders = [cited, ...evidence.filter((item) => item !== cited)].filter((item) => containsFolded(item.text, span));
  const shared = holders.map((item) => sharedTerms(question, item.text));
  const most = Math.max(...shared);
  const candidates = holders.filter((_, index) => shared[index] === most);
  if (candidates.length === 0) return fail("not_in_evidence", `"${span}" is not a span of [${cited.number}]`);
  let first: ReaderVerdict | undefined;
  for (const source of candidates) {
    const verdict = checkSource({ source, span, words, question, slot, focus, counts });
    if (verdict.ok) return verdict;
    first ??= verdict;
  }
  return first as ReaderVerdict;
}

/** The checks that read the sentence the span is taken from: who acts, which direction, which occasion. */
function checkSource(options: {
  source: EvidenceSentence;
  span: string;
  words: readonly string[];
  question: string;
  slot: Slot;
  focus?: (source: EvidenceSentence) => boolean;
  counts?: (source: EvidenceSentence) => readonly string[] | undefined;
}): ReaderVerdict {
  const { source, span, words, question, slot, focus, counts } = options;
  const tokens = foldedTokens(source.text);
  const at = tokenRunIndex(tokens, words);
  if (slot === "person" && at > 0 && LOCATIVE.has(tokens[at - 1] as string))
    return fail("wrong_type", "the answer is a place, not a person");
  // Folding makes "second" 2: what the sentence writes at the span decides whether it is an ordinal.
  const written = writtenTokens(source.text).slice(at, at + words.length);
  if (slot === "quantity" && isOrdinalSpan(written) && !countsByOrdinal(question, tokens[at + words.length]))
    return fail("wrong_type", "an ordinal counts only what it numbers");
  if (slot === "quantity" && LENGTH_QUESTION.test(question) && !ELAPSED_QUESTION.test(question)) {
    const sentenceWords = writtenTokens(source.text);
    if (written.some((_, offset) => isCountWindow(sentenceWords, at + offset)))
      return fail("slot_mismatch", "the span is the period a count happened in, not how long something lasts");
  }
  const counting = slot === "quantity" && !isOrdinalSpan(written) ? counts?.(source) : undefined;
  if (counting !== undefined && !counting.some((number) => foldedTokens(number).some((token) => words.includes(token))))
    return fail("wrong_type", "the number counts something the question does not count");
  if (isSpeaker({ tokens, at, length: words.length, question }))
    return fail("speaker_not_answer", "the answer is who said it, not what was asked");
  if (rolesReversed(question, source.text)) return fail("role_mismatch", "the cited sentence names the role the other way round");
  if (ownerSwapped({ question, tokens, words }))
    return fail("role_mismatch", "the answer owns what the question gives to another (X's partner is not the partner of X)");
  const rank = rankAdded(question, tokens);
  if (rank !== undefined) return fail("slot_mismatch", `the cited sentence says ${rank}, which the question does not ask about`);
  const missing = missingQualifier(question, source.text) ?? missingOrder(question, source.text);
  if (missing !== undefined) return fail("slot_mismatch", `the cited sentence does not mention ${missing}`);
  if (focus && !focus(source)) return fail("slot_mismatch", "the cited sentence does not say what the question narrows it to");
  const event = slot === "time" ? (otherPhase(question, source.text) ?? otherEvent(question, source.text)) : undefined;
  if (event !== undefined) return fail("slot_mismatch", `the cited sentence dates another event: it does not say ${event}`);
  if (slot === "thing" && !nextToAskedNoun({ tokens, at, length: words.length, question }))
    return fail("slot_mismatch", "the answer is not the thing the sentence names with the question's noun");
  const qualifier = qualifierDistance({ tokens, at, length: words.length, question });
  if (qualifier !== undefined && qualifier > QUALIFIER_WINDOW)
    return fail("slot_mismatch", "the answer is not next to what the question qualifies");
  return { ok: true, source, span };
}

/** Articles and quantifiers a short answer may write differently from its sentence; "both" counts two. */
const DETERMINERS = new Set(["the", "a", "an", "both", "all", "its", "their", "his", "her"]);
const SAME_WORD: Readonly<Record<string, string>> = { both: "2" };

/**
 * The run of `sentence` that says what `span` says up to articles and quantifiers: the span's other
 * words, adjacent and in order, with the sentence's own articles before them; undefined when the
 * sentence has no such run.
 */
export function documentWording(sentence: string, span: string): string | undefined {
  const wanted = foldedTokens(span).filter((word) => !DETERMINERS.has(word) || SAME_WORD[word] !== undefined);
  const content = wanted.map((word) => SAME_WORD[word] ?? word);
  if (content.length === 0 || content.every((word) => STOP.has(word))) return undefined;
  const words = [...sentence.matchAll(DOCUMENT_WORD)];
  const folded = words.map((word) => foldedTokens(word[0]).join(" "));
  const same = (index: number, word: string) => (SAME_WORD[folded[index] as string] ?? folded[index]) === word;
  for (let first = 0; first + content.length <= words.length; first += 1) {
    if (!content.every((word, offset) => same(first + offset, word))) continue;
    let start = first;
    while (start > 0 && DETERMINERS.has(folded[start - 1] as string)) start -= 1;
    const last = words[first + content.length - 1] as RegExpMatchArray;
    return sentence.slice(words[start]?.index, (last.index as number) + last[0].length);
  }
  return undefined;
}

const DOCUMENT_WORD = /\p{Script=Han}|[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;

function fail(reason: DropReason, detail: string): ReaderVerdict {
  return { ok: false, reason, detail };
}

const STOP = new Set(["the", "a", "an", "of", "in", "on", "at", "to", "by", "and", "s"]);

/** "How long will it last?", "¿Cuánto tiempo…?", "多久": a length of time. */
const LENGTH_QUESTION = /\bhow long\b|\bhow much time\b|\bcu[aá]nto tiempo\b|多久|多长时间/i;

/** "At what time ...?", "¿A qué hora ...?", "几点": a time of day. */
const CLOCK_QUESTION = /\b(what|which) time\b|\bqu[ée] hora\b|几点/i;

/** "In which year ...?": a year ("2023", "last year") answers it, not any other number ("10" from "for 10 years"). */
const YEAR_QUESTION = /\b(which|what) year\b|\bqué año\b|哪一?年|几几年/i;

function fitsSlot(span: string, slot: Slot, question: string): boolean {
  const claims = extractClaims(` ${span}`);
  switch (slot) {
    case "time":
      // The extractive answerer's own time and year spans (amount-spans.ts): a bare number is no time.
      if (YEAR_QUESTION.test(question)) return yearSpans(span).length > 0 || relativeYearSpans(span).length > 0;
      // "At what time ...?" asks for a time of day: the day is no answer.
      if (CLOCK_QUESTION.test(question)) return clockSpans(span).length > 0;
      return claims.dates.length > 0 || [timeSpans, timeWindowSpans, clockSpans].some((spans) => spans(span).length > 0);
    case "quantity":
      return claims.numbers.length > 0;
    case "person":
      return claims.names.length > 0 || PERSON_WORDS.test(span);
    case "place":
      return claims.names.length > 0;
    case "thing":
      return true;
  }
}

/** The span names who said the sentence ("X said", "X told", "according to X") and the question does not ask who said. */
function isSpeaker(options: { tokens: readonly string[]; at: number; length: number; question: string }): boolean {
  const { tokens, at, length, question } = options;
  if (at < 0 || SPEECH_QUESTION.test(question) || IDENTITY_QUESTION.test(question)) return false;
  const after = tokens[at + length];
  const before = tokens.slice(Math.max(0, at - 2), at).join(" ");
  if (!(SPEECH_VERBS.has(after ?? "") || before === "according to" || SPEECH_VERBS.has(tokens[at - 1] ?? ""))) return false;
  // An appositive of the role asked about ("Ambassador to China Marco V. Balarezo said") still answers "who is the ambassador".
  const asked = claimVocabulary(question);
  const lead = tokens.slice(Math.max(0, at - 3), at);
  return !lead.some((word) => asked.has(word) && !STOP.has(word));
}

/** Words before a role that name no country ("the former ambassador to China"). */
const ROLE_MODIFIERS = new Set(["former", "new", "current", "acting", "deputy", "special", "chief", "senior", "top", "then"]);

interface DirectedRole {
  readonly from: string;
  readonly role: string;
  readonly to: string;
}

function directedRoles(text: string): DirectedRole[] {
  const folded = foldText(text).replace(/'s\b/g, " 's");
  const roles: DirectedRole[] = [];
  const country = (word: string) => DEMONYMS[word] ?? word;
  // An envoy holds the same directed role as an ambassador; a plural names it too.
  const single = (role: string) => {
    const one = role.replace(/s$/, "");
    return one === "envoy" ? "ambassador" : one;
  };
  for (const match of folded.matchAll(new RegExp(`(\\p{L}+)(?: 's)? (${DIRECTED_ROLES}) (?:to|in) (\\p{L}+)`, "gu"))) {
    // "the ambassador to China" names no sending country.
    if (STOP_WORDS.has(match[1] as string) || ROLE_MODIFIERS.has(match[1] as string)) continue;
    roles.push({ from: country(match[1] as string), role: single(match[2] as string), to: country(match[3] as string) });
  }
  for (const match of folded.matchAll(new RegExp(`(${DIRECTED_ROLES}) of (\\p{L}+) (?:to|in) (\\p{L}+)`, "gu"))) {
    roles.push({ from: country(match[2] as string), role: single(match[1] as string), to: country(match[3] as string) });
  }
  return roles;
}

/**
 * The sentence names the role asked about only with another sending country: "Peru's ambassador to
 * China" answers neither "China's ambassador to Peru" nor "China's envoy in Lima".
 */
function rolesReversed(question: string, sentence: string): boolean {
  const stated = directedRoles(sentence);
  return directedRoles(question).some(
    (asked) =>
      stated.some((role) => role.role === asked.role && role.from !== asked.from) &&
      !stated.some((role) => role.role === asked.role && role.from === asked.from),
  );
}

/** A date or number the question pins its answer to ("in June") that the cited sentence lacks. */
function missingQualifier(question: string, sentence: string): string | undefined {
  const stated = claimVocabulary(sentence);
  return questionQualifiers(question).find((qualifier) => !stated.has(qualifier));
}

/** Ordinals as whole words: "second-largest" is a rank, not the second of anything. */
function ordinalWords(text: string): Set<string> {
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\d]+(?:-[\p{L}\d]+)*/gu) ?? [];
  return new Set(words.filter(isOrdinal));
}

/**
 * An order the question pins its answer to ("during Xi's first visit") that the sentence does not
 * state: a sentence about the visit with no order is no source for the first one.
 */
function missingOrder(question: string, sentence: string): string | undefined {
  const stated = ordinalWords(sentence);
  return [...ordinalWords(question)].find((order) => !stated.has(order));
}

/** Words of a "when" question that name the kind of time asked for, not the event. */
const TIME_WORDS = new Set(analyze("when day date time year month week hour weekday", { language: "en" }));
/** How many of the question's event words a sentence may lack and still date that event (never all of them). */
const EVENT_WORDS_MISSING = 1;

/**
 * A sentence names several events and dates some of them: "the two sides announced in June the
 * conclusion of negotiations to upgrade the agreement" dates the announcement, not when the upgrade
 * takes effect. A time span answers "when" only from a sentence with the question's event words
 * (stemmed content words, names and numbers left out: those say whose event, not which); the words
 * it lacks when it lacks more than one, else undefined. English only: the stemmer is English.
 */
function otherEvent(question: string, sentence: string): string | undefined {
  if (!looksEnglish(question)) return undefined;
  const names = new Set(extractClaims(question).names.flatMap((name) => analyze(name, { language: "en" })));
  const stated = new Set(analyze(sentence, { language: "en" }));
  const events = [
    ...new Set(analyze(question, { language: "en" }).filter((term) => !TIME_WORDS.has(term) && !names.has(term) && !/^\d/.test(term))),
  ];
  const lacking = events.filter((term) => !stated.has(term));
  // One word may be missing of several, never the only one: "starting on Wednesday" does not date when Xi leaves.
  return lacking.length > EVENT_WORDS_MISSING || (lacking.length > 0 && lacking.length === events.length) ? lacking.join(", ") : undefined;
}

/**
 * What a question pins its answer to: dates and numbers written in digits ("in June", "in 2023").
 * Number words are left out: "the two presidents" names who, not which occasion.
 */
function questionQualifiers(question: string): string[] {
  const claims = extractClaims(question);
  const digits = new Set(question.normalize("NFKC").match(/\d+(?:\.\d+)?/g) ?? []);
  return [...claims.dates, ...claims.numbers.filter((number) => digits.has(number))];
}

/** Words for the start and for the end of something: "when did the negotiations begin?" is not when they concluded. */
const PHASES: readonly (readonly [string, RegExp])[] = [
  ["its start", /\b(begin|began|begun|beginning|start\w*|commenc\w*|launch\w*|open\w*|inaugurat\w*|initiat\w*|kick\w* off)\b/i],
  ["its end", /\b(end|ends|ended|ending|conclu\w*|finish\w*|complet\w*|clos\w*|wrap\w* up)\b/i],
];

/** The phase a "when" question asks about (its start or its end) when the sentence does not speak of it. English only. */
function otherPhase(question: string, sentence: string): string | undefined {
  if (!looksEnglish(question)) return undefined;
  return PHASES.find(([, words]) => words.test(question) && !words.test(sentence))?.[0];
}

/**
 * Distance in tokens from the span to the nearest qualifier of the question (a date, number or
 * name the question adds, such as "in June") that the sentence also has; undefined when none.
 */
function qualifierDistance(options: { tokens: readonly string[]; at: number; length: number; question: string }): number | undefined {
  const { tokens, at, length, question } = options;
  if (at < 0) return undefined;
  const qualifiers = new Set(questionQualifiers(question));
  let nearest: number | undefined;
  tokens.forEach((token, index) => {
    if (!qualifiers.has(token) || (index >= at && index < at + length)) return;
    const distance = index < at ? at - index : index - (at + length - 1);
    nearest = nearest === undefined ? distance : Math.min(nearest, distance);
  });
  return nearest;
}

/** The places a question names, in English: its demonyms' countries, Spanish and Chinese place names. */
function questionPlaces(question: string): string[] {
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  return [...words.flatMap((word) => DEMONYMS[word] ?? englishPlace(word) ?? []), ...chinesePlaces(question).map((place) => place.english)];
}

/** The span without leading and trailing words the question already has; undefined when nothing else is left. */
function withoutQuestionWords(span: string, question: string): string | undefined {
  const asked = claimVocabulary(question);
  const words = [...span.matchAll(DOCUMENT_WORD)];
  const known = (word: RegExpMatchArray | undefined) =>
    word !== undefined && foldedTokens(word[0]).every((token) => asked.has(token) || STOP.has(token));
  let first = 0;
  let last = words.length - 1;
  while (first <= last && known(words[first])) first += 1;
  while (last >= first && known(words[last])) last -= 1;
  if (first > last || (first === 0 && last === words.length - 1)) return undefined;
  const from = words[first] as RegExpMatchArray;
  const to = words[last] as RegExpMatchArray;
  return span.slice(from.index, (to.index as number) + to[0].length);
}

/** Words of the question after "X's" that name the relation it asks about ("biggest trading"). */
const RELATION_WORDS = 2;

/**
 * The question gives a relation an owner ("China's biggest trading partner") and the span is the
 * owner of that same relation in the sentence ("Peru's biggest trading partner"): the span is the
 * other end of the relation, not its answer.
 */
function ownerSwapped(options: { question: string; tokens: readonly string[]; words: readonly string[] }): boolean {
  const { question, tokens, words } = options;
  const last = words.at(-1);
  if (last === undefined) return false;
  const asked = foldedTokens(question);
  return asked.some((token, index) => {
    const owner = /^(.+)'s$/.exec(token)?.[1];
    if (owner === undefined || owner === last) return false;
    const relation = asked.slice(index + 1, index + 1 + RELATION_WORDS);
    if (relation.length === 0) return false;
    const at = tokenRunIndex(tokens, [`${last}'s`, ...relation]);
    return at >= 0;
  });
}

/** A superlative a rank can qualify ("largest", "biggest", "top"). */
const SUPERLATIVE = /^(\p{L}{3,}est|most|least|top)$/u;

/**
 * A rank the sentence puts before the question's superlative and the question does not ("second-largest"
 * for "the largest"): the sentence answers another question. Returns the sentence's words, or undefined.
 */
function rankAdded(question: string, tokens: readonly string[]): string | undefined {
  const asked = foldedTokens(question);
  for (const [index, word] of asked.entries()) {
    if (!SUPERLATIVE.test(word) || /^\d+$/.test(asked[index - 1] ?? "")) continue;
    const places = tokens.flatMap((token, at) => (token === word ? [at] : []));
    if (places.length === 0) continue;
    const ranked = places.map((at) => tokens[at - 1] ?? "").filter((before) => /^\d+$/.test(before) && !asked.includes(before));
    if (ranked.length === places.length) return `${ranked[0]} ${word}`;
  }
  return undefined;
}

/** Prepositions of place before a name: "the other in Beijing" places something, it names no one. */
const LOCATIVE = new Set(["in", "at", "en"]);
const HOW_MANY_TIMES = /\bhow many times\b|\bcu[áa]ntas veces\b|几次|多少次/i;

/** Words the sentence writes as an ordinal ("the second"). */
function isOrdinalSpan(words: readonly string[]): boolean {
  return words.length > 0 && words.every((word) => isOrdinal(word) || STOP.has(word));
}

/**
 * "his second visit" says how many visits there have been ("How many times has Xi visited?", "How
 * many visits ...?"), not how many meetings: an ordinal counts the noun after it ("largest" in
 * "second-largest" counts nothing), when the question asks about that.
 */
function countsByOrdinal(question: string, numbered: string | undefined): boolean {
  // The third meeting says two came before it: the ordinal is not the count asked for.
  if (COUNTED_BEFORE.test(question)) return false;
  if (HOW_MANY_TIMES.test(question)) return true;
  if (numbered === undefined) return false;
  const asked = new Set(analyze(question));
  return analyze(numbered).some((term) => asked.has(term));
}

/**
 * "Which gaps could ...?", "What kind of hub does ...?": the noun the question asks which one of,
 * when an auxiliary follows it (English); undefined otherwise ("Which newspaper interviewed ...?").
 */
const ASKED_NOUN =
  /^(?:(?:in|on|at|to|from|with|for|by|into|under|of)\s+)?(?:which|what)\s+(?:(?:kind|type|sort)s?\s+of\s+)?(?:[\p{L}-]+\s+){0,2}?([\p{L}-]+)\s+(?:is|are|was|were|will|would|did|does|do|has|have|had|can|could|should|may|might|must)\b/iu;
/** Tokens after the asked noun where its instances may start ("new areas, such as environmental protection"). */
const AFTER_NOUN = 3;
/** Tokens before the asked noun where its instances may end ("logistics hub"). */
const BEFORE_NOUN = 2;

/**
 * A "which X" span stands where the sentence names X: it holds X, or starts just after it, or ends
 * just before it. A sentence that never writes X leaves the span free ("China Daily" for "Which
 * newspaper ...?"): what it calls X in other words only the model read.
 */
function nextToAskedNoun(options: { tokens: readonly string[]; at: number; length: number; question: string }): boolean {
  const { tokens, at, length, question } = options;
  const noun = ASKED_NOUN.exec(question.trim())?.[1];
  if (noun === undefined || at < 0 || !looksEnglish(question)) return true;
  const stem = analyze(noun, { language: "en" })[0];
  if (stem === undefined) return true;
  const places = tokens.flatMap((token, index) => (analyze(token, { language: "en" })[0] === stem ? [index] : []));
  const last = at + length - 1;
  return (
    places.length === 0 ||
    places.some(
      (index) =>
        (index >= at && index <= last) || (at > index && at - index <= AFTER_NOUN) || (index > last && index - last <= BEFORE_NOUN),
    )
  );
}

/** The span names someone the question names ("Dina Boluarte" for "Who will Boluarte meet?"): a word of one of its names. */
function sharesName(span: string, question: string): boolean {
  const named = new Set(
    extractClaims(question)
      .names.flatMap((name) => foldedTokens(name))
      .filter((word) => !STOP.has(word)),
  );
  return extractClaims(` ${span}`).names.some((name) => foldedTokens(name).some((word) => named.has(word)));
}

/** How many of the question's content terms (stemmed, stop words left out) a sentence has. */
function sharedTerms(question: string, sentence: string): number {
  const terms = new Set(analyze(sentence));
  return new Set(analyze(question).filter((term) => terms.has(term))).size;
}
