import { dotProduct } from "./dot-product.ts";
import { TopK } from "./top-k.ts";
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

  /** The k nearest rows, best first; equal scores keep row order. Only k candidates are held, never all scores. */
  searchSync(vector: Float32Array, k: number): VectorHit[] {
    if (vector.length !== this.dimensions) throw new RangeError(`expected a query of ${this.dimensions} floats, got ${vector.length}`);
    const dimensions = this.dimensions;
    const vectors = this.#vectors;
    const best = new TopK(Math.min(k, this.size));
    if (best.capacity === 0) return [];
    for (let row = 0, base = 0; row < this.size; row += 1, base += dimensions) {
      best.offer(row, dotProduct({ left: vectors, leftBase: base, right: vector, rightBase: 0, dimensions }));
    }
    return best.sorted().map(({ row, score }) => ({ chunkId: this.#chunkIds[row] as string, score }));
  }
}
