import type { HnswSettings } from "./manifest.ts";

/**
 * efSearch by index size, from `npm run bench:hnsw` on real vectors of our embedders (sentences and
 * chunks of SciFact, SpamAssassin and State of the Union texts; bench/README.md, HNSW at scale): for
 * each measured size, the smallest efSearch whose recall@10 against exact search was at least 0.98,
 * the larger of the two models' where both were measured. multilingual-e5-small (the default, measured
 * to 200,000) needs more than all-MiniLM-L6-v2 (measured to 100,000): its vectors crowd together
 * (unrelated texts at cosine ~0.8), so the graph search must look wider to find the true neighbours.
 * An index takes the row of the smallest measured size at or above its own.
 */
export const EF_SEARCH_BY_SIZE: readonly { readonly upTo: number; readonly efSearch: number }[] = [
  { upTo: 1_000, efSearch: 32 },
  { upTo: 10_000, efSearch: 96 },
  { upTo: 50_000, efSearch: 120 },
  { upTo: 100_000, efSearch: 240 },
  { upTo: 200_000, efSearch: 320 },
];

/**
 * Beyond the largest measured size, efSearch grows by as much per doubling as it ever did between
 * measured sizes (120, from 50,000 to 100,000 with e5), rounded up to a multiple of 8: an
 * extrapolation, not a measurement.
 */
export const EF_SEARCH_PER_DOUBLING = 120;

export const HNSW_BUILD_SETTINGS = { space: "cosine", m: 16, efConstruction: 200, seed: 100 } as const;

/** The smallest efSearch measured (or, past the table, extrapolated) to keep recall@10 >= 0.98 for `vectorCount` vectors. */
export function efSearchFor(vectorCount: number): number {
  const row = EF_SEARCH_BY_SIZE.find((entry) => vectorCount <= entry.upTo);
  if (row) return row.efSearch;
  const last = EF_SEARCH_BY_SIZE.at(-1) as { upTo: number; efSearch: number };
  const extra = EF_SEARCH_PER_DOUBLING * Math.log2(vectorCount / last.upTo);
  return Math.ceil((last.efSearch + extra) / 8) * 8;
}

export function hnswSettingsFor(vectorCount: number): HnswSettings {
  return { ...HNSW_BUILD_SETTINGS, efSearch: efSearchFor(vectorCount) };
}
