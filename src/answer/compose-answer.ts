import { message } from "../i18n/messages.ts";
import { type KnowledgeBase, previousSentence, type SentenceRecord } from "../retrieve/knowledge-base.ts";
import type { RetrievedChunk } from "../retrieve/retriever.ts";
import { dot } from "../store/dot-product.ts";
import { detectLanguage } from "../text/detect-language.ts";
import { englishQuestionRulesApply, type Language } from "../text/language.ts";
import { spelledOutInCorpus } from "./acronyms.ts";
import { type ExpectedAnswer, expectedAnswer, findSlotFiller, fitsSlot, type SlotContext } from "./answer-type.ts";
import { otherKinds } from "./compound-nouns.ts";
import { contentWords, coversFocus, findConceptGaps, type WordVectors } from "./concept-gap.ts";
import { corpusLexicon } from "./corpus-lexicon.ts";
import type { QuestionLanguage } from "./cross-lingual-glossary.ts";
import { crossLingualQuestion, crossLingualRules, namesEveryPlace } from "./cross-lingual-rules.ts";
import { carriesFocus, constraintAnchors } from "./focus-checks.ts";
import { type LanguageRules, languageRules, stemEnglish } from "./language-rules.ts";
import { type Token, tokenize } from "./sentence-tokens.ts";
import { soundsLikeAny } from "./transliterated-names.ts";
import type { Citation, ShortAnswer } from "./types.ts";

export interface AnswerThresholds {
  /** Below this combined score the best sentence is not evidence enough: abstain. */
  readonly minScore: number;
  /** Further sentences join the answer when within this much of the best (and add question terms it lacks). */
  readonly extraSentenceMargin: number;
  readonly maxSentences: number;
  /** Weight of semantic similarity against term coverage in a sentence's score. */
  readonly semanticWeight: number;
  /** A question word unknown to the corpus must be at least this similar to a word of the answer. */
  readonly conceptSimilarity: number;
  /**
   * The minimum score for a question in another language than the documents, whose score is the
   * similarity alone (cross-lingual cosines run lower than same-language ones); `minScore` when absent.
   */
  readonly crossLingualMinScore?: number;
  /**
   * How much a question term counts when the sentence lacks it but the sentence just before holds it
   * (answers often name their topic one sentence earlier). 0, the default, ignores the sentence before.
   */
  readonly contextWeight?: number;
}

/** Chosen by `npm run eval -- --sweep` on the dev parts of both eval corpora (README "Evaluate"). */
export const DEFAULT_THRESHOLDS: AnswerThresholds = {
  minScore: 0.26,
  extraSentenceMargin: 0.06,
  maxSentences: 3,
  semanticWeight: 0.5,
  conceptSimilarity: 0.3,
};

export interface ComposedAnswer {
  readonly answer: string;
  readonly grounded: boolean;
  readonly citations: Citation[];
  readonly shortAnswer?: ShortAnswer;
}

interface ScoredSentence {
  readonly sentence: SentenceRecord;
  readonly chunkId: string;
  readonly score: number;
}

/** Closest passages offered with an abstention. */
const ABSTENTION_CITATIONS = 2;
/** How many of the strongest sentences are tried before abstaining. */
const CANDIDATES_TRIED = 3;
/** Sentences a "tell me more" answer quotes. */
const MORE_SENTENCES = 2;

export interface ComposeOptions {
  question: string;
  query: string;
  queryVector: Float32Array | undefined;
  retrieved: readonly RetrievedChunk[];
  knowledge: KnowledgeBase;
  thresholds?: AnswerThresholds;
  /** Maps the model's question–sentence cosine onto the thresholds' scale (similarity-scale.ts); identity when absent. */
  calibrateSentence?: (cosine: number) => number;
  /** Word similarity for the concept-gap check; without it the check is skipped. */
  wordVectors?: WordVectors;
  /** The question's language, which the rules follow and an abstention is worded in; detected when absent. */
  language?: Language;
  /** "tell me more": quote the next best sentences of the topic, none of those already quoted. */
  more?: { readonly alreadyQuoted: (sentence: SentenceRecord) => boolean };
  /**
   * Whether the conversation's earlier answers already quoted a sentence: a follow-up asks for something
   * new, so a sentence already quoted yields to the next one that answers too (and answers when none does).
   */
  alreadyQuoted?: (sentence: SentenceRecord) => boolean;
}

/**
 * Picks the sentence of the retrieved chunks that answers the question — strong enough, holding the
 * slot asked for (a name, place, time, amount), carrying the question's key constraints and leaving
 * none of its concepts unaccounted for — and quotes it verbatim, with the slot's words as `shortAnswer`.
 * Further sentences join only when they add question terms the first lacks. Otherwise it abstains.
 */
export async function composeAnswer(options: ComposeOptions): Promise<ComposedAnswer> {
  const { question, knowledge } = options;
  const replyLanguage = options.language ?? detectLanguage(question);
  // The wording rules and the word-similarity checks are English: a Spanish question against an
  // English article would look all unknown words, so they run only for English over English. A
  // Spanish or Chinese question over English documents gets its own slot rules and no word checks.
  const { english, crossLingual, rules } = questionRules({ language: replyLanguage, knowledge });
  const given = options.thresholds ?? DEFAULT_THRESHOLDS;
  const thresholds = crossLingual ? { ...given, minScore: given.crossLingualMinScore ?? given.minScore } : given;
  const scored = scoreSentences({ ...options, thresholds, crossLingual: crossLingual !== undefined, language: replyLanguage });
  if (options.more) return moreOfTopic({ scored, knowledge, thresholds, replyLanguage, alreadyQuoted: options.more.alreadyQuoted });
  const wordVectors = english ? options.wordVectors : undefined;
  const lexicon = corpusLexicon(knowledge);
  const questionTerms = new Set(knowledge.analyzeQuery(question, replyLanguage));
  const expected = expectedAnswer({ question, rules, lexicon });
  const names = questionNames(question, rules);
  // "European trips" are about Europe: a demonym's place counts as the name.
  const nameTerms = names.flatMap((name) => [name, ...placeOfDemonym(name)].flatMap((word) => rules.terms(word)));
  // What a question in another language can share with a sentence word for word: names and numbers.
  const sharedTerms = [...nameTerms, ...[...questionTerms].filter((term) => knowledge.knows(term))];
  const conversationNames = options.query === question ? names : [...names, ...questionNames(options.query, rules)];
  // A follow-up's answer does not repeat a name the earlier turns said ("Which newspaper did he talk to?"
  // is not "China"), though it may repeat their other words ("Who will open it?" — "both presidents").
  const context: SlotContext = {
    rules,
    lexicon,
    questionTerms: new Set([...rules.terms(question), ...conversationNames.flatMap((name) => rules.terms(name))]),
    rarity: sentenceRarity(knowledge),
    crossLingual: crossLingual !== undefined,
  };
  const notName = (word: string) => !conversationNames.some((name) => name.toLowerCase() === word);
  const focusWords = english ? contentWords(question).filter(notName) : [];
  // A follow-up ("Who will open it?") is about what the earlier turns asked ("…inaugurate?") as well.
  const anchorWords =
    english && options.query !== question ? [...new Set([...focusWords, ...contentWords(options.query).filter(notName)])] : focusWords;
  // Where in a sentence the answer is looked for: near the question's words, or across languages near
  // the words that say its key constraints ("in June").
  const anchorsIn = async (text: string) =>
    crossLingual
      ? constraintAnchors({ question, sentence: text, rules })
      : await focusAnchors({ text, focusWords: anchorWords, wordVectors, rules });
  // Across languages a question without names ("他担任大使多久了？") has its role nouns to stand for
  // whom a date or number is about; a follow-up, those of the turns it leans on.
  const factRoles = crossLingual && nameTerms.length === 0 ? rolesAskedAbout({ question, query: options.query, rules }) : [];
  const namesTheFact = (candidate: ScoredSentence, slots: ReadonlySet<string>) =>
    !slots.has(expected.slot) ||
    (nameTerms.length === 0
      ? factRoles.length === 0 || saysRole(candidate.sentence.text, factRoles)
      : nameTerms.some((term) => candidate.sentence.terms.has(term)));
  // Across languages no word of the question is in the sentence: what it is about is the embedding's
  // to judge, and a sentence without the kind of fact asked for, a key constraint ("this year") or,
  // for a date or number, one of the question's names is passed over like an off-focus one.
  const focused = async (candidate: ScoredSentence) =>
    crossLingual
      ? fitsSlot({ text: candidate.sentence.text, expected, context }) &&
        carriesFocus({
          question,
          sentence: candidate.sentence.text,
          rules,
          previous: previousSentence(knowledge, candidate.sentence)?.text,
        }) &&
        namesTheFact(candidate, CROSS_LINGUAL_NAMED_FACT_SLOTS) &&
        (PLACE_SLOTS.has(expected.slot) || namesEveryPlace({ names, sentenceTerms: candidate.sentence.terms, rules }))
      : coversFocus({
          focusWords,
          answerText: candidate.sentence.text,
          wordVectors,
          minSimilarity: thresholds.conceptSimilarity,
        });
  const answers = async (candidate: ScoredSentence) => {
    const text = candidate.sentence.text;
    const previous = crossLingual ? previousSentence(knowledge, candidate.sentence)?.text : undefined;
    if (!carriesFocus({ question, sentence: text, rules, previous })) return false;
    // A yes/no question across languages is only answered from a sentence that shares a name or a
    // number with it: similarity alone cannot tell the fact asked about from one next to it.
    if (
      crossLingual &&
      expected.slot === "any" &&
      rules.yesNoQuestion.test(question.trim()) &&
      !sharedTerms.some((term) => candidate.sentence.terms.has(term))
    )
      return false;
    if (!namesTheFact(candidate, NAMED_FACT_SLOTS)) return false;
    if (english && !(await saysAttribute({ question, text, terms: candidate.sentence.terms, knowledge, wordVectors }))) return false;
    if (english && !saysPricedThing({ question, candidate, knowledge, rules })) return false;
    if (english && (await saysOtherKind({ question, text, rules, wordVectors }))) return false;
    const anchors = await anchorsIn(text);
    return fitsSlot({ text, expected, context, anchors }) && !(await hasConceptGap({ question, text, knowledge, thresholds, wordVectors }));
  };
  const best = namesMissingFromCorpus({ question, knowledge, rules })
    ? undefined
    : await firstAnswering({
        scored,
        thresholds,
        answers,
        focused,
        alreadyQuoted: options.alreadyQuoted,
        questionTerms,
      });
  if (!best) return abstention({ scored, knowledge, replyLanguage });
  const extras = await extraSentences({
    best,
    scored,
    thresholds,
    questionTerms,
    answers: async (candidate) => (await focused(candidate)) && answers(candidate),
  });
  // The answering sentence leads; the shortAnswer and a reader's eye go to the first citation.
  const groups = groupAdjacent([best, ...extras]).sort((a, b) => Number(b.includes(best)) - Number(a.includes(best)));
  const citations = groups.map((group) => citationFor(group, knowledge));
  return {
    answer: citations.map((citation) => citation.quote).join(" "),
    grounded: true,
    citations,
    ...shortAnswerOf({
      best,
      expected,
      context,
      anchors: await anchorsIn(best.sentence.text),
    }),
  };
}

function abstention(options: { scored: readonly ScoredSentence[]; knowledge: KnowledgeBase; replyLanguage: Language }): ComposedAnswer {
  const { scored, knowledge, replyLanguage } = options;
  return {
    answer: message(replyLanguage, "abstain"),
    grounded: false,
    citations: scored.slice(0, ABSTENTION_CITATIONS).map((candidate) => citationFor([candidate], knowledge)),
  };
}

/** The strongest not-yet-quoted sentences of the topic; a plain "nothing more" when none is strong enough. */
function moreOfTopic(options: {
  scored: readonly ScoredSentence[];
  knowledge: KnowledgeBase;
  thresholds: AnswerThresholds;
  replyLanguage: Language;
  alreadyQuoted: (sentence: SentenceRecord) => boolean;
}): ComposedAnswer {
  const { scored, knowledge, thresholds, replyLanguage, alreadyQuoted } = options;
  const fresh = scored.filter((candidate) => !alreadyQuoted(candidate.sentence) && candidate.score >= thresholds.minScore);
  if (fresh.length === 0) return { answer: message(replyLanguage, "noMore"), grounded: false, citations: [] };
  const citations = groupAdjacent(fresh.slice(0, MORE_SENTENCES)).map((group) => citationFor(group, knowledge));
  return { answer: citations.map((citation) => citation.quote).join(" "), grounded: true, citations };
}

async function firstAnswering(options: {
  scored: readonly ScoredSentence[];
  thresholds: AnswerThresholds;
  answers: (candidate: ScoredSentence) => Promise<boolean>;
  focused: (candidate: ScoredSentence) => Promise<boolean>;
  alreadyQuoted?: (sentence: SentenceRecord) => boolean;
  /** The question's terms, which a fresh sentence must add to displace one already quoted. */
  questionTerms?: ReadonlySet<string>;
}): Promise<ScoredSentence | undefined> {
  const { scored, thresholds, answers, focused, alreadyQuoted = () => false, questionTerms = new Set<string>() } = options;
  // Sentences that share only the question's topic ("Xi and Boluarte") and not its focus
  // ("inaugurate") are passed over without using up the candidates tried. One the conversation already
  // quoted yields to a later answering sentence that says a question term it lacks: "What are its opening
  // hours?" after "Report a lost device to the IT service desk within 24 hours." asks for something new
  // ("open from 8:00 to 18:00"), while "Is this his first visit there?" re-asks what was quoted.
  // A sentence that says every term of the question yet holds no answer shows the documents speak of
  // exactly this without the fact asked for: a sentence saying fewer of them is a neighbouring fact
  // ("Who approves vacation for team leads?" — not the expense reports' approver).
  let tried = 0;
  let quoted: ScoredSentence | undefined;
  const known = [...questionTerms];
  const says = (candidate: ScoredSentence) => known.filter((term) => candidate.sentence.terms.has(term)).length;
  let saidAllWithoutAnswer = false;
  const narrower = (candidate: ScoredSentence) => saidAllWithoutAnswer && says(candidate) > 0 && says(candidate) < known.length;
  for (const candidate of scored) {
    if (candidate.score < thresholds.minScore || tried >= CANDIDATES_TRIED) break;
    if (!(await focused(candidate))) continue;
    tried += 1;
    if (!(await answers(candidate))) {
      if (known.length > 1 && says(candidate) === known.length) saidAllWithoutAnswer = true;
      continue;
    }
    if (narrower(candidate)) continue;
    if (!alreadyQuoted(candidate.sentence)) {
      const earlier = quoted;
      if (!earlier) return candidate;
      if ([...candidate.sentence.terms].some((term) => questionTerms.has(term) && !earlier.sentence.terms.has(term))) return candidate;
    } else quoted ??= candidate;
  }
  return quoted;
}

/** "What is the salary of the chief technology officer?": the attribute asked for, which must be said. */
const ATTRIBUTE_QUESTION = /^what (?:is|are|was|were|will be) the ([\p{L}-]+) of\b/u;

/**
 * A question for an attribute of something ("What is the salary of …?") is not answered by a sentence
 * about that thing that never says the attribute, when the corpus uses the word elsewhere ("Salaries
 * are paid on the 25th") and the sentence has no near synonym for it. Words the corpus never uses are
 * the concept-gap check's; framing words ("the name of") ask for nothing of their own.
 */
async function saysAttribute(options: {
  question: string;
  text: string;
  terms: ReadonlySet<string>;
  knowledge: KnowledgeBase;
  wordVectors: WordVectors | undefined;
}): Promise<boolean> {
  const { question, text, terms, knowledge, wordVectors } = options;
  const attribute = ATTRIBUTE_QUESTION.exec(question.trim().toLowerCase())?.[1];
  if (!attribute || contentWords(attribute).length === 0) return true;
  const attributeTerms = knowledge.analyzeQuery(attribute);
  if (attributeTerms.length === 0 || attributeTerms.some((term) => terms.has(term) || !knowledge.knows(term))) return true;
  if (!wordVectors) return false;
  const [wanted] = await wordVectors.vectors([attribute]);
  const words = contentWords(text);
  const vectors = await wordVectors.vectors(words);
  return vectors.some((vector) => wordVectors.similarity(wanted as Float32Array, vector) >= ANCHOR_SIMILARITY);
}

/**
 * Whether the sentence speaks of another kind of the thing asked about ("bereavement leave" for "study
 * leave"), one whose qualifier is not a near synonym of the question's ("learning budget" is a
 * "training budget").
 */
async function saysOtherKind(options: {
  question: string;
  text: string;
  rules: LanguageRules;
  wordVectors: WordVectors | undefined;
}): Promise<boolean> {
  const { question, text, rules, wordVectors } = options;
  const kinds = otherKinds({ question, sentence: text, rules });
  if (kinds.length === 0 || !wordVectors) return kinds.length > 0;
  for (const kind of kinds) {
    const [asked, ...said] = (await wordVectors.vectors([kind.asked, ...kind.said])) as Float32Array[];
    if (!said.some((vector) => wordVectors.similarity(asked as Float32Array, vector) >= ANCHOR_SIMILARITY)) return true;
  }
  return false;
}

/** "How much does a replacement card cost?": the thing whose price is asked ("card"). */
const PRICED_THING =
  /^how much (?:does|do|did|will|would|is|are|was|were) (?:a |an |the |my |your |our |one )?((?:[\p{L}-]+ ){0,3}?[\p{L}-]+) costs?\b/u;

/**
 * The price of something is said of that thing: "How much does a replacement card cost?" is not
 * answered by "Damaged or lost items are charged at their replacement cost plus … 4 euros", which
 * never says "card" (nor does the sentence before it).
 */
function saysPricedThing(options: {
  question: string;
  candidate: ScoredSentence;
  knowledge: KnowledgeBase;
  rules: LanguageRules;
}): boolean {
  const { question, candidate, knowledge, rules } = options;
  const thing = PRICED_THING.exec(question.trim().toLowerCase())?.[1]?.split(" ").at(-1);
  const terms = thing === undefined ? [] : rules.terms(thing);
  if (terms.length === 0) return true;
  const previous = previousSentence(knowledge, candidate.sentence);
  return terms.some((term) => candidate.sentence.terms.has(term) || previous?.terms.has(term) === true);
}

/** A concept of the question the corpus never uses and the sentence has no near synonym for. */
async function hasConceptGap(options: {
  question: string;
  text: string;
  knowledge: KnowledgeBase;
  thresholds: AnswerThresholds;
  wordVectors: WordVectors | undefined;
}): Promise<boolean> {
  const { question, text, knowledge, thresholds, wordVectors } = options;
  if (!wordVectors) return false;
  // An acronym the documents write out ("FTA") is known to them, though never as a word.
  const acronyms = new Set(tokenize(question).flatMap((token) => (spelledOutInCorpus(token.text, knowledge) ? [token.lower] : [])));
  const gaps = await findConceptGaps({
    question,
    answerText: text,
    knows: (term) => knowledge.knows(term) || acronyms.has(term),
    wordVectors,
    minSimilarity: thresholds.conceptSimilarity,
  });
  return gaps.length > 0;
}

/** Close runners-up that also answer and add question terms the sentences chosen so far lack. */
async function extraSentences(options: {
  best: ScoredSentence;
  scored: readonly ScoredSentence[];
  thresholds: AnswerThresholds;
  questionTerms: ReadonlySet<string>;
  answers: (candidate: ScoredSentence) => Promise<boolean>;
}): Promise<ScoredSentence[]> {
  const { best, scored, thresholds, questionTerms, answers } = options;
  const covered = new Set([...best.sentence.terms].filter((term) => questionTerms.has(term)));
  const extras: ScoredSentence[] = [];
  for (const candidate of scored) {
    if (extras.length + 1 >= thresholds.maxSentences) break;
    if (candidate === best || candidate.score < Math.max(thresholds.minScore, best.score - thresholds.extraSentenceMargin)) continue;
    const adds = [...candidate.sentence.terms].filter((term) => questionTerms.has(term) && !covered.has(term));
    if (adds.length === 0 || !(await answers(candidate))) continue;
    for (const term of adds) covered.add(term);
    extras.push(candidate);
  }
  return extras;
}

function shortAnswerOf(options: {
  best: ScoredSentence;
  expected: ExpectedAnswer;
  context: SlotContext;
  anchors: ReadonlySet<number> | undefined;
}): { shortAnswer?: ShortAnswer } {
  const { best, expected, context, anchors } = options;
  const filler = findSlotFiller({ text: best.sentence.text, expected, context, anchors });
  if (!filler) return {};
  const { sentence } = best;
  return {
    shortAnswer: {
      text: sentence.text.slice(filler.start, filler.end),
      docId: sentence.docId,
      start: sentence.start + filler.start,
      end: sentence.start + filler.end,
    },
  };
}

function scoreSentences(
  options: ComposeOptions & { thresholds: AnswerThresholds; crossLingual: boolean; language: Language },
): ScoredSentence[] {
  const { query, queryVector, retrieved, knowledge, thresholds, crossLingual, calibrateSentence = (cosine: number) => cosine } = options;
  const analyzed = [...new Set(knowledge.analyzeQuery(contentWords(query).join(" ")))];
  // A question in another language shares only names, numbers and a few cognates with the sentences,
  // too few to weigh and apt to mislead ("¿En qué sectores…?" meets a sentence listing "sectors" other
  // than those asked about): with the multilingual embedding its score is the similarity alone.
  // Without vectors only the terms the corpus knows count: the others are just translated.
  const queryTerms = crossLingual ? analyzed.filter((term) => knowledge.knows(term)) : analyzed;
  const contextWeight = thresholds.contextWeight ?? 0;
  const nameTerms = new Set(questionNames(query, languageRules(options.language)).flatMap((name) => knowledge.analyzeQuery(name)));
  const weight = (term: string) => knowledge.idf(term) * (nameTerms.has(term) ? NAME_WEIGHT : 1);
  const totalWeight = queryTerms.reduce((sum, term) => sum + weight(term), 0);
  const seen = new Set<number>();
  const scored: ScoredSentence[] = [];
  for (const { chunk } of retrieved) {
    for (const sentence of knowledge.sentencesByChunk.get(chunk.id) ?? []) {
      if (seen.has(sentence.ordinal)) continue;
      seen.add(sentence.ordinal);
      const previous = contextWeight > 0 ? previousSentence(knowledge, sentence) : undefined;
      const covered = queryTerms.reduce(
        (sum, term) => sum + (sentence.terms.has(term) ? weight(term) : previous?.terms.has(term) ? contextWeight * weight(term) : 0),
        0,
      );
      const lexical = totalWeight > 0 ? covered / totalWeight : 0;
      const semantic = queryVector && sentence.vector ? calibrateSentence(dot(queryVector, sentence.vector)) : lexical;
      const coverage = crossLingual ? semantic : lexical;
      scored.push({
        sentence,
        chunkId: chunk.id,
        score: thresholds.semanticWeight * semantic + (1 - thresholds.semanticWeight) * coverage,
      });
    }
  }
  return scored.sort((a, b) => b.score - a.score || a.sentence.ordinal - b.sentence.ordinal);
}

/** Names say what a question is about, its other words what it asks about them: names count this much in coverage. */
const NAME_WEIGHT = 0.5;

/** How rare a term is among the corpus's sentences (chunks are too few in a short document to tell). */
function sentenceRarity(knowledge: KnowledgeBase): (term: string) => number {
  return (term) => -Math.log(Math.max(1, knowledge.sentenceFrequency(term)));
}

/**
 * How a question in `language` is read over this knowledge base: by the English rules when both are
 * English, by its own language's rules across languages (Spanish or Chinese over English), else by
 * rules that type no slot.
 */
export function questionRules(options: { language: Language; knowledge: KnowledgeBase }): {
  readonly english: boolean;
  readonly crossLingual: QuestionLanguage | undefined;
  readonly rules: LanguageRules;
} {
  const { language, knowledge } = options;
  const english = englishQuestionRulesApply({ question: language, documents: knowledge.languages });
  const crossLingual = english ? undefined : crossLingualQuestion({ question: language, documents: knowledge.languages });
  return { english, crossLingual, rules: crossLingual ? crossLingualRules(crossLingual) : languageRules(english ? "en" : "other") };
}

/** Word similarity at which a sentence word stands for a question word ("port" for "harbour", "trip" for "journey"). */
const ANCHOR_SIMILARITY = 0.5;

/**
 * The sentence's words (token indexes) that say what the question is about: its non-name words,
 * literally or as near synonyms. Undefined when the question has no such words ("When?").
 */
async function focusAnchors(options: {
  text: string;
  focusWords: readonly string[];
  wordVectors: WordVectors | undefined;
  rules: LanguageRules;
}): Promise<ReadonlySet<number> | undefined> {
  const { text, focusWords, wordVectors, rules } = options;
  if (focusWords.length === 0) return undefined;
  const focusTerms = new Set(focusWords.flatMap((word) => rules.terms(word)));
  const tokens = tokenize(text);
  const anchors = new Set<number>();
  tokens.forEach((token, index) => {
    if (rules.terms(token.text).some((term) => focusTerms.has(term))) anchors.add(index);
  });
  // Near synonyms only when no focus word is written out: each new word is an embedding call,
  // which on Workers is a request to Workers AI.
  if (anchors.size > 0 || !wordVectors) return anchors;
  const sentenceWords = new Set(contentWords(text));
  const candidates = tokens.flatMap((token, index) => (sentenceWords.has(token.lower) ? [{ index, word: token.lower }] : []));
  const [focusVectors, candidateVectors] = await Promise.all([
    wordVectors.vectors(focusWords),
    wordVectors.vectors(candidates.map((candidate) => candidate.word)),
  ]);
  candidates.forEach((candidate, position) => {
    const vector = candidateVectors[position] as Float32Array;
    if (focusVectors.some((focus) => wordVectors.similarity(focus, vector) >= ANCHOR_SIMILARITY)) anchors.add(candidate.index);
  });
  return anchors;
}

/** Amounts and years belong to what the question names: the company's head count is not Montreal's. */
const NAMED_FACT_SLOTS: ReadonlySet<string> = new Set(["money", "quantity", "count", "duration", "year", "percentage"]);
/**
 * Across languages the names are the only words of the question a sentence can hold, so they stand in
 * for the words a date or an ordinal must stand near ("秘鲁总统何时访问了中国？" needs "China").
 */
const CROSS_LINGUAL_NAMED_FACT_SLOTS: ReadonlySet<string> = new Set([
  ...NAMED_FACT_SLOTS,
  "time",
  "since",
  "weekday",
  "ordinal",
  "rank",
  "times",
]);

/**
 * Slots a place answers: "¿En qué ciudad de China…?" is answered by "Beijing" without "China". Any
 * other question across languages needs every country or city it names in the sentence: what
 * Balarezo thinks of the United States is not what he said of China.
 */
const PLACE_SLOTS: ReadonlySet<string> = new Set(["place", "named"]);

/** The role nouns of a question, or, when it names none, of the conversation it continues. */
function rolesAskedAbout(options: { question: string; query: string; rules: LanguageRules }): readonly string[] {
  const { question, query, rules } = options;
  const stems = (text: string) => rules.questionRoles?.(text).roles.map((role) => role.stem) ?? [];
  const own = stems(question);
  return own.length > 0 || query === question ? own : stems(query);
}

/** Whether a sentence uses one of the role nouns ("the two presidents" for "president"). */
function saysRole(text: string, roleStems: readonly string[]): boolean {
  return tokenize(text).some((token) => roleStems.includes(stemEnglish(token.lower)));
}

/**
 * Capitalised words of the question past its first, where the language capitalises names only. A
 * demonym that describes a country rather than names one ("the Andean nation", "the Asian power")
 * is left out: it says which country by description, so the corpus need not use the word.
 */
function questionNames(question: string, rules: LanguageRules): string[] {
  if (rules.questionNames) return rules.questionNames(question);
  if (!rules.capitalisedWordsAreNames) return [];
  const tokens = tokenize(question);
  return tokens
    .filter(
      (token, index) =>
        index > 0 &&
        token.capitalised &&
        !/["“‘(¿¡]$/.test(token.punctuationBefore) &&
        rules.terms(token.text).length > 0 &&
        !describesCountry(token, tokens[index + 1]),
    )
    .map((token) => token.text);
}

/** Nouns that, after a demonym, stand for a country: "the Asian giant", "the Andean country". */
const COUNTRY_EPITHETS = new Set(
  "country countries nation nations power powers giant giants state states economy economies neighbour neighbours neighbor neighbors republic".split(
    " ",
  ),
);

/** A demonym followed directly by a noun for a country ("Andean country"), which names no place of its own. */
function describesCountry(token: Token, next: Token | undefined): boolean {
  return (
    next !== undefined &&
    next.punctuationBefore === "" &&
    !token.possessive &&
    COUNTRY_EPITHETS.has(next.lower) &&
    placeOfDemonym(token.text).length > 0
  );
}

/**
 * A name in the question (a capitalised word not at its start) that no document mentions, such as a
 * person or country the sources never discuss: the question is about something else. Only for
 * languages that capitalise names alone; German capitalises every noun.
 */
export function namesMissingFromCorpus(options: { question: string; knowledge: KnowledgeBase; rules: LanguageRules }): boolean {
  const { question, knowledge, rules } = options;
  const known = (word: string) => rules.terms(word).some((term) => knowledge.knows(term));
  // A name spelled by sound ("卡亚俄") that sounds like none of the corpus's names is one it never mentions.
  const spelled = rules.transliteratedNames?.(question) ?? [];
  if (spelled.some((name) => !soundsLikeAny(name, corpusNameWords(knowledge)))) return true;
  return questionNames(question, rules).some(
    (name) => !known(name) && !placeOfDemonym(name).some(known) && !spelledOutInCorpus(name, knowledge),
  );
}

const nameWordsByKnowledge = new WeakMap<KnowledgeBase, readonly string[]>();

/** The corpus's capitalised words in order, which a name spelled by sound is compared with. */
function corpusNameWords(knowledge: KnowledgeBase): readonly string[] {
  let words = nameWordsByKnowledge.get(knowledge);
  if (!words) {
    words = knowledge.sentences.flatMap((sentence) =>
      tokenize(sentence.text)
        .filter((token) => token.capitalised)
        .map((token) => token.text),
    );
    nameWordsByKnowledge.set(knowledge, words);
  }
  return words;
}

/** The place names an English demonym may come from: "European" Europe, "Korean" Korea, "Chinese" China. */
function placeOfDemonym(word: string): string[] {
  if (!/^\p{Lu}/u.test(word)) return [];
  return DEMONYM_ENDINGS.flatMap((ending) => {
    const stem = word.slice(0, -ending.length);
    return word.endsWith(ending) && stem.length >= 3 ? [stem, ...["a", "e", "o", "y"].map((letter) => stem + letter)] : [];
  });
}

const DEMONYM_ENDINGS = ["ian", "ean", "an", "n", "ese", "ish"];
/** Sentences of one document that follow each other become one quote. */
function groupAdjacent(chosen: readonly ScoredSentence[]): ScoredSentence[][] {
  const ordered = [...chosen].sort((a, b) => a.sentence.ordinal - b.sentence.ordinal);
  const groups: ScoredSentence[][] = [];
  for (const candidate of ordered) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (group && last && last.sentence.docId === candidate.sentence.docId && last.sentence.ordinal + 1 === candidate.sentence.ordinal) {
      group.push(candidate);
    } else groups.push([candidate]);
  }
  return groups.sort((a, b) => Math.max(...b.map((item) => item.score)) - Math.max(...a.map((item) => item.score)));
}

function citationFor(group: readonly ScoredSentence[], knowledge: KnowledgeBase): Citation {
  const first = group[0] as ScoredSentence;
  const last = group.at(-1) as ScoredSentence;
  const document = knowledge.documents.get(first.sentence.docId);
  const text = document?.text ?? "";
  return {
    docId: first.sentence.docId,
    chunkId: first.chunkId,
    title: document?.title ?? "",
    quote: text.slice(first.sentence.start, last.sentence.end),
    start: first.sentence.start,
    end: last.sentence.end,
    score: round(Math.max(...group.map((item) => item.score))),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
