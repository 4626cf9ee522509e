export interface LexicalHit {
  readonly chunkId: string;
  readonly score: number;
}

/** Keyword search over chunk texts. */
export interface LexicalIndex {
  readonly size: number;
  search(query: string, k: number): LexicalHit[];
}
