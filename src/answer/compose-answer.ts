import { message } from "../i18n/messages.ts";
import type { KnowledgeBase, SentenceRecord } from "../retrieve/knowledge-base.ts";
import type { RetrievedChunk } from "../retrieve/retriever.ts";
import { analyze } from "../text/analyze.ts";
import { detectLanguage } from "../text/detect-language.ts";
import { englishQuestionRulesApply, type Language } from "../text/language.ts";
import { type ExpectedAnswer, expectedAnswer, satisfiesAnswerType } from "./answer-type.ts";
import { contentWords, findConceptGaps, type WordVectors } from "./concept-gap.ts";
import type { Citation } from "./types.ts";

export interface AnswerThresholds {
  /** Below this combined score the best sentence is not evidence enough: abstain. */
  readonly minScore: number;
  /** Further sentences join the answer when within this much of the best. */
  readonly extraSentenceMargin: number;
  readonly maxSentences: number;
  /** Weight of semantic similarity against term coverage in a sentence's score. */
  readonly semanticWeight: number;
  /** A question word unknown to the corpus must be at least this similar to a word of the answer. */
  readonly conceptSimilarity: number;
}

export const DEFAULT_THRESHOLDS: AnswerThresholds = {
  minScore: 0.18,
  extraSentenceMargin: 0.06,
  maxSentences: 3,
  semanticWeight: 0.6,
  conceptSimilarity: 0.34,
};

export interface ComposedAnswer {
  readonly answer: string;
  readonly grounded: boolean;
  readonly citations: Citation[];
}

interface ScoredSentence {
  readonly sentence: SentenceRecord;
  readonly chunkId: string;
  readonly semantic: number;
  readonly coverage: number;
  readonly score: number;
  readonly fitsType: boolean;
}

/** Closest passages offered with an abstention. */
const ABSTENTION_CITATIONS = 2;

/**
 * Picks the one to three sentences of the retrieved chunks that best answer the question and
 * returns them verbatim as citations; abstains when the best evidence is too weak, or when no
 * strong sentence holds the kind of fact asked for (a date for "when", a number for "how many").
 */
export async function composeAnswer(options: {
  question: string;
  query: string;
  queryVector: Float32Array | undefined;
  retrieved: readonly RetrievedChunk[];
  knowledge: KnowledgeBase;
  thresholds?: AnswerThresholds;
  /** Word similarity for the concept-gap check; without it the check is skipped. */
  wordVectors?: WordVectors;
  /** The question's language, which an abstention is worded in; detected when absent. */
  language?: Language;
}): Promise<ComposedAnswer> {
  const { question, query, queryVector, retrieved, knowledge, thresholds = DEFAULT_THRESHOLDS } = options;
  const language = options.language ?? detectLanguage(question);
  const englishRules = englishQuestionRulesApply({ question: language, documents: knowledge.languages });
  const wordVectors = englishRules ? options.wordVectors : undefined;
  const answerType = expectedAnswer(question);
  const scored = scoreSentences({ query, queryVector, retrieved, knowledge, answerType, thresholds });
  const best =
    englishRules && namesMissingFromCorpus(question, knowledge)
      ? undefined
      : await firstAnswering({ question, scored, knowledge, thresholds, wordVectors });
  if (!best) {
    return {
      answer: message(language, "abstain"),
      grounded: false,
      citations: scored.slice(0, ABSTENTION_CITATIONS).map((candidate) => citationFor([candidate], knowledge)),
    };
  }
  const chosen = [best];
  for (const candidate of scored) {
    if (chosen.length >= thresholds.maxSentences) break;
    if (candidate === best || !candidate.fitsType) continue;
    if (candidate.score >= Math.max(thresholds.minScore, best.score - thresholds.extraSentenceMargin)) chosen.push(candidate);
  }
  const citations = groupAdjacent(chosen).map((group) => citationFor(group, knowledge));
  return { answer: citations.map((citation) => citation.quote).join(" "), grounded: true, citations };
}

/** How many of the strongest sentences are tried before abstaining. */
const CANDIDATES_TRIED = 3;

/**
 * The strongest sentence that holds the kind of fact asked for and leaves no concept of the
 * question unaccounted for; undefined when none of the top candidates is strong enough.
 */
async function firstAnswering(options: {
  question: string;
  scored: readonly ScoredSentence[];
  knowledge: KnowledgeBase;
  thresholds: AnswerThresholds;
  wordVectors: WordVectors | undefined;
}): Promise<ScoredSentence | undefined> {
  const { question, scored, knowledge, thresholds, wordVectors } = options;
  for (const candidate of scored.slice(0, CANDIDATES_TRIED)) {
    if (candidate.score < thresholds.minScore) return undefined;
    if (!candidate.fitsType) continue;
    if (!wordVectors) return candidate;
    const gaps = await findConceptGaps({
      question,
      answerText: candidate.sentence.text,
      knows: (term) => knowledge.knows(term),
      wordVectors,
      minSimilarity: thresholds.conceptSimilarity,
    });
    if (gaps.length === 0) return candidate;
  }
  return undefined;
}

function scoreSentences(options: {
  query: string;
  queryVector: Float32Array | undefined;
  retrieved: readonly RetrievedChunk[];
  knowledge: KnowledgeBase;
  answerType: ExpectedAnswer;
  thresholds: AnswerThresholds;
}): ScoredSentence[] {
  const { query, queryVector, retrieved, knowledge, answerType, thresholds } = options;
  const queryTerms = [...new Set(knowledge.analyzeQuery(contentWords(query).join(" ")))];
  const totalWeight = queryTerms.reduce((sum, term) => sum + knowledge.idf(term), 0);
  const seen = new Set<number>();
  const scored: ScoredSentence[] = [];
  for (const { chunk } of retrieved) {
    for (const sentence of knowledge.sentencesByChunk.get(chunk.id) ?? []) {
      if (seen.has(sentence.ordinal)) continue;
      seen.add(sentence.ordinal);
      const covered = queryTerms.reduce((sum, term) => sum + (sentence.terms.has(term) ? knowledge.idf(term) : 0), 0);
      const coverage = totalWeight > 0 ? covered / totalWeight : 0;
      const semantic = queryVector && sentence.vector ? dot(queryVector, sentence.vector) : coverage;
      scored.push({
        sentence,
        chunkId: chunk.id,
        semantic,
        coverage,
        score: thresholds.semanticWeight * semantic + (1 - thresholds.semanticWeight) * coverage,
        fitsType: satisfiesAnswerType(sentence.text, answerType),
      });
    }
  }
  return scored.sort((a, b) => b.score - a.score || a.sentence.ordinal - b.sentence.ordinal);
}

/**
 * A capitalised name in the question (not its first word) that no document mentions, such as a
 * person or country the sources never discuss: the question is about something else.
 */
function namesMissingFromCorpus(question: string, knowledge: KnowledgeBase): boolean {
  const names = [...question.matchAll(/(?<=\s)\p{Lu}[\p{L}-]+/gu)].map((match) => match[0]);
  return names.some((name) => analyze(name).every((term) => !knowledge.knows(term)));
}

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

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += (a[index] as number) * (b[index] as number);
  return sum;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
