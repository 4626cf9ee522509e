import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import type { RetrievedChunk } from "../retrieve/retriever.ts";
import { dot } from "../store/dot-product.ts";
import { analyze } from "../text/analyze.ts";
import type { EvidenceSentence } from "./evidence.ts";

/**
 * Sentences the writer sees: few enough to keep the prompt small, enough for several-source answers.
 * On the dev items the supporting sentence is among the first 4 for 92.9% and the first 6 for 96.0%
 * (126 items, `npx tsx bench/writer-evidence-rank.ts` with the writer dev sets), while 4 cut the question's part from ~280 to ~200
 * tokens, and prompt evaluation is most of the time to the first sentence (bench/README.md).
 */
export const DEFAULT_MAX_EVIDENCE = 4;

/**
 * A sentence whose subject is a pronoun near its start ("During the visit, he will hold talks with
 * ...") is about whom the sentence before it names: for question-term coverage it also has that
 * sentence's names ("Xi", "Peru"). A pronoun later on ("..., he said") refers to no one new.
 */
const REFERS_BACK = /^(?:[^\s.]+\s+){0,4}(he|she|they|his|her|their)\b/i;
const NO_TERMS: ReadonlySet<string> = new Set();

/** The analysed terms of a sentence's capitalised words: the names it gives (a capitalised first word is mostly a stop word). */
function namesOf(text: string): ReadonlySet<string> {
  const names = text.match(/(?<=\s|^|["“])\p{Lu}[\p{L}'’-]*/gu) ?? [];
  return new Set(analyze(names.join(" ")));
}

/** Weight of semantic similarity against question-term coverage in a sentence's rank. */
const SEMANTIC_WEIGHT = 0.6;

/**
 * The best sentences of the retrieved chunks, numbered from 1 in order of rank; each keeps its
 * document offsets so a citation of it is rebuilt from the document, never from model text.
 */
export function selectEvidence(options: {
  query: string;
  queryVector: Float32Array | undefined;
  retrieved: readonly RetrievedChunk[];
  knowledge: KnowledgeBase;
  maxEvidence?: number;
}): EvidenceSentence[] {
  const { query, queryVector, retrieved, knowledge, maxEvidence = DEFAULT_MAX_EVIDENCE } = options;
  const queryTerms = [...new Set(analyze(query))];
  const totalWeight = queryTerms.reduce((sum, term) => sum + knowledge.idf(term), 0);
  const seen = new Set<number>();
  const ranked: { evidence: Omit<EvidenceSentence, "number">; score: number }[] = [];
  for (const { chunk } of retrieved) {
    const inChunk = knowledge.sentencesByChunk.get(chunk.id) ?? [];
    for (const [index, sentence] of inChunk.entries()) {
      if (seen.has(sentence.ordinal)) continue;
      seen.add(sentence.ordinal);
      const previous = inChunk[index - 1];
      const referred = previous && REFERS_BACK.test(sentence.text) ? namesOf(previous.text) : NO_TERMS;
      const has = (term: string) => sentence.terms.has(term) || referred.has(term);
      const covered = queryTerms.reduce((sum, term) => sum + (has(term) ? knowledge.idf(term) : 0), 0);
      const coverage = totalWeight > 0 ? covered / totalWeight : 0;
      const semantic = queryVector && sentence.vector ? dot(queryVector, sentence.vector) : coverage;
      const score = SEMANTIC_WEIGHT * semantic + (1 - SEMANTIC_WEIGHT) * coverage;
      const { docId, start, end, text } = sentence;
      const title = knowledge.documents.get(docId)?.title ?? "";
      ranked.push({ evidence: { docId, chunkId: chunk.id, title, start, end, text, score: Math.round(score * 1000) / 1000 }, score });
    }
  }
  return ranked
    .sort((a, b) => b.score - a.score)
    .slice(0, maxEvidence)
    .map((item, index) => ({ ...item.evidence, number: index + 1 }));
}
