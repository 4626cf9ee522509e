import { type AnswerThresholds, DEFAULT_THRESHOLDS } from "./compose-answer.ts";

/**
 * Each model's cosines live on their own scale: multilingual-e5-small puts even unrelated texts at
 * cosine 0.7-0.8, where MiniLM puts them near 0, so the similarity thresholds are calibrated per model
 * (README "Evaluate"). A model not listed gets MiniLM's.
 */
const CALIBRATED: Readonly<Record<string, AnswerThresholds>> = {
  "sentence-transformers/all-MiniLM-L6-v2": DEFAULT_THRESHOLDS,
  // Grid sweep on test/fixtures/eval.jsonl (semantic weight 0.6-0.9, minimum score 0.5-0.7, concept similarity
  // 0.8-0.92): the highest answer hit rate whose abstention recall matches MiniLM's 78.6%.
  "intfloat/multilingual-e5-small": { ...DEFAULT_THRESHOLDS, semanticWeight: 0.8, minScore: 0.65, conceptSimilarity: 0.875 },
};

export function thresholdsFor(modelId: string): AnswerThresholds {
  return CALIBRATED[modelId] ?? DEFAULT_THRESHOLDS;
}
