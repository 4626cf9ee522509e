export interface RankedList {
  readonly hits: readonly { readonly chunkId: string }[];
  /** How much this list counts in the fusion; 1 by default. */
  readonly weight?: number;
}

export interface FusedHit {
  readonly chunkId: string;
  readonly score: number;
}

/** Reciprocal rank fusion: score = sum of weight / (k + rank), rank from 1. Ties break by chunk id for determinism. */
export function reciprocalRankFusion(lists: readonly RankedList[], options: { k?: number } = {}): FusedHit[] {
  const k = options.k ?? 60;
  const scores = new Map<string, number>();
  for (const list of lists) {
    const weight = list.weight ?? 1;
    list.hits.forEach((hit, index) => {
      scores.set(hit.chunkId, (scores.get(hit.chunkId) ?? 0) + weight / (k + index + 1));
    });
  }
  return [...scores.entries()]
    .map(([chunkId, score]) => ({ chunkId, score }))
    .sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : 0));
}
