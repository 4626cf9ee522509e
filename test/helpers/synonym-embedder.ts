import { stemEnglish as stem } from "../../src/answer/language-rules.ts";
import type { Embedder } from "../../src/embed/embedder.ts";

const DIMENSIONS = 256;

/**
 * A deterministic embedder double: bag-of-stems vectors hashed into 256 dimensions, where the words
 * of each synonym group share one stem, so "harbour" and "port" embed alike and unrelated words
 * (almost always) do not. Enough to test answering rules without the real model.
 */
export function synonymEmbedder(synonyms: readonly (readonly string[])[] = []): Embedder {
  const canonical = new Map<string, string>();
  for (const group of synonyms) for (const word of group) canonical.set(stem(word), stem(group[0] as string));
  return {
    modelId: "test/synonym-bag",
    dimensions: DIMENSIONS,
    pooling: "mean",
    normalized: true,
    async embed(texts) {
      return texts.map((text) => {
        const vector = new Float32Array(DIMENSIONS);
        for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
          const key = canonical.get(stem(word)) ?? stem(word);
          const slot = [...key].reduce((hash, character) => (hash * 31 + (character.codePointAt(0) ?? 0)) % 1_000_003, 7) % DIMENSIONS;
          vector[slot] = (vector[slot] ?? 0) + 1;
        }
        const norm = Math.hypot(...vector) || 1;
        return vector.map((value) => value / norm);
      });
    },
  };
}
