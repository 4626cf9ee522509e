// Node adapter over hnswlib-node; never imported by the Workers build.
import hnswlib from "hnswlib-node";
import type { HnswSettings } from "./manifest.ts";
import type { VectorHit, VectorIndex } from "./vector-index.ts";

type Native = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** Approximate cosine search; labels are chunk ordinals, mapped back to chunk ids. */
export class HnswIndex implements VectorIndex {
  readonly dimensions: number;
  readonly #native: Native;
  readonly #chunkIds: readonly string[];

  private constructor(native: Native, dimensions: number, chunkIds: readonly string[]) {
    this.#native = native;
    this.dimensions = dimensions;
    this.#chunkIds = chunkIds;
  }

  get size(): number {
    return this.#native.getCurrentCount();
  }

  /** Inserts rows in order, single-threaded, with a fixed seed, so the same input gives the same graph. */
  static build(options: { vectors: Float32Array; chunkIds: readonly string[]; dimensions: number; settings: HnswSettings }): HnswIndex {
    const { vectors, chunkIds, dimensions, settings } = options;
    const native = new hnswlib.HierarchicalNSW(settings.space, dimensions);
    native.initIndex(Math.max(1, chunkIds.length), settings.m, settings.efConstruction, settings.seed);
    for (let row = 0; row < chunkIds.length; row += 1) {
      native.addPoint(Array.from(vectors.subarray(row * dimensions, (row + 1) * dimensions)), row);
    }
    native.setEf(settings.efSearch);
    return new HnswIndex(native, dimensions, chunkIds);
  }

  static async load(options: {
    path: string;
    chunkIds: readonly string[];
    dimensions: number;
    settings: HnswSettings;
  }): Promise<HnswIndex> {
    const native = new hnswlib.HierarchicalNSW(options.settings.space, options.dimensions);
    await native.readIndex(options.path);
    if (native.getCurrentCount() !== options.chunkIds.length) {
      throw new Error(`HNSW index holds ${native.getCurrentCount()} vectors but the index has ${options.chunkIds.length} chunks`);
    }
    native.setEf(options.settings.efSearch);
    return new HnswIndex(native, options.dimensions, options.chunkIds);
  }

  async write(path: string): Promise<void> {
    await this.#native.writeIndex(path);
  }

  async search(vector: Float32Array, k: number): Promise<VectorHit[]> {
    const count = Math.min(k, this.size);
    if (count <= 0) return [];
    const result = this.#native.searchKnn(Array.from(vector), count);
    return result.neighbors.map((label, index) => ({
      chunkId: this.#chunkIds[label] as string,
      // hnswlib's cosine space returns 1 - cosine.
      score: 1 - (result.distances[index] as number),
    }));
  }
}
