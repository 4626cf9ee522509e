// Exact nearest neighbours by a Float32Array dot-product scan: the ground truth for recall, and the
// baseline an index has to beat.
import { performance } from "node:perf_hooks";
import { dotProduct } from "../../src/store/dot-product.ts";
import { percentile } from "./percentile.ts";

/** Keeps `scores`/`ids` from `base` to `base + k` sorted best first. */
function insertTopK(options: { scores: Float32Array; ids: Int32Array; base: number; k: number; score: number; id: number }): void {
  const { scores, ids, base, k, score, id } = options;
  if (score <= (scores[base + k - 1] as number)) return;
  let slot = k - 1;
  while (slot > 0 && score > (scores[base + slot - 1] as number)) {
    scores[base + slot] = scores[base + slot - 1] as number;
    ids[base + slot] = ids[base + slot - 1] as number;
    slot -= 1;
  }
  scores[base + slot] = score;
  ids[base + slot] = id;
}

/**
 * Exact top-k by dot product for every prefix size in one pass over the data: each row is scored
 * against all queries while it is in cache, and the running top-k is copied out at each prefix end.
 * Returns, per size, `queries * k` neighbour ids, best first.
 */
export function exactNeighbours(options: {
  vectors: Float32Array;
  queries: Float32Array;
  dimensions: number;
  k: number;
  sizes: readonly number[];
}): Map<number, Int32Array> {
  const { vectors, queries, dimensions, k } = options;
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const queryCount = queries.length / dimensions;
  const scores = new Float32Array(queryCount * k).fill(Number.NEGATIVE_INFINITY);
  const ids = new Int32Array(queryCount * k).fill(-1);
  const snapshots = new Map<number, Int32Array>();
  const lastSize = sizes[sizes.length - 1] ?? 0;
  const started = performance.now();
  for (let row = 0; row < lastSize; row += 1) {
    const leftBase = row * dimensions;
    for (let query = 0; query < queryCount; query += 1) {
      const score = dotProduct({ left: vectors, leftBase, right: queries, rightBase: query * dimensions, dimensions });
      insertTopK({ scores, ids, base: query * k, k, score, id: row });
    }
    if (sizes.includes(row + 1)) snapshots.set(row + 1, ids.slice());
    if ((row + 1) % 100_000 === 0) {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`  exact search: ${row + 1}/${lastSize} rows, ${seconds.toFixed(0)} s\n`);
    }
  }
  return snapshots;
}

/** Median time of one exact top-k scan in TypeScript: the baseline HNSW has to beat. */
export function exactScanMedianMilliseconds(options: {
  vectors: Float32Array;
  queries: Float32Array;
  size: number;
  dimensions: number;
  k: number;
}): number {
  const { vectors, queries, size, dimensions, k } = options;
  const sampleCount = Math.min(20, queries.length / dimensions);
  const latencies: number[] = [];
  for (let query = 0; query < sampleCount; query += 1) {
    const started = performance.now();
    const scores = new Float32Array(k).fill(Number.NEGATIVE_INFINITY);
    const ids = new Int32Array(k).fill(-1);
    for (let row = 0; row < size; row += 1) {
      const score = dotProduct({ left: vectors, leftBase: row * dimensions, right: queries, rightBase: query * dimensions, dimensions });
      insertTopK({ scores, ids, base: 0, k, score, id: row });
    }
    latencies.push(performance.now() - started);
  }
  return percentile(
    latencies.sort((a, b) => a - b),
    0.5,
  );
}
