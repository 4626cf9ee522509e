import { isOrdinal } from "../answer/amount-spans.ts";
import { contentWords } from "../answer/concept-gap.ts";
import type { Turn } from "../answer/resolve-question.ts";
import { analyze } from "../text/analyze.ts";
import { detectLanguage } from "../text/detect-language.ts";
import { claimVocabulary, extractClaims } from "./claims.ts";
import { citedNumbers, type EvidenceSentence, withoutMarkers } from "./evidence.ts";
import { foldedTokens, foldText } from "./normalize.ts";
import { PERSON_WORDS } from "./question-slot.ts";

/** Why a model-written sentence was not shipped. Stable codes: the API reports them. */
export type DropReason =
  | "no_citation"
  | "unknown_citation"
  | "unsupported_number"
  | "unsupported_date"
  | "unsupported_name"
  | "off_evidence"
  | "not_short"
  | "not_in_evidence"
  | "wrong_type"
  | "repeats_question"
  | "speaker_not_answer"
  | "role_mismatch"
  | "slot_mismatch"
  | "unsupported_premise"
  | "no_answer";

export type SentenceVerdict =
  | { readonly ok: true; readonly cited: readonly EvidenceSentence[] }
  | { readonly ok: false; readonly reason: DropReason; readonly detail: string };

/** Words of a claim that frame it rather than carry content ("the sources say"). */
const FRAMING_TERMS = new Set(
  analyze("source sources say says said state states stated mention mentions document documents evidence according however"),
);

/**
 * Share of a sentence's content terms that must occur in its cited evidence or the question, so a
 * sentence citing the wrong evidence fails even when it names nothing. English only: the analyser
 * stems English, and answers in other languages are held to the names, numbers and dates checks.
 */
export const MIN_TERM_OVERLAP = 0.5;

/**
 * Checks one sentence a model wrote in free form: it must cite evidence that exists, every number,
 * date and name in it must occur in that evidence or in the question (after folding case, accents,
 * full-width forms and number words), and in English most of its content words must too.
 */
export function verifySentence(options: {
  sentence: string;
  evidence: readonly EvidenceSentence[];
  question: string;
  english: boolean;
}): SentenceVerdict {
  const { sentence, evidence, question, english } = options;
  const numbers = citedNumbers(sentence);
  if (numbers.length === 0) return { ok: false, reason: "no_citation", detail: "cites no evidence" };
  const cited = numbers.map((number) => evidence.find((item) => item.number === number));
  const missing = numbers.filter((_, index) => cited[index] === undefined);
  if (missing.length > 0) return { ok: false, reason: "unknown_citation", detail: `cites [${missing.join("], [")}], which does not exist` };
  const sources = cited as EvidenceSentence[];
  const claim = withoutMarkers(sentence);
  // "[1]." alone, or a stray word before its marker, is no sentence to ship.
  if (!/[\p{L}\p{N}]/u.test(claim)) return { ok: false, reason: "off_evidence", detail: "the sentence says nothing" };
  const sourceText = sources.map((source) => source.text).join("\n");
  const vocabulary = claimVocabulary(`${question}\n${sourceText}`);
  // A number or date only the question has may be repeated to deny it ("not his first visit"), never
  // stated: "The Lima visit will be the first meeting [1]" echoes a false premise the evidence contradicts.
  const denies = DENIAL.test(claim);
  const stated = denies ? vocabulary : claimVocabulary(sourceText);
  const claims = extractClaims(claim);
  const number = claims.numbers.find((value) => !stated.has(value));
  if (number !== undefined) return { ok: false, reason: "unsupported_number", detail: `${number} is not in the cited evidence` };
  // Folding makes "first" and "one" both 1; an order ("the first meeting") must be an order in the evidence.
  const statedOrders = orders(denies ? `${question}\n${sourceText}` : sourceText);
  const order = [...orders(claim)].find((value) => !statedOrders.has(value));
  if (order !== undefined) return { ok: false, reason: "unsupported_number", detail: `the order ${order} is not in the cited evidence` };
  const rank = denies ? undefined : rankConflict(claim, sourceText);
  if (rank !== undefined) return { ok: false, reason: "unsupported_number", detail: rank };
  const date = claims.dates.find((value) => !stated.has(value));
  if (date !== undefined) return { ok: false, reason: "unsupported_date", detail: `${date} is not in the cited evidence` };
  const name = claims.names.find((value) => !vocabulary.has(value));
  if (name !== undefined) return { ok: false, reason: "unsupported_name", detail: `${name} is not in the cited evidence` };
  const reported = otherSpeaker(question, sources);
  if (reported !== undefined) return { ok: false, reason: "speaker_not_answer", detail: reported };
  const speaker = actingSpeaker(claim, sources);
  if (speaker !== undefined)
    return {
      ok: false,
      reason: "speaker_not_answer",
      detail: `${speaker} only reports in the cited evidence; the sentence makes them act`,
    };
  if (english) {
    const terms = [...new Set(analyze(claim))].filter((term) => !FRAMING_TERMS.has(term));
    const known = new Set(analyze([question, ...sources.map((source) => source.text)].join(" ")));
    const overlap = terms.length === 0 ? 1 : terms.filter((term) => known.has(term)).length / terms.length;
    if (overlap < MIN_TERM_OVERLAP)
      return { ok: false, reason: "off_evidence", detail: `only ${Math.round(overlap * 100)}% of its words are in the cited evidence` };
    // What the sentence adds to the question is its answer, and that must come from what it cites:
    // "The new direct route will reduce dependence on intermediary routes [5]" is mostly the question.
    const asked = new Set(analyze(question).map(lemma));
    // Numbers and names are left to their checks above (which read "2nd" as "second" and "8" as
    // "eight"): a sentence that names what its citation names still adds words it must hold.
    const named = new Set(analyze(claims.names.join(" ")));
    const added = terms.filter((term) => !asked.has(lemma(term)) && !/\d/.test(term) && !named.has(term));
    const cited = new Set(analyze(sources.map((source) => source.text).join(" ")).map(lemma));
    const addedOverlap = added.length === 0 ? 1 : added.filter((term) => cited.has(lemma(term))).length / added.length;
    // One word of paraphrase beside a name the citation gives ("Beijing hosted the June meeting") is
    // the name's sentence; several words, or one with no such name, must be the citation's.
    const questionWords = claimVocabulary(question);
    const anchoredByName = added.length === 1 && claims.names.some((name) => !questionWords.has(foldText(name)));
    if (addedOverlap < MIN_TERM_OVERLAP && !anchoredByName)
      return {
        ok: false,
        reason: "off_evidence",
        detail: `only ${Math.round(addedOverlap * 100)}% of what it adds to the question is in the cited evidence`,
      };
    // A bare name or number is a reader's span, held to the reader's checks (verify-reader.ts).
    if (!denies && saysMoreThanNames(sentence)) {
      const sourceText = sources.map((source) => source.text).join(" ");
      const topic = questionTopic(question);
      if (topic.length >= MIN_TOPIC_WORDS && !topic.some((word) => saysWord(sourceText, cited, word)))
        return { ok: false, reason: "off_evidence", detail: `the cited evidence has none of the question's words (${topic.join(", ")})` };
      const attribute = askedAttribute(question);
      if (attribute !== undefined && !saysWord(sourceText, cited, attribute))
        return { ok: false, reason: "slot_mismatch", detail: `the cited evidence does not say the ${attribute} asked for` };
    }
  }
  return { ok: true, cited: sources };
}

/**
 * Topic words a question needs before evidence sharing none of them counts as off its topic: one word
 * may be a modifier the evidence leaves out ("the full name of Peru's president").
 */
const MIN_TOPIC_WORDS = 2;

/** Words for the sources themselves ("quoted in the article"): they say where, not what about. */
const SOURCE_WORDS = new Set(
  analyze("article articles quote quoted quotes text texts report reported passage passages", { language: "en" }),
);

/** Questions for an account of several parts, whose sentences may each take one part of it. */
const SUMMARY_QUESTION = /\b(summar\w*|overview|outline|recap|everything|all)\b/i;

/**
 * What an English question is about, beyond who it asks of and how it asks: its words other than stop
 * words, question framing ("describe", "say"), names and roles ("ambassador"), and the why-question's
 * word for why it asks. Hyphenated words stay whole ("high-value" is not "highly"). None for a summary.
 */
function questionTopic(question: string): string[] {
  if (SUMMARY_QUESTION.test(question)) return [];
  const names = new Set(extractClaims(question).names.flatMap((name) => foldedTokens(name)));
  const hyphenated = question.toLowerCase().match(HYPHENATED) ?? [];
  const words = [...hyphenated, ...contentWords(question.replace(HYPHENATED, " "))];
  return [
    ...new Set(
      words.filter(
        (word) =>
          !/\d/.test(word) &&
          !names.has(foldText(word)) &&
          !PERSON_WORDS.test(word) &&
          !REASON_ASKED.has(stem(word)) &&
          !FRAMING_TERMS.has(stem(word)) &&
          !SOURCE_WORDS.has(stem(word)),
      ),
    ),
  ];
}

const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/giu;

/** Whether a text says a word: a hyphenated word as written, any other by its stem (or irregular form). */
function saysWord(text: string, terms: ReadonlySet<string>, word: string): boolean {
  if (word.includes("-")) return foldText(text).includes(foldText(word));
  return terms.has(lemma(stem(word)));
}

/** "What was the value of ...?": the attribute asked for, which the evidence must say. */
const ATTRIBUTE_ASKED = /^\W*what (?:is|are|was|were|will be) the (?:[\p{L}-]+ ){0,2}?([\p{L}-]+) of\b/iu;
/** Attributes a value of their own kind answers without naming them ("the full name of ..." → a name). */
const VALUE_KINDS = /^(name|names|title|date|dates|day|days|year|years|time|number)$/i;

function askedAttribute(question: string): string | undefined {
  const attribute = ATTRIBUTE_ASKED.exec(question)?.[1]?.toLowerCase();
  return attribute === undefined || VALUE_KINDS.test(attribute) ? undefined : attribute;
}

/** Irregular English verb forms the stemmer leaves apart ("met" and "meet"), by their stem's base form. */
const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
  met: "meet",
  held: "hold",
  made: "make",
  took: "take",
  taken: "take",
  gave: "give",
  given: "give",
  went: "go",
  gone: "go",
  came: "come",
  built: "build",
  brought: "bring",
  began: "begin",
  begun: "begin",
  grew: "grow",
  grown: "grow",
  led: "lead",
  left: "leave",
  sent: "send",
  spent: "spend",
  spoke: "speak",
  spoken: "speak",
  told: "tell",
  thought: "think",
  won: "win",
  wrote: "write",
  written: "write",
  saw: "see",
  seen: "see",
  chose: "choose",
  chosen: "choose",
  became: "become",
  rose: "rise",
  risen: "rise",
  fell: "fall",
  fallen: "fall",
  paid: "pay",
  sold: "sell",
  bought: "buy",
  found: "find",
};
const IRREGULAR: ReadonlyMap<string, string> = new Map(Object.entries(IRREGULAR_FORMS).map(([form, base]) => [stem(form), stem(base)]));

function stem(word: string): string {
  return analyze(word, { language: "en" })[0] ?? word;
}

function lemma(term: string): string {
  return IRREGULAR.get(term) ?? term;
}

/** Whether a sentence says anything beyond names and numbers ("Marco V. Balarezo [1]." does not). */
export function saysMoreThanNames(sentence: string): boolean {
  const claim = withoutMarkers(sentence);
  const named = new Set(analyze(extractClaims(claim).names.join(" ")));
  return analyze(claim).some((term) => term.length > 1 && !named.has(term) && !/\d/.test(term) && !FRAMING_TERMS.has(term));
}

/**
 * Words a why-question uses for what it asks the reason of ("Why does the route matter?", "Why is it
 * important?"): an answer repeats them ("It matters because ..."), and no source says them of itself.
 */
const REASON_ASKED = new Set(
  analyze(
    "matter matters mattered important importance significant significance essential crucial key vital valuable relevant relevance necessary useful",
    { language: "en" },
  ),
);

/** "Why ...?" in English: a question whose premise the answer restates ("X stopped ... because ..."). */
const WHY_QUESTION = /^\W*(why|how come)\b/i;

/**
 * The premise of a "why" question, stated as fact by an answer sentence that does not deny it, in
 * words only the question has: "China stopped being Peru's biggest trading partner because ... [1]"
 * cites a sentence saying China has been that partner for ten years; every name and number checks
 * out, but "stop" is the question's word and no source's. Returns those words (stemmed), or
 * undefined when the sentence denies, is no answer to a why question, or says only what its
 * evidence says. English only: the analyser stems English.
 */
export function assertedPremise(options: {
  sentence: string;
  evidence: readonly EvidenceSentence[];
  question: string;
}): string[] | undefined {
  const { sentence, evidence, question } = options;
  if (!WHY_QUESTION.test(question) || !looksEnglish(question)) return undefined;
  const claim = withoutMarkers(sentence);
  if (DENIAL.test(claim)) return undefined;
  const cited = new Set(citedNumbers(sentence));
  const stated = new Set(
    analyze(
      evidence
        .filter((item) => cited.has(item.number))
        .map((item) => item.text)
        .join(" "),
      { language: "en" },
    ),
  );
  const asked = new Set(analyze(question, { language: "en" }));
  const premise = [...new Set(analyze(claim, { language: "en" }))].filter(
    (term) => asked.has(term) && !stated.has(term) && !FRAMING_TERMS.has(term) && !REASON_ASKED.has(term),
  );
  return premise.length > 0 ? premise : undefined;
}

/** The orders a text states ("second", "3rd"), as numbers (the ordinals amount-spans.ts reads, folded as numbers are). */
function orders(text: string): Set<string> {
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\d]+/gu) ?? [];
  return new Set(words.filter(isOrdinal).map(foldText));
}

/** Superlatives that rank first ("the largest", "the top"). */
const FIRST_RANK = /^(largest|biggest|greatest|top|leading|main|principal|foremost)$/;
/** Ranks below the first, written with a superlative ("second-largest", "third-biggest"). */
const LOWER_RANK = /^(second|third|fourth|fifth)-(largest|biggest|greatest|leading)$/;
const LOWER_RANKS: Readonly<Record<string, number>> = { second: 2, third: 3, fourth: 4, fifth: 5 };

/** Each rank a text gives, by the word it ranks: "second-largest investment" → investment: 2. */
function ranksByNoun(text: string): Map<string, Set<number>> {
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\d]+(?:-[\p{L}\d]+)*/gu) ?? [];
  const ranks = new Map<string, Set<number>>();
  words.forEach((word, index) => {
    const noun = words[index + 1];
    const lower = LOWER_RANK.exec(word);
    const rank = FIRST_RANK.test(word) ? 1 : lower ? LOWER_RANKS[lower[1] as string] : undefined;
    if (rank === undefined || noun === undefined) return;
    ranks.set(noun, (ranks.get(noun) ?? new Set<number>()).add(rank));
  });
  return ranks;
}

/**
 * A rank the claim gives a thing that its evidence ranks otherwise: "Peru is China's largest investment
 * destination" against "Peru has been China's second-largest investment destination". Words are taken
 * whole, so "largest" inside "second-largest" is no first rank; a thing the evidence does not rank is
 * left to the other checks.
 */
function rankConflict(claim: string, sourceText: string): string | undefined {
  const stated = ranksByNoun(sourceText);
  for (const [noun, ranks] of ranksByNoun(claim)) {
    const given = stated.get(noun);
    const rank = given === undefined ? undefined : [...ranks].find((value) => !given.has(value));
    if (rank !== undefined) return `the cited evidence does not rank "${noun}" ${rank === 1 ? "first" : `at ${rank}`}`;
  }
  return undefined;
}

/** Words that deny what follows, in English, Spanish and Chinese ("the sources do not say", "no", "并非"). */
const DENIAL =
  /\b(not|no|never|nor|neither|instead|rather|isn't|wasn't|aren't|weren't|won't|didn't|doesn't|don't|nunca|tampoco|ni)\b|n't\b|不|没|未|并非|而非/i;

const SPEECH = "said|says|told|tells|noted|stated|added|stressed|explained";
/** The last words of a capitalised run right before a speech verb ("Marco V. Balarezo said"), or after "according to". */
const SPEAKER_BEFORE = new RegExp(`((?:\\p{Lu}[\\p{L}'’-]*\\.?\\s+){0,2}\\p{Lu}[\\p{L}'’-]*),?\\s+(?:${SPEECH})\\b`, "gu");
const SPEAKER_AFTER = /according to ((?:\p{Lu}[\p{L}'’-]*\.?\s*){1,3})/gu;
const ACTION =
  /^\s+(will|would|did|does|has|have|had|can|could|is going to|is to|are to|opens?|opened|inaugurates?|inaugurated|signs?|signed|meets?|met|holds?|held|leads?|led|builds?|built|visits?|[a-z]{2,}ed)\b/;
/** Verbs that report rather than act ("Balarezo emphasised ..."): a sentence with one reports speech itself. */
const REPORTING = `${SPEECH}|say|tell|according|interview|emphasi[sz]ed|highlighted|pointed|mentioned|expressed|argued|described|underlined|noting|adding`;

/**
 * A name the cited evidence uses only for who is speaking ("Balarezo said that the port ..."),
 * made by the sentence the one who acts ("Balarezo will open the port"): the classic slot error
 * that a names check alone lets through. Sentences that report speech themselves are left alone.
 */
/** "What did President Boluarte say about …?", "¿Qué dijo Balarezo …?": the named person whose words are asked for. */
const WORDS_OF =
  /\b[Ww]hat (?:did|does|do|has|have|will|would) ((?:\p{Lu}[\p{L}'’.-]*\s+){1,4})(?:say|said|tell|told|think|note|stress|add|mean|believe)\b|\b[Qq]u[eé] (?:dijo|ha dicho|dice|opina|piensa|cree) (?:el |la )?((?:\p{Lu}[\p{L}'’.-]*\s*){1,4})/u;

/**
 * Speakers the sentence names itself ("Balarezo said", "according to Balarezo"), as folded words, and
 * the sentence with those phrases taken out.
 */
function namedSpeakers(text: string): { speakers: Set<string>; rest: string } {
  const speakers = new Set<string>();
  let rest = text;
  for (const pattern of [SPEAKER_BEFORE, SPEAKER_AFTER]) {
    for (const match of text.matchAll(pattern)) {
      for (const word of foldedTokens(match[1] as string)) speakers.add(word);
      rest = rest.replace(match[0], " ");
    }
  }
  return { speakers, rest };
}

/**
 * A question asks what a named person said, and a cited sentence names another speaker for its words:
 * Balarezo's "Chancay Port … is considered one of the largest port investments" is no answer to "What
 * did President Boluarte say about Chancay Port?". A sentence that names no speaker ("…, he said") may
 * be the person's and is left to the other checks. Titles ("President") are not the name.
 */
function otherSpeaker(question: string, sources: readonly EvidenceSentence[]): string | undefined {
  // The current question, the last of the user's words (userWords), not an earlier turn.
  const match = WORDS_OF.exec(question.split("\n").at(-1) ?? "");
  const asked = new Set(foldedTokens((match?.[1] ?? match?.[2] ?? "").trim()).filter((word) => !TITLES.has(word)));
  if (asked.size === 0) return undefined;
  for (const { text } of sources) {
    const { speakers } = namedSpeakers(text);
    if (speakers.size > 0 && ![...speakers].some((word) => asked.has(word)))
      return `the cited sentence reports ${[...speakers].join(" ")}'s words, not ${[...asked].join(" ")}'s`;
  }
  return undefined;
}

/** Titles before a name in a question, which the sentence's speaker need not repeat. */
const TITLES = new Set(["president", "presidente", "ambassador", "embajador", "minister", "ministro", "mr", "mrs", "ms", "dr", "the"]);

function actingSpeaker(claim: string, sources: readonly EvidenceSentence[]): string | undefined {
  if (new RegExp(`\\b(${REPORTING})\\b`, "i").test(claim)) return undefined;
  const speakers = new Set<string>();
  const elsewhere = new Set<string>();
  for (const { text } of sources) {
    const named = namedSpeakers(text);
    for (const word of named.speakers) speakers.add(word);
    const { rest } = named;
    for (const match of rest.matchAll(/\p{Lu}[\p{L}'’-]*/gu)) for (const word of foldedTokens(match[0])) elsewhere.add(word);
  }
  const folded = foldText(claim);
  for (const name of speakers) {
    if (elsewhere.has(name) || name.length < 2) continue;
    const at = folded.search(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`));
    if (at >= 0 && ACTION.test(folded.slice(at + name.length))) return name;
  }
  return undefined;
}

/** Whether a question is English, where the content-word check applies (detection from src/text). */
export function looksEnglish(text: string): boolean {
  return detectLanguage(text) === "en";
}

/**
 * The words the user wrote in a conversation: the question and their own earlier turns (never the
 * assistant's, nor a model's rewrite). A written sentence may take a name or number from them.
 */
export function userWords(question: string, history: readonly Turn[] = []): string {
  return [...history.filter((turn) => turn.role === "user").map((turn) => turn.content), question].join("\n");
}
