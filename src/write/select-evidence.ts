import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import type { RetrievedChunk } from "../retrieve/retriever.ts";
import { dot } from "../store/dot-product.ts";
import { analyze } from "../text/analyze.ts";
import type { EvidenceSentence } from "./evidence.ts";

/**
 * Sentences the writer sees: few enough to keep the prompt small, enough for several-source answers.
 * On the dev items the supporting sentence is among the first 4 for 93.0% and the first 6 for 94.8%
 * (`npx tsx bench/writer-evidence-rank.ts`), while 4 cut the question's part from ~280 to ~200
 * tokens, and prompt evaluation is most of the time to the first sentence (bench/README.md).
 */
export const DEFAULT_MAX_EVIDENCE = 4;

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
    for (const sentence of knowledge.sentencesByChunk.get(chunk.id) ?? []) {
      if (seen.has(sentence.ordinal)) continue;
      seen.add(sentence.ordinal);
      const covered = queryTerms.reduce((sum, term) => sum + (sentence.terms.has(term) ? knowledge.idf(term) : 0), 0);
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
