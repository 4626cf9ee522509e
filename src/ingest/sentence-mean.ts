import type { Chunk } from "../store/chunk.ts";
import type { StoredSentence } from "../store/index-data.ts";

/**
 * Chunk vectors from sentence vectors ("sentence-mean"): a chunk's vector is the mean of the vectors
 * of the sentences it holds any part of, each sentence counted once, normalised to unit length. A
 * sentence in the overlap of two chunks counts in both; a sentence longer than a chunk (cut by the
 * chunker) gives its whole vector to each chunk holding a piece of it. A chunk that holds no sentence,
 * or whose mean is the zero vector, gets undefined here, and the caller embeds it on its own.
 */
export function chunkVectorsFromSentences(options: {
  chunks: readonly Chunk[];
  sentences: readonly StoredSentence[];
  /** Row i is the vector of sentences[i]. */
  sentenceVectors: readonly Float32Array[];
  dimensions: number;
}): (Float32Array | undefined)[] {
  const { chunks, sentences, sentenceVectors, dimensions } = options;
  const byDocument = new Map<string, number[]>();
  sentences.forEach((sentence, row) => {
    const rows = byDocument.get(sentence.docId) ?? [];
    rows.push(row);
    byDocument.set(sentence.docId, rows);
  });
  return chunks.map((chunk) => {
    const sum = new Float64Array(dimensions);
    let count = 0;
    for (const row of byDocument.get(chunk.docId) ?? []) {
      const sentence = sentences[row] as StoredSentence;
      if (sentence.end <= chunk.start || sentence.start >= chunk.end) continue;
      const vector = sentenceVectors[row];
      if (!vector || vector.length !== dimensions) throw new Error(`missing or malformed vector for sentence ${row}`);
      for (let column = 0; column < dimensions; column += 1) sum[column] = (sum[column] as number) + (vector[column] as number);
      count += 1;
    }
    if (count === 0) return undefined;
    let norm = 0;
    for (const value of sum) norm += value * value;
    norm = Math.sqrt(norm);
    if (!(norm > 0)) return undefined;
    return Float32Array.from(sum, (value) => value / norm);
  });
}
