import type { Embedder } from "../../src/embed/embedder.ts";

/** Deterministic 16-dimensional bag-of-words vectors: enough to build and write real index files. */
export const hashEmbedder: Embedder = {
  modelId: "test/hash-words",
  dimensions: 16,
  pooling: "mean",
  normalized: true,
  async embed(texts) {
    return texts.map((text) => {
      const vector = new Float32Array(16);
      for (const word of text.toLowerCase().match(/\w+/g) ?? []) {
        const slot = [...word].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 16;
        vector[slot] = (vector[slot] ?? 0) + 1;
      }
      const norm = Math.hypot(...vector) || 1;
      return vector.map((value) => value / norm);
    });
  },
};
