import { foldedTokens } from "../write/normalize.ts";
import { moneyRuns } from "./amount-spans.ts";
import type { KeyConstraint, LanguageRules, StatedRank } from "./language-rules.ts";
import { stemEnglish as stem } from "./language-rules.ts";
import { type Token, tokenize } from "./sentence-tokens.ts";

/** The key constraints a question sets ("original", "last year", "cost", "else"). */
export function keyConstraints(question: string, rules: LanguageRules): KeyConstraint[] {
  const text = rules.questionText?.(question) ?? question.toLowerCase();
  return rules.keyConstraints.filter((constraint) => constraint.inQuestion.test(text));
}

/**
 * Across languages no word of the question is in the sentence, but its key constraints are ("in June",
 * "last year"): the indexes of the sentence's words that say them, near which the answer stands
 * ("…the other in Beijing in June"). Undefined when the sentence says none.
 */
export function constraintAnchors(options: { question: string; sentence: string; rules: LanguageRules }): ReadonlySet<number> | undefined {
  const { question, sentence, rules } = options;
  const tokens = tokenize(sentence);
  const anchors = new Set<number>();
  for (const constraint of keyConstraints(question, rules)) {
    if (!constraint.inSentence || constraint.notAnchor) continue;
    const pattern = new RegExp(constraint.inSentence.source, `${constraint.inSentence.flags.replace("g", "")}g`);
    for (const match of sentence.matchAll(pattern)) {
      const end = match.index + match[0].length;
      tokens.forEach((token, index) => {
        if (token.start < end && token.end > match.index) anchors.add(index);
      });
    }
  }
  // A rank the question states ("el segundo destino") is a constraint too: "For 10 consecutive years, China
  // has been Peru's biggest trading partner, while Peru has been China's second-largest…" dates the biggest.
  const stated = rules.yesNoQuestion.test(question.trim()) ? undefined : rules.questionRank?.(question);
  tokens.forEach((token, index) => {
    if (stated && RANK_WORDS[token.lower.split("-")[0] ?? ""] === stated.rank) anchors.add(index);
  });
  return anchors.size > 0 ? anchors : undefined;
}

/**
 * A sentence carries the question's focus, not just its topic: every key constraint is said in it
 * ("What was the value of bilateral trade last year?" needs an amount and "last year"), and where the
 * question names whose thing it asks about ("China's biggest trading partner") the sentence does not
 * say it of someone else ("Peru's biggest trading partner").
 */
export function carriesFocus(options: {
  question: string;
  sentence: string;
  rules: LanguageRules;
  /** The sentence before it in its document, which may name what the sentence refers back to ("this upgrade"). */
  previous?: string;
}): boolean {
  const { question, sentence, rules, previous } = options;
  const sentenceTokens = tokenize(sentence);
  for (const constraint of keyConstraints(question, rules)) {
    const said = (text: string | undefined) => text !== undefined && constraint.inSentence?.test(text) === true;
    if (constraint.inSentence && !said(sentence) && !(constraint.mayBePrevious && said(previous))) return false;
    if (constraint.needsMoney && moneyRuns(sentence, sentenceTokens).length === 0) return false;
  }
  const questionTokens = tokenize(question);
  return (
    ranksAgree({ question, questionTokens, sentenceTokens, rules }) &&
    !ownerDiffers(questionTokens, sentenceTokens) &&
    !placeDiffers({ questionTokens, sentenceTokens, rules }) &&
    !namedNounDiffers(questionTokens, sentenceTokens) &&
    !countDiffers({ questionTokens, sentenceTokens, rules }) &&
    speakerNamed({ question, sentenceTokens, rules, previous }) &&
    saysPinnedNumbers({ question, sentence, rules, previous })
  );
}

/**
 * "How much does it cost to print in 3D?" is not answered by what printing a page costs: the numbers
 * a question pins ("3D", "in 2019", "after 5 years") are said by the sentence or the one before it, in
 * digits or as an English number word. A yes/no question may pin one the sentence contradicts.
 */
function saysPinnedNumbers(options: { question: string; sentence: string; rules: LanguageRules; previous?: string }): boolean {
  const { question, sentence, rules, previous } = options;
  if (rules.yesNoQuestion.test(question.trim())) return true;
  const pinned = question.match(PINNED_NUMBER) ?? [];
  if (pinned.length === 0) return true;
  const said = new Set([sentence, previous ?? ""].flatMap((text) => foldedTokens(text)));
  return pinned.every((number) => foldedTokens(number).every((token) => said.has(token)));
}

/** Digits, alone or inside a word ("3D", "2024"), compared folded ("five" says 5). */
const PINNED_NUMBER = /(?<![\p{L}\d])[a-z]*\d+(?:[.,]\d+)?[a-z]*(?![\p{L}\d])/giu;

/**
 * "…investment destination in Asia?" is not answered by "…investment destination in Latin America":
 * the same noun and preposition in both, followed by names that share no word.
 */
function placeDiffers(options: { questionTokens: readonly Token[]; sentenceTokens: readonly Token[]; rules: LanguageRules }): boolean {
  const { questionTokens, sentenceTokens, rules } = options;
  const placed = (tokens: readonly Token[]) =>
    tokens.flatMap((token, index) => {
      const noun = tokens[index - 1];
      if (!noun || noun.capitalised || !rules.locativePrepositions.has(token.lower)) return [];
      const name: string[] = [];
      for (let next = index + 1; tokens[next]?.capitalised && !rules.calendarWords.test(tokens[next]?.lower ?? ""); next += 1)
        name.push((tokens[next] as Token).lower);
      return name.length > 0 ? [{ noun: stem(noun.lower), preposition: token.lower, name }] : [];
    });
  const said = placed(sentenceTokens);
  return placed(questionTokens).some((asked) =>
    said.some(
      (other) =>
        other.noun === asked.noun && other.preposition === asked.preposition && !other.name.some((word) => asked.name.includes(word)),
    ),
  );
}

/**
 * "When does the Montreal office open?" is not answered by "the Rotterdam office … is open": the same
 * noun after another name, in a sentence that never says the question's name (nor its demonym).
 */
function namedNounDiffers(questionTokens: readonly Token[], sentenceTokens: readonly Token[]): boolean {
  const named = (tokens: readonly Token[]) =>
    tokens.flatMap((token, index) => {
      const noun = tokens[index + 1];
      if (index === 0 || !token.capitalised || token.possessive || !noun || noun.capitalised || noun.punctuationBefore !== "") return [];
      return [{ name: token.lower, noun: stem(noun.lower) }];
    });
  // A demonym is its place's name: "Peruvian exports" are Peru's.
  const same = (a: string, b: string) => a.slice(0, 4) === b.slice(0, 4);
  const others = named(sentenceTokens);
  return named(questionTokens).some(
    (asked) =>
      !sentenceTokens.some((token) => same(token.lower, asked.name)) &&
      others.some((other) => other.noun === asked.noun && !same(other.name, asked.name)),
  );
}

/** "What did Boluarte say about the port?" is not answered by what Balarezo said. */
function speakerNamed(options: { question: string; sentenceTokens: readonly Token[]; rules: LanguageRules; previous?: string }): boolean {
  const { question, sentenceTokens, rules, previous } = options;
  const match = rules.speechSubject?.exec(question.trim());
  const subject = match?.slice(1).find((group) => group !== undefined);
  if (!subject) return true;
  if (rules.speakerMatches) return rules.speakerMatches(subject, sentenceTokens, previous === undefined ? undefined : tokenize(previous));
  const names = tokenize(subject)
    .filter((token) => token.capitalised && !rules.determinersAndPronouns.has(token.lower))
    .map((token) => token.lower);
  return names.length === 0 || sentenceTokens.some((token) => names.includes(token.lower));
}

/** "Which country is Peru's second-largest trading partner?" is not answered by its biggest one. */
function ranksAgree(options: {
  question: string;
  questionTokens: readonly Token[];
  sentenceTokens: readonly Token[];
  rules: LanguageRules;
}): boolean {
  const { question, questionTokens, sentenceTokens, rules } = options;
  if (rules.yesNoQuestion.test(question.trim())) return true;
  const stated = rules.questionRank?.(question);
  if (stated && !saysRank(sentenceTokens, stated)) return false;
  // "one of the largest" in a sentence ranks nothing first; in a question it is answered by "the largest" too.
  const said = new Set(rankWordsOf(sentenceTokens));
  return rankWordsOf(questionTokens)
    .filter((word) => rules.rankWords.test(word.replace(AMONG, "")))
    .every((word) => said.has(word) || said.has(word.replace(AMONG, "")));
}

/** Each token as a rank word: size superlatives as one, and "one of the largest" apart from "the largest". */
function rankWordsOf(tokens: readonly Token[]): string[] {
  return tokens.map((token, index) => {
    const among =
      tokens
        .slice(Math.max(0, index - 3), index)
        .map((before) => before.lower)
        .join(" ") === "one of the";
    return `${among ? "among " : ""}${sameRank(token.lower)}`;
  });
}

const AMONG = /^among /;

/** Superlatives of size say one rank: "Peru's largest trading partner" is its "biggest". */
const SIZE_SUPERLATIVES = /^(largest|biggest|greatest)$/;

function sameRank(word: string): string {
  return SIZE_SUPERLATIVES.test(word) ? "largest" : word;
}

/** Ranks an English sentence gives, with whose ranking it is when a name owns it ("China's second-largest"). */
const RANK_WORDS: Readonly<Record<string, number>> = {
  first: 1,
  biggest: 1,
  largest: 1,
  greatest: 1,
  main: 1,
  top: 1,
  leading: 1,
  principal: 1,
  foremost: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
};

/** Letters a place and its demonym or possessive share: "Peru", "Peruvian"; "China", "Chinese". */
const OWNER_STEM = 4;

/**
 * Across languages the question's rank must be the sentence's, and of the same owner: "el segundo
 * socio comercial del Perú" is not answered by "China's second-largest investment destination", nor
 * "中国最大的港口" by "Peru's biggest trading partner". A rank without an owner in either agrees on rank alone.
 */
function saysRank(sentenceTokens: readonly Token[], stated: StatedRank): boolean {
  const words = sentenceTokens.map((token) => token.lower);
  return sentenceTokens.some((token, index) => {
    const word = token.lower.split("-")[0] ?? "";
    // "the most crucial meetings" ranks by importance, as "最重要" asks, not by size as "最大" does.
    const rank = word === "most" && stated.importance ? 1 : RANK_WORDS[word];
    if (rank !== stated.rank) return false;
    // "one of the largest port investments" is not the largest, unless one of them is asked for.
    if (rank === 1 && !stated.among && words.slice(Math.max(0, index - 3), index).join(" ") === "one of the") return false;
    const before = sentenceTokens[index - 1];
    // "his second visit" is ranked for him, not for a place the question names.
    if (before && POSSESSIVE_PRONOUNS.has(before.lower)) return stated.owners.length === 0;
    const owner = before?.possessive && before.capitalised ? before.lower : undefined;
    if (owner === undefined || stated.owners.length === 0) return true;
    return stated.owners.some((place) => owner.slice(0, OWNER_STEM) === place.slice(0, OWNER_STEM));
  });
}

const POSSESSIVE_PRONOUNS: ReadonlySet<string> = new Set(["his", "her", "its", "their", "our", "my", "your"]);

/** Only names count as owners: "the nation's experience" may well be China's. */
function ownerDiffers(questionTokens: readonly Token[], sentenceTokens: readonly Token[]): boolean {
  return questionTokens.some((owner, index) => {
    const owned = questionTokens[index + 1];
    if (!owner.possessive || !owner.capitalised || !owned) return false;
    const ownedStem = stem(owned.lower);
    return sentenceTokens.some((candidate, position) => {
      if (!candidate.possessive || !candidate.capitalised || stem(sentenceTokens[position + 1]?.lower ?? "") !== ownedStem) return false;
      // "President Xi Jinping's state visit" is Xi's.
      const ownerName = sentenceTokens.slice(Math.max(0, position - 2), position + 1).filter((token) => token.capitalised);
      return !ownerName.some((token) => token.lower === owner.lower);
    });
  });
}

const SMALL_NUMBERS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(
    " ",
  );
/** Words between a number and the noun it counts ("ten consecutive working days"). */
const COUNT_REACH = 3;

/**
 * "…off sick for more than three days?" is not answered by "Requests for more than ten consecutive
 * working days…": the sentence counts the question's noun, but never with the question's number.
 */
function countDiffers(options: { questionTokens: readonly Token[]; sentenceTokens: readonly Token[]; rules: LanguageRules }): boolean {
  const { questionTokens, sentenceTokens, rules } = options;
  const following = (tokens: readonly Token[], index: number) =>
    tokens.slice(index + 1, index + 1 + COUNT_REACH).filter((next) => rules.terms(next.text).length > 0 && countValue(next) === undefined);
  const said = sentenceTokens.flatMap((token, index) => {
    const value = countValue(token);
    return value === undefined ? [] : [{ value, nouns: following(sentenceTokens, index).map((next) => stem(next.lower)) }];
  });
  return questionTokens.some((token, index) => {
    const value = countValue(token);
    const noun = value === undefined ? undefined : following(questionTokens, index)[0];
    if (!noun) return false;
    const same = said.filter((count) => count.nouns.includes(stem(noun.lower)));
    return same.length > 0 && !same.some((count) => count.value === value);
  });
}

/** A cardinal written in digits or as a small number word; "one" is too often a pronoun to count. */
function countValue(token: Token): number | undefined {
  if (/^\d[\d,]*$/.test(token.text)) return Number(token.text.replaceAll(",", ""));
  const index = SMALL_NUMBERS.indexOf(token.lower);
  return index > 1 ? index : undefined;
}
