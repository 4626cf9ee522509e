// One size of the HNSW benchmark: build hnswlib-node's graph one point at a time on one thread, then
// sweep efSearch over held-out queries: recall@k against exact search, wall-clock and CPU latency.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import hnswlib from "hnswlib-node";
import { exactScanMedianMilliseconds } from "./exact-top-k.ts";
import { percentile } from "./percentile.ts";

export interface SizeRun {
  readonly size: number;
  readonly m: number;
  readonly efConstruction: number;
}

export interface SweepRow {
  readonly efSearch: number;
  readonly recall: number;
  readonly p50Milliseconds: number;
  readonly p99Milliseconds: number;
  readonly cpuP50Milliseconds: number;
}

export interface SizeReport extends SizeRun {
  readonly buildSeconds: number;
  readonly buildCpuSeconds: number;
  readonly rssIncreaseBytes: number;
  readonly indexFileBytes: number;
  readonly exactScanMilliseconds: number;
  readonly sweep: readonly SweepRow[];
}

export function rowAsArray(options: { vectors: Float32Array; row: number; dimensions: number; into: number[] }): number[] {
  const { vectors, row, dimensions, into } = options;
  const base = row * dimensions;
  for (let column = 0; column < dimensions; column += 1) into[column] = vectors[base + column] as number;
  return into;
}

/** Other processes share the CPU, so CPU time is reported next to wall time as the steadier figure. */
function cpuMicroseconds(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}

// Collecting before each RSS reading keeps garbage out of it; this works without `node --expose-gc`.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function settledRss(): number {
  collectGarbage();
  return process.memoryUsage().rss;
}

export function benchmarkSize(options: {
  run: SizeRun;
  vectors: Float32Array;
  queries: Float32Array;
  truth: Int32Array;
  dimensions: number;
  k: number;
  efSearchValues: readonly number[];
  seed: number;
}): SizeReport {
  const { run, vectors, queries, truth, dimensions, k, efSearchValues, seed } = options;
  const { size, m, efConstruction } = run;
  const rssBefore = settledRss();
  const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
  index.initIndex({ maxElements: size, m, efConstruction, randomSeed: seed });
  const point: number[] = new Array<number>(dimensions).fill(0);
  const progressStep = Math.max(1, Math.floor(size / 20));
  const buildStarted = performance.now();
  const buildCpuStarted = process.cpuUsage();
  for (let row = 0; row < size; row += 1) {
    index.addPoint(rowAsArray({ vectors, row, dimensions, into: point }), row);
    if ((row + 1) % progressStep === 0) {
      const seconds = (performance.now() - buildStarted) / 1000;
      const remaining = (seconds / (row + 1)) * (size - row - 1);
      process.stderr.write(`  build ${size}: ${row + 1} points, ${seconds.toFixed(0)} s, ~${remaining.toFixed(0)} s left\n`);
    }
  }
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const buildCpuSeconds = cpuMicroseconds(process.cpuUsage(buildCpuStarted)) / 1e6;
  const rssIncreaseBytes = settledRss() - rssBefore;

  const directory = mkdtempSync(join(tmpdir(), "hnsw-scale-"));
  const indexPath = join(directory, "index.bin");
  index.writeIndexSync(indexPath);
  const indexFileBytes = statSync(indexPath).size;
  rmSync(directory, { recursive: true, force: true });

  const queryCount = queries.length / dimensions;
  // Converted up front so the timings cover the search call, not building its argument.
  const queryArrays = Array.from({ length: queryCount }, (_, row) =>
    rowAsArray({ vectors: queries, row, dimensions, into: new Array<number>(dimensions) }),
  );
  // Warm-up searches use indexed points, so the timed queries do not find their own paths already cached.
  const warmUpArrays = Array.from({ length: Math.min(50, size) }, (_, row) =>
    rowAsArray({ vectors, row, dimensions, into: new Array<number>(dimensions) }),
  );
  const sweep: SweepRow[] = [];
  for (const efSearch of efSearchValues) {
    index.setEf(efSearch);
    for (const warmUpPoint of warmUpArrays) index.searchKnn(warmUpPoint, k);
    const latencies: number[] = [];
    const cpuLatencies: number[] = [];
    let found = 0;
    queryArrays.forEach((query, queryIndex) => {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const result = index.searchKnn(query, k);
      cpuLatencies.push(cpuMicroseconds(process.cpuUsage(cpuStarted)) / 1000);
      latencies.push(performance.now() - started);
      const expected = new Set(truth.subarray(queryIndex * k, (queryIndex + 1) * k));
      for (const neighbour of result.neighbors) if (expected.has(neighbour)) found += 1;
    });
    latencies.sort((a, b) => a - b);
    cpuLatencies.sort((a, b) => a - b);
    sweep.push({
      efSearch,
      recall: found / (queryCount * k),
      p50Milliseconds: percentile(latencies, 0.5),
      p99Milliseconds: percentile(latencies, 0.99),
      cpuP50Milliseconds: percentile(cpuLatencies, 0.5),
    });
    process.stderr.write(`  size ${size} efSearch ${efSearch}: recall ${(found / (queryCount * k)).toFixed(4)}\n`);
  }
  const exactScanMilliseconds = exactScanMedianMilliseconds({ vectors, queries, size, dimensions, k });
  return { ...run, buildSeconds, buildCpuSeconds, rssIncreaseBytes, indexFileBytes, exactScanMilliseconds, sweep };
}
