/**
 * Where a model puts texts that have nothing to do with each other. Embedding models differ: MiniLM
 * puts an unrelated question and sentence near cosine 0.17 and two unrelated words near 0.25, while
 * multilingual-e5-small puts them near 0.78 and 0.85. The answer thresholds are written on MiniLM's
 * scale (the reference); another model's cosines are mapped onto it before any threshold sees them.
 */
export interface SimilarityScale {
  /** Typical cosine of a question and a sentence that does not answer it. */
  readonly unrelatedSentence: number;
  /** Typical cosine of two unrelated single words. */
  readonly unrelatedWord: number;
}

/**
 * all-MiniLM-L6-v2's, measured with `npm run eval -- --scale` (medians over the English dev questions
 * against every sentence of both eval corpora, and over pairs of the corpora's words).
 */
export const REFERENCE_SCALE: SimilarityScale = { unrelatedSentence: 0.179, unrelatedWord: 0.246 };

/**
 * The linear map that sends the model's unrelated cosine to the reference's and keeps 1 (the same
 * text) at 1: `reference + (cosine − unrelated) × (1 − reference) / (1 − unrelated)`. The identity for
 * the reference model. Measured for e5 (README "Evaluate"), the map also matches the spread: the
 * 90th percentile of unrelated words lands at 0.36 (MiniLM's own: 0.355).
 */
export function calibrateCosine(options: { cosine: number; unrelated: number; reference: number }): number {
  const { cosine, unrelated, reference } = options;
  if (unrelated === reference) return cosine;
  return reference + ((cosine - unrelated) * (1 - reference)) / (1 - unrelated);
}

/** Sentence and word similarity of a model on the reference scale. */
export interface Calibration {
  sentence(cosine: number): number;
  word(cosine: number): number;
}

export function calibration(scale: SimilarityScale, reference: SimilarityScale = REFERENCE_SCALE): Calibration {
  return {
    sentence: (cosine) => calibrateCosine({ cosine, unrelated: scale.unrelatedSentence, reference: reference.unrelatedSentence }),
    word: (cosine) => calibrateCosine({ cosine, unrelated: scale.unrelatedWord, reference: reference.unrelatedWord }),
  };
}
