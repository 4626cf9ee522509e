export interface VectorHit {
  readonly chunkId: string;
  /** Cosine similarity, higher is nearer. */
  readonly score: number;
}

/** Nearest-neighbour search over chunk vectors. */
export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  search(vector: Float32Array, k: number): Promise<VectorHit[]>;
}
