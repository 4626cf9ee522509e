/**
 * HNSW at scale: build time, recall@k against exact search, single-query latency and memory of
 * `hnswlib-node` on seeded random unit vectors.
 *
 *   npm run bench:hnsw -- --sizes 100000,1000000 --queries 200
 *
 * `--m` and `--ef-construction` take one value for every size or one value per size, in order.
 * Progress goes to stderr; the markdown tables go to stdout.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import hnswlib from "hnswlib-node";

interface SizeRun {
  readonly size: number;
  readonly m: number;
  readonly efConstruction: number;
}

interface SweepRow {
  readonly efSearch: number;
  readonly recall: number;
  readonly p50Milliseconds: number;
  readonly p99Milliseconds: number;
  readonly cpuP50Milliseconds: number;
}

interface SizeReport extends SizeRun {
  readonly buildSeconds: number;
  readonly buildCpuSeconds: number;
  readonly rssIncreaseBytes: number;
  readonly indexFileBytes: number;
  readonly exactScanMilliseconds: number;
  readonly sweep: readonly SweepRow[];
}

/** mulberry32: tiny, fast and good enough to make the data reproducible across runs and machines. */
function createUniformRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normalised Gaussian vectors are uniform on the unit sphere: the hardest case for graph search. */
function randomUnitVectors(options: { count: number; dimensions: number; seed: number }): Float32Array {
  const { count, dimensions, seed } = options;
  const uniform = createUniformRandom(seed);
  const vectors = new Float32Array(count * dimensions);
  for (let row = 0; row < count; row += 1) {
    const base = row * dimensions;
    let squaredNorm = 0;
    for (let column = 0; column < dimensions; column += 2) {
      // Box-Muller; 1 - uniform() keeps the logarithm finite.
      const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
      const angle = 2 * Math.PI * uniform();
      const first = radius * Math.cos(angle);
      vectors[base + column] = first;
      squaredNorm += first * first;
      if (column + 1 < dimensions) {
        const second = radius * Math.sin(angle);
        vectors[base + column + 1] = second;
        squaredNorm += second * second;
      }
    }
    const scale = 1 / Math.sqrt(squaredNorm);
    for (let column = 0; column < dimensions; column += 1) {
      vectors[base + column] = (vectors[base + column] as number) * scale;
    }
  }
  return vectors;
}

function dotProduct(options: { left: Float32Array; leftBase: number; right: Float32Array; rightBase: number; dimensions: number }): number {
  const { left, leftBase, right, rightBase, dimensions } = options;
  // Four accumulators break the add dependency chain.
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  let column = 0;
  for (; column + 3 < dimensions; column += 4) {
    sum0 += (left[leftBase + column] as number) * (right[rightBase + column] as number);
    sum1 += (left[leftBase + column + 1] as number) * (right[rightBase + column + 1] as number);
    sum2 += (left[leftBase + column + 2] as number) * (right[rightBase + column + 2] as number);
    sum3 += (left[leftBase + column + 3] as number) * (right[rightBase + column + 3] as number);
  }
  for (; column < dimensions; column += 1) sum0 += (left[leftBase + column] as number) * (right[rightBase + column] as number);
  return sum0 + sum1 + sum2 + sum3;
}

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
function exactNeighbours(options: {
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
function exactScanMedianMilliseconds(options: {
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

function rowAsArray(options: { vectors: Float32Array; row: number; dimensions: number; into: number[] }): number[] {
  const { vectors, row, dimensions, into } = options;
  const base = row * dimensions;
  for (let column = 0; column < dimensions; column += 1) into[column] = vectors[base + column] as number;
  return into;
}

function percentile(sortedValues: readonly number[], fraction: number): number {
  const rank = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(fraction * sortedValues.length) - 1));
  return sortedValues[rank] ?? Number.NaN;
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

function benchmarkSize(options: {
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

function parseNumberList(text: string, flag: string): number[] {
  const values = text.split(",").map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new Error(`--${flag} expects positive integers separated by commas`);
  }
  return values;
}

function perSize(values: readonly number[], sizes: readonly number[], flag: string): number[] {
  if (values.length === 1) return sizes.map(() => values[0] as number);
  if (values.length === sizes.length) return [...values];
  throw new Error(`--${flag} takes one value or one per size (${sizes.length})`);
}

const mebibytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

function printReport(options: {
  reports: readonly SizeReport[];
  targetRecall: number;
  k: number;
  queryCount: number;
  startLoadAverage: number;
}): void {
  const { reports, targetRecall, k, queryCount, startLoadAverage } = options;
  const lines: string[] = [
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}; ` +
      `1-minute load average ${startLoadAverage.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end.`,
    "",
  ];
  for (const report of reports) {
    lines.push(`### ${report.size.toLocaleString("en-US")} vectors (M=${report.m}, efConstruction=${report.efConstruction})`, "");
    lines.push(`| efSearch | recall@${k} | p50 ms | p99 ms | CPU p50 ms |`, "|---:|---:|---:|---:|---:|");
    for (const row of report.sweep) {
      lines.push(
        `| ${row.efSearch} | ${row.recall.toFixed(4)} | ${row.p50Milliseconds.toFixed(3)} | ` +
          `${row.p99Milliseconds.toFixed(3)} | ${row.cpuP50Milliseconds.toFixed(3)} |`,
      );
    }
    lines.push("");
  }
  lines.push(`### Summary (smallest efSearch with recall@${k} >= ${targetRecall}, ${queryCount} queries)`, "");
  lines.push(
    `| vectors | M | efConstruction | build s | build CPU s | build vectors/s (CPU) | RSS increase MiB | index file MiB | efSearch | recall@${k} | p50 ms | p99 ms | exact scan p50 ms |`,
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const report of reports) {
    const chosen = report.sweep.find((row) => row.recall >= targetRecall);
    const searchColumns = chosen
      ? `${chosen.efSearch} | ${chosen.recall.toFixed(4)} | ${chosen.p50Milliseconds.toFixed(3)} | ${chosen.p99Milliseconds.toFixed(3)}`
      : "not reached | | |";
    lines.push(
      `| ${report.size} | ${report.m} | ${report.efConstruction} | ${report.buildSeconds.toFixed(1)} | ` +
        `${report.buildCpuSeconds.toFixed(1)} | ${(report.size / report.buildCpuSeconds).toFixed(0)} | ${mebibytes(report.rssIncreaseBytes)} | ` +
        `${mebibytes(report.indexFileBytes)} | ${searchColumns} | ${report.exactScanMilliseconds.toFixed(1)} |`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "100000,1000000" },
      queries: { type: "string", default: "200" },
      dimensions: { type: "string", default: "384" },
      k: { type: "string", default: "10" },
      m: { type: "string", default: "16" },
      "ef-construction": { type: "string", default: "200" },
      "ef-search": { type: "string", default: "10,20,40,80,120,160,240,320,480,640,960,1280,1920,2560,3840,5120,7680" },
      "target-recall": { type: "string", default: "0.98" },
      seed: { type: "string", default: "42" },
    },
  });
  const sizes = parseNumberList(values.sizes, "sizes");
  const queryCount = parseNumberList(values.queries, "queries")[0] as number;
  const dimensions = parseNumberList(values.dimensions, "dimensions")[0] as number;
  const k = parseNumberList(values.k, "k")[0] as number;
  const seed = parseNumberList(values.seed, "seed")[0] as number;
  const mValues = perSize(parseNumberList(values.m, "m"), sizes, "m");
  const efConstructionValues = perSize(parseNumberList(values["ef-construction"], "ef-construction"), sizes, "ef-construction");
  const efSearchValues = parseNumberList(values["ef-search"], "ef-search");
  const targetRecall = Number(values["target-recall"]);
  if (!(targetRecall > 0 && targetRecall <= 1)) throw new Error("--target-recall expects a number in (0, 1]");
  const runs: SizeRun[] = sizes.map((size, position) => ({
    size,
    m: mValues[position] as number,
    efConstruction: efConstructionValues[position] as number,
  }));

  const startLoadAverage = loadavg()[0] ?? 0;
  const largest = Math.max(...sizes);
  process.stderr.write(`generating ${largest} + ${queryCount} unit vectors of ${dimensions} dimensions\n`);
  // Every size uses a prefix of one data set, and the queries come from their own seed, so they are held out.
  const vectors = randomUnitVectors({ count: largest, dimensions, seed });
  const queries = randomUnitVectors({ count: queryCount, dimensions, seed: seed + 1 });
  process.stderr.write("exact search for ground truth\n");
  const truths = exactNeighbours({ vectors, queries, dimensions, k, sizes });

  const reports: SizeReport[] = [];
  for (const run of runs) {
    process.stderr.write(`size ${run.size}: M=${run.m} efConstruction=${run.efConstruction}\n`);
    const truth = truths.get(run.size);
    if (!truth) throw new Error(`no ground truth for size ${run.size}`);
    reports.push(benchmarkSize({ run, vectors, queries, truth, dimensions, k, efSearchValues, seed }));
  }
  printReport({ reports, targetRecall, k, queryCount, startLoadAverage });
}

main();
