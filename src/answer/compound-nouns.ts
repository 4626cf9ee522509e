import { STOP_WORDS } from "../text/analyze.ts";
import { contentWords } from "./concept-gap.ts";
import type { LanguageRules } from "./language-rules.ts";
import { type Token, tokenize } from "./sentence-tokens.ts";

/** A noun the question qualifies one way and the sentence only another way. */
export interface OtherKind {
  /** The question's qualifier ("study" of "study leave"). */
  readonly asked: string;
  /** The sentence's qualifiers of the same noun ("bereavement" of "bereavement leave"). */
  readonly said: readonly string[];
}

/**
 * "How many days of paid study leave…?" asks about one kind of leave; "…5 days of paid bereavement
 * leave" speaks of another. For each pair of words in the question where a word qualifies the noun
 * right after it ("study leave", "staff Wi-Fi"), the pair's noun is in the sentence, the qualifier is
 * not, and every time the sentence says the noun it qualifies it with another word ("bereavement
 * leave", "Free Wi-Fi"): the sentence is about another kind of that thing. Names are left to the name
 * rules; whether the sentence's qualifier means the same ("learning budget" for "training budget")
 * is for the caller to judge with word vectors.
 */
export function otherKinds(options: { question: string; sentence: string; rules: LanguageRules }): OtherKind[] {
  const { question, sentence, rules } = options;
  const questionTokens = tokenize(question);
  const sentenceTokens = tokenize(sentence);
  const stems = (token: Token) => rules.terms(token.text);
  const sentenceTerms = new Set(sentenceTokens.flatMap(stems));
  const found: OtherKind[] = [];
  questionTokens.forEach((qualifier, index) => {
    const noun = questionTokens[index + 1];
    if (!noun || index === 0 || noun.punctuationBefore !== "" || !qualifies(qualifier) || !isContent(noun)) return;
    if (!startsNounPhrase(questionTokens, index)) return;
    const nounTerms = stems(noun);
    if (nounTerms.length === 0 || !nounTerms.some((term) => sentenceTerms.has(term))) return;
    if (stems(qualifier).some((term) => sentenceTerms.has(term))) return;
    const mentions = sentenceTokens.flatMap((token, position) => (stems(token).some((term) => nounTerms.includes(term)) ? [position] : []));
    const said = mentions.map((position) => {
      const before = sentenceTokens[position - 1];
      const current = sentenceTokens[position] as Token;
      // The sentence's first word is capitalised as a first word, not as a name ("Free Wi-Fi is…").
      const qualifier =
        before &&
        (position === 1 ? isContent(before) && !before.possessive && !verbForm(before) : qualifies(before)) &&
        !DEGREE_WORDS.has(sentenceTokens[position - 2]?.lower ?? "");
      return before && current.punctuationBefore === "" && qualifier ? before.lower : undefined;
    });
    if (said.length > 0 && said.every((word) => word !== undefined))
      found.push({ asked: qualifier.lower, said: [...new Set(said as string[])] });
  });
  return found;
}

/**
 * A word that can qualify the noun after it: a content word, not a name, a number, a possessive or a
 * verb form ("written interview", "implementing high-quality…" are not kinds of a thing).
 */
function qualifies(token: Token): boolean {
  return !token.capitalised && !token.possessive && isContent(token) && !verbForm(token);
}

function verbForm(token: Token): boolean {
  return /(?:ed|ing)$/.test(token.lower);
}

/** Words after which a noun phrase starts ("for the staff Wi-Fi", "of paid study leave"). */
const PHRASE_OPENERS = new Set(
  "the a an my your our their his her its this that these those any some each every no many much of for on in with about".split(" "),
);

/** "Most crucial meetings" grades an adjective: "crucial" says how important, not which kind. */
const DEGREE_WORDS = new Set(["most", "more", "less", "least", "very", "so", "too"]);

/** Whether the question's word at `index` opens a noun phrase: right after an opener, or after one and a qualifier. */
function startsNounPhrase(tokens: readonly Token[], index: number): boolean {
  const previous = tokens[index - 1];
  if (!previous) return false;
  if (PHRASE_OPENERS.has(previous.lower)) return true;
  // After a preposition only: "the company help pay…" is a subject and its verbs, "of paid study leave" a phrase.
  return qualifies(previous) && PREPOSITIONS.has(tokens[index - 2]?.lower ?? "");
}

const PREPOSITIONS = new Set(["of", "for", "on", "in", "with", "about"]);

/** Words that are neither a qualifier nor a noun: "first visit" asks which visit, "limit per night" is no kind of "per". */
const NOT_KIND_WORDS = new Set("per via than first second third fourth fifth last next previous other another same only own".split(" "));

function isContent(token: Token): boolean {
  return (
    /\p{L}/u.test(token.text) && !STOP_WORDS.has(token.lower) && !NOT_KIND_WORDS.has(token.lower) && contentWords(token.text).length > 0
  );
}
