import type { HnswSettings } from "./manifest.ts";

/**
 * efSearch by index size, from `npm run bench:hnsw` on real sentence and passage vectors of the
 * default embedder (bench/README.md, HNSW at scale): for each measured size, the smallest efSearch
 * whose recall@10 against exact search was at least 0.98. An index takes the row of the smallest
 * measured size at or above its own; beyond the largest measured size, the last row.
 */
export const EF_SEARCH_BY_SIZE: readonly { readonly upTo: number; readonly efSearch: number }[] = [
  { upTo: 1_000, efSearch: 40 },
  { upTo: 10_000, efSearch: 64 },
  { upTo: 50_000, efSearch: 80 },
  { upTo: 100_000, efSearch: 120 },
  { upTo: 200_000, efSearch: 160 },
];

export const HNSW_BUILD_SETTINGS = { space: "cosine", m: 16, efConstruction: 200, seed: 100 } as const;

/** The smallest efSearch measured to keep recall@10 >= 0.98 for an index of `vectorCount` vectors. */
export function efSearchFor(vectorCount: number): number {
  const row = EF_SEARCH_BY_SIZE.find((entry) => vectorCount <= entry.upTo) ?? EF_SEARCH_BY_SIZE.at(-1);
  return row?.efSearch ?? 240;
}

export function hnswSettingsFor(vectorCount: number): HnswSettings {
  return { ...HNSW_BUILD_SETTINGS, efSearch: efSearchFor(vectorCount) };
}
