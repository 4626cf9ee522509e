import { type AnswerThresholds, DEFAULT_THRESHOLDS } from "./compose-answer.ts";
import { REFERENCE_SCALE, type SimilarityScale } from "./similarity-scale.ts";

/**
 * Each model's cosines live on their own scale: multilingual-e5-small puts even unrelated texts at
 * cosine 0.7-0.8, where MiniLM puts them near 0.2. Each model's cosines are mapped onto MiniLM's scale
 * (similarity-scale.ts), so one sweep grid serves every model, and its thresholds are swept on that
 * scale (README "Evaluate"). A model not listed gets MiniLM's scale and thresholds.
 */
interface ModelCalibration {
  readonly scale: SimilarityScale;
  readonly thresholds: AnswerThresholds;
}

const CALIBRATED: Readonly<Record<string, ModelCalibration>> = {
  "sentence-transformers/all-MiniLM-L6-v2": { scale: REFERENCE_SCALE, thresholds: DEFAULT_THRESHOLDS },
  // Scale: `npm run eval -- --scale` (the default EMBED_MODEL). Thresholds: `npm run eval -- --sweep` on the
  // dev parts of both corpora, every language (504 settings, then 9 cross-lingual minimum scores; utility 246,
  // the best): visit dev (en, es, zh) hit 83.4%, grounded but wrong 3.2%, abstention P/R 85/100%; handbook
  // dev 92.6%, 0.0%, 83/100%. All are the sweep's choice. Rerun after the demonym, duration-anchor and
  // other-kind rules (three corpora, 513 settings, README "Evaluate"): the same minScore, conceptSimilarity,
  // semanticWeight and contextWeight (utility 554); it prefers crossLingualMinScore 0.1 by two points (556).
  "intfloat/multilingual-e5-small": {
    scale: { unrelatedSentence: 0.777, unrelatedWord: 0.853 },
    thresholds: {
      ...DEFAULT_THRESHOLDS,
      minScore: 0.38,
      conceptSimilarity: 0.26,
      semanticWeight: 0.6,
      contextWeight: 0.5,
      // No minimum across languages: with the Spanish and Chinese focus checks (the glossary's events, dates,
      // places and speakers) the sweep itself keeps -1 (utility 246; dev es hit 88.5%, grounded but wrong
      // 6.7%; zh 96.3%, 2.1%). Before those checks it preferred 0.3 by one point, at far fewer hits.
      crossLingualMinScore: -1,
    },
  },
};

export function thresholdsFor(modelId: string): AnswerThresholds {
  return CALIBRATED[modelId]?.thresholds ?? DEFAULT_THRESHOLDS;
}

export function similarityScaleFor(modelId: string): SimilarityScale {
  return CALIBRATED[modelId]?.scale ?? REFERENCE_SCALE;
}
