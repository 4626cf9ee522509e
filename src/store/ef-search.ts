import type { HnswSettings } from "./manifest.ts";

/**
 * HNSW settings by index size, from `npm run bench:hnsw` on real vectors of our embedders (sentences
 * and chunks of SciFact, SpamAssassin and State of the Union texts; bench/README.md, HNSW at scale): for
 * each measured size, the smallest efSearch whose recall@10 against exact search was at least 0.98,
 * the larger of the two models' where both were measured. multilingual-e5-small (the default, measured
 * to 200,000) needs more than all-MiniLM-L6-v2 (measured to 100,000): its vectors crowd together
 * (unrelated texts at cosine ~0.8), so the graph search must look wider to find the true neighbours.
 * At 200,000 vectors M 16 needs efSearch 320 (1.06 ms p50); M 32 reaches 0.98 at efSearch 160 (0.81 ms)
 * for a 24% longer build and an 8% larger file, so the largest row builds with M 32.
 * An index takes the row of the smallest measured size at or above its own.
 */
export const HNSW_BY_SIZE: readonly { readonly upTo: number; readonly m: number; readonly efSearch: number }[] = [
  { upTo: 1_000, m: 16, efSearch: 32 },
  { upTo: 10_000, m: 16, efSearch: 96 },
  { upTo: 50_000, m: 16, efSearch: 120 },
  { upTo: 100_000, m: 16, efSearch: 240 },
  { upTo: 200_000, m: 32, efSearch: 160 },
];

/**
 * Beyond the largest measured size, efSearch grows by as much per doubling as it ever did between
 * measured sizes of one M (120, from 50,000 to 100,000 with e5 and M 16), rounded up to a multiple of
 * 8, with the last row's M: an extrapolation, not a measurement.
 */
export const EF_SEARCH_PER_DOUBLING = 120;

const BUILD_DEFAULTS = { space: "cosine", efConstruction: 200, seed: 100 } as const;

/** The smallest efSearch measured (or, past the table, extrapolated) to keep recall@10 >= 0.98 for `vectorCount` vectors. */
export function efSearchFor(vectorCount: number): number {
  const row = HNSW_BY_SIZE.find((entry) => vectorCount <= entry.upTo);
  if (row) return row.efSearch;
  const last = HNSW_BY_SIZE.at(-1) as { upTo: number; efSearch: number };
  const extra = EF_SEARCH_PER_DOUBLING * Math.log2(vectorCount / last.upTo);
  return Math.ceil((last.efSearch + extra) / 8) * 8;
}

/** The graph degree (M) an index of `vectorCount` vectors is built with. */
export function hnswDegreeFor(vectorCount: number): number {
  return (HNSW_BY_SIZE.find((entry) => vectorCount <= entry.upTo) ?? (HNSW_BY_SIZE.at(-1) as { m: number })).m;
}

export function hnswSettingsFor(vectorCount: number): HnswSettings {
  return { ...BUILD_DEFAULTS, m: hnswDegreeFor(vectorCount), efSearch: efSearchFor(vectorCount) };
}
