import type { Embedder } from "../embed/embedder.ts";
import { dot } from "../store/dot-product.ts";
import { analyze, STOP_WORDS } from "../text/analyze.ts";

/** These checks are written for English questions over English text (see language-rules.ts). */
const ENGLISH = { language: "en" } as const;

/** Words that frame a question rather than name what it is about. */
const QUESTION_FRAMING = new Set(
  "what which who whom whose when where why how many much often long kind sort type name tell describe explain happen happened happening according include including give given mention mentioned say said among exactly please".split(
    " ",
  ),
);

/** Embeds single words on demand and remembers them: the corpus vocabulary is small and recurs. */
export class WordVectors {
  readonly #embedder: Embedder;
  readonly #cache = new Map<string, Float32Array>();
  readonly #maxEntries: number;
  readonly #calibrate: (cosine: number) => number;

  /** `calibrate` maps the model's word cosines onto the scale the thresholds are written in (similarity-scale.ts). */
  constructor(options: { embedder: Embedder; maxEntries?: number; calibrate?: (cosine: number) => number }) {
    this.#embedder = options.embedder;
    this.#maxEntries = options.maxEntries ?? 50_000;
    this.#calibrate = options.calibrate ?? ((cosine) => cosine);
  }

  /** Similarity of two of this object's vectors, on the thresholds' scale; -1 for a missing vector. */
  similarity(a: Float32Array, b: Float32Array): number {
    if (a.length !== b.length || a.length === 0) return -1;
    return this.#calibrate(dot(a, b));
  }

  async vectors(words: readonly string[]): Promise<Float32Array[]> {
    for (const word of new Set(words)) {
      if (this.#cache.has(word)) continue;
      // One word per call: the int8 model scales activations per batch, so a word embedded beside
      // others would get a vector that depends on its neighbours, and answers on query history.
      const [vector] = await this.#embedder.embed([word], "query");
      if (this.#cache.size >= this.#maxEntries) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(word, vector as Float32Array);
    }
    return words.map((word) => this.#cache.get(word) ?? new Float32Array(0));
  }
}

export function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length > 1 && !STOP_WORDS.has(word) && !QUESTION_FRAMING.has(word)))];
}

/**
 * Concepts the question names that neither the answer nor anything else in the corpus mentions,
 * not even with a near synonym: "How much did the port cost?" against a sentence about the port
 * that gives no cost. Words the corpus knows elsewhere (names, places) count as context, not gaps.
 */
export async function findConceptGaps(options: {
  question: string;
  answerText: string;
  knows: (term: string) => boolean;
  wordVectors: WordVectors;
  minSimilarity: number;
}): Promise<string[]> {
  const { question, answerText, knows, wordVectors, minSimilarity } = options;
  const answerTerms = new Set(analyze(answerText, ENGLISH));
  const unknown = contentWords(question).filter((word) => analyze(word, ENGLISH).every((term) => !answerTerms.has(term) && !knows(term)));
  if (unknown.length === 0) return [];
  const answerWords = contentWords(answerText);
  const [questionVectors, answerVectors] = await Promise.all([wordVectors.vectors(unknown), wordVectors.vectors(answerWords)]);
  return unknown.filter((_, index) => {
    const vector = questionVectors[index] as Float32Array;
    const best = Math.max(-1, ...answerVectors.map((candidate) => wordVectors.similarity(vector, candidate)));
    return best < minSimilarity;
  });
}

/**
 * Whether the answer speaks to the question's focus and not just its topic: at least one of the
 * question's words other than names ("inaugurate" in "What will Xi and Boluarte inaugurate?") is in
 * the answer or has a near synonym there. Questions made only of names pass.
 */
export async function coversFocus(options: {
  focusWords: readonly string[];
  answerText: string;
  wordVectors: WordVectors | undefined;
  minSimilarity: number;
}): Promise<boolean> {
  const { focusWords, answerText, wordVectors, minSimilarity } = options;
  if (focusWords.length === 0) return true;
  const answerTerms = new Set(analyze(answerText, ENGLISH));
  if (focusWords.some((word) => analyze(word, ENGLISH).some((term) => answerTerms.has(term)))) return true;
  if (!wordVectors) return false;
  const answerWords = contentWords(answerText);
  const [questionVectors, answerVectors] = await Promise.all([wordVectors.vectors(focusWords), wordVectors.vectors(answerWords)]);
  return questionVectors.some((vector) => answerVectors.some((candidate) => wordVectors.similarity(vector, candidate) >= minSimilarity));
}
