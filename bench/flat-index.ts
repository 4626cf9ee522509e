// Exact search: FlatIndex (top k kept in a bounded heap) against the full sort it replaced, on the same
// vectors and queries, alternating query by query so both see the same machine load. Random unit
// vectors: a scan costs the same whatever the data. Prints a markdown table.
//   npx tsx bench/flat-index.ts [--sizes 10000,54000] [--queries 100] [--k 50]
import os from "node:os";
import { parseArgs } from "node:util";
import { FlatIndex } from "../src/store/flat-index.ts";
import type { VectorHit } from "../src/store/vector-index.ts";
import { percentile } from "./hnsw/percentile.ts";
import { randomUnitVectors } from "./hnsw/random-vectors.ts";

const DIMENSIONS = 384;

/** The search FlatIndex did before: score every row, sort all of them, keep k. */
function fullSortSearch(options: { vectors: Float32Array; chunkIds: readonly string[]; query: Float32Array; k: number }): VectorHit[] {
  const { vectors, chunkIds, query, k } = options;
  const scores = new Float32Array(chunkIds.length);
  for (let row = 0; row < chunkIds.length; row += 1) {
    let dot = 0;
    const base = row * DIMENSIONS;
    for (let column = 0; column < DIMENSIONS; column += 1) dot += (vectors[base + column] as number) * (query[column] as number);
    scores[row] = dot;
  }
  const order = Array.from(scores.keys()).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, k).map((row) => ({ chunkId: chunkIds[row] as string, score: scores[row] as number }));
}

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,54000" },
    queries: { type: "string", default: "100" },
    k: { type: "string", default: "50" },
  },
});
const sizes = (values.sizes as string).split(",").map(Number);
const queryCount = Number(values.queries);
const k = Number(values.k);
const loadAtStart = os.loadavg()[0] as number;
const rows: string[] = [];
for (const size of sizes) {
  const vectors = randomUnitVectors({ count: size, dimensions: DIMENSIONS, seed: 42 });
  const queries = randomUnitVectors({ count: queryCount, dimensions: DIMENSIONS, seed: 43 });
  const chunkIds = Array.from({ length: size }, (_, row) => `c${row}`);
  const index = new FlatIndex({ dimensions: DIMENSIONS, vectors, chunkIds });
  const before: number[] = [];
  const after: number[] = [];
  for (let query = -1; query < queryCount; query += 1) {
    // Query -1 warms both up and is not timed.
    const vector = queries.subarray(Math.max(0, query) * DIMENSIONS, (Math.max(0, query) + 1) * DIMENSIONS);
    const first = query % 2 === 0 ? "before" : "after";
    for (const side of first === "before" ? ["before", "after"] : ["after", "before"]) {
      const started = performance.now();
      const hits = side === "before" ? fullSortSearch({ vectors, chunkIds, query: vector, k }) : index.searchSync(vector, k);
      const elapsed = performance.now() - started;
      if (hits.length !== Math.min(k, size)) throw new Error(`${side} returned ${hits.length} hits`);
      if (query >= 0) (side === "before" ? before : after).push(elapsed);
    }
    if (query === 0) {
      const expected = fullSortSearch({ vectors, chunkIds, query: vector, k }).map((hit) => hit.chunkId);
      if (index.searchSync(vector, k).some((hit, rank) => hit.chunkId !== expected[rank]))
        throw new Error("FlatIndex disagrees with the full sort");
    }
  }
  before.sort((a, b) => a - b);
  after.sort((a, b) => a - b);
  rows.push(
    `| ${size.toLocaleString("en-US")} | ${percentile(before, 0.5).toFixed(1)} | ${percentile(before, 0.99).toFixed(1)} | ` +
      `${percentile(after, 0.5).toFixed(1)} | ${percentile(after, 0.99).toFixed(1)} | ${(percentile(before, 0.5) / percentile(after, 0.5)).toFixed(1)}x |`,
  );
}
console.log(
  `FlatIndex top ${k}, ${queryCount} queries per size, ${DIMENSIONS} dimensions, alternating query by query; Node ${process.version}, ` +
    `${os.cpus().length} CPUs; load average (1 min) ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0]?.toFixed(1)} at end.`,
);
console.log("");
console.log("| vectors | before: full sort p50 ms | p99 ms | after: bounded heap p50 ms | p99 ms | p50 speed-up |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
