import type { VectorHit, VectorIndex } from "./vector-index.ts";

/** Exact cosine search in pure TypeScript: for small corpora and the Workers build. Vectors must be unit length. */
export class FlatIndex implements VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  readonly #vectors: Float32Array;
  readonly #chunkIds: readonly string[];

  /** `vectors` holds `chunkIds.length` rows of `dimensions` floats, row i belonging to chunkIds[i]. */
  constructor(options: { dimensions: number; vectors: Float32Array; chunkIds: readonly string[] }) {
    const { dimensions, vectors, chunkIds } = options;
    if (vectors.length !== dimensions * chunkIds.length) {
      throw new RangeError(`expected ${chunkIds.length} vectors of ${dimensions} floats, got ${vectors.length} floats`);
    }
    this.dimensions = dimensions;
    this.size = chunkIds.length;
    this.#vectors = vectors;
    this.#chunkIds = chunkIds;
  }

  async search(vector: Float32Array, k: number): Promise<VectorHit[]> {
    return this.searchSync(vector, k);
  }

  searchSync(vector: Float32Array, k: number): VectorHit[] {
    const dimensions = this.dimensions;
    const scores = new Float32Array(this.size);
    for (let row = 0; row < this.size; row += 1) {
      let dot = 0;
      const base = row * dimensions;
      for (let column = 0; column < dimensions; column += 1) {
        dot += (this.#vectors[base + column] as number) * (vector[column] as number);
      }
      scores[row] = dot;
    }
    const order = Array.from(scores.keys()).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    return order.slice(0, Math.max(0, k)).map((row) => ({
      chunkId: this.#chunkIds[row] as string,
      score: scores[row] as number,
    }));
  }
}
