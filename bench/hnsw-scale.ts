/**
 * HNSW at scale: build time, recall@k against exact search, single-query latency and memory of
 * `hnswlib-node`, on real vectors from our embedder (sentences and chunks of SciFact abstracts,
 * SpamAssassin mail and State of the Union addresses; held-out SciFact claims and mail subjects as
 * queries) and on seeded random unit vectors, the worst case.
 *
 *   npm run bench:hnsw -- --sizes 1000,10000,50000,100000,200000 --random-sizes 1000,10000 [--model sentence-transformers/all-MiniLM-L6-v2]
 *
 * `--m` and `--ef-construction` take one value for every size or one value per size, in order (real
 * sizes first, then random). Real vectors are cached under the OS temp folder (bench/hnsw/real-vectors.ts).
 * Progress goes to stderr; the markdown tables go to stdout.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import { exactNeighbours } from "./hnsw/exact-top-k.ts";
import { randomUnitVectors } from "./hnsw/random-vectors.ts";
import { loadRealDocuments } from "./hnsw/real-documents.ts";
import { realPassageVectors } from "./hnsw/real-vectors.ts";
import { type DataSetReport, formatReport } from "./hnsw/report.ts";
import { benchmarkSize, type SizeReport, type SizeRun } from "./hnsw/sweep.ts";
import { stackRows } from "./stack-rows.ts";

interface DataSet {
  readonly name: string;
  readonly description: string;
  readonly vectors: Float32Array;
  readonly queries: Float32Array;
  readonly runs: readonly SizeRun[];
}

function parseNumberList(text: string, flag: string): number[] {
  const values = text.split(",").map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new Error(`--${flag} expects positive integers separated by commas`);
  }
  return values;
}

function perSize(values: readonly number[], count: number, flag: string): number[] {
  if (values.length === 1) return Array.from({ length: count }, () => values[0] as number);
  if (values.length === count) return [...values];
  throw new Error(`--${flag} takes one value or one per size (${count})`);
}

async function realDataSet(options: {
  sizes: readonly number[];
  queryCount: number;
  seed: number;
  scifactDir: string;
  modelId: string;
}): Promise<Omit<DataSet, "runs">> {
  const { sizes, queryCount, seed, scifactDir, modelId } = options;
  const embedder = await createTransformersEmbedder({ modelsDir: "models", modelId });
  const real = await loadRealDocuments({ scifactDir, queryCount, seed });
  const limit = Math.max(...sizes);
  process.stderr.write(`real vectors: up to ${limit} from ${real.documents.length} documents (${JSON.stringify(real.sources)})\n`);
  const passages = await realPassageVectors({ embedder, documents: real.documents, limit });
  if (passages.count < limit) throw new Error(`the real documents give only ${passages.count} distinct vectors; ask for sizes up to that`);
  const queries = stackRows(await embedder.embed(real.queries, "query"), embedder.dimensions);
  const sources = Object.entries(real.sources)
    .map(([name, count]) => `${count.toLocaleString("en-US")} ${name}`)
    .join(", ");
  return {
    name: "real",
    description:
      `${embedder.modelId} (int8) vectors of ${passages.chunks.toLocaleString("en-US")} chunks and ${passages.sentences.toLocaleString("en-US")} sentences ` +
      `(late chunking, distinct texts) from ${sources}, documents in a seeded shuffle, each size a prefix; queries: ${real.queries.length} ` +
      `held-out SciFact claims and mail subjects embedded as queries.`,
    vectors: passages.vectors,
    queries,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000,50000,100000,200000" },
      "random-sizes": { type: "string", default: "1000,10000" },
      queries: { type: "string", default: "200" },
      k: { type: "string", default: "10" },
      m: { type: "string", default: "16" },
      "ef-construction": { type: "string", default: "200" },
      "ef-search": { type: "string", default: "10,16,24,32,40,48,64,80,96,120,160,200,240,320,480,640,960,1280,1920,2560,3840,5120,7680" },
      "target-recall": { type: "string", default: "0.98" },
      seed: { type: "string", default: "42" },
      scifact: { type: "string", default: "../shared/datasets/scifact" },
      // The embedding model of the real vectors (a folder under models/); its vectors are cached per model.
      model: { type: "string", default: DEFAULT_EMBED_MODEL },
    },
  });
  const realSizes = values.sizes === "0" ? [] : parseNumberList(values.sizes, "sizes");
  const randomSizes = values["random-sizes"] === "0" ? [] : parseNumberList(values["random-sizes"], "random-sizes");
  const queryCount = parseNumberList(values.queries, "queries")[0] as number;
  const k = parseNumberList(values.k, "k")[0] as number;
  const seed = parseNumberList(values.seed, "seed")[0] as number;
  const allSizes = [...realSizes, ...randomSizes];
  const mValues = perSize(parseNumberList(values.m, "m"), allSizes.length, "m");
  const efConstructionValues = perSize(parseNumberList(values["ef-construction"], "ef-construction"), allSizes.length, "ef-construction");
  const efSearchValues = parseNumberList(values["ef-search"], "ef-search");
  const targetRecall = Number(values["target-recall"]);
  if (!(targetRecall > 0 && targetRecall <= 1)) throw new Error("--target-recall expects a number in (0, 1]");
  const runsFor = (sizes: readonly number[], first: number): SizeRun[] =>
    sizes.map((size, position) => ({
      size,
      m: mValues[first + position] as number,
      efConstruction: efConstructionValues[first + position] as number,
    }));

  const startLoadAverage = loadavg()[0] ?? 0;
  const dataSets: DataSet[] = [];
  if (realSizes.length > 0) {
    dataSets.push({
      ...(await realDataSet({ sizes: realSizes, queryCount, seed, scifactDir: values.scifact, modelId: values.model })),
      runs: runsFor(realSizes, 0),
    });
  }
  if (randomSizes.length > 0) {
    const dimensions = dataSets[0] ? dataSets[0].queries.length / queryCount : 384;
    // Every size uses a prefix of one data set, and the queries come from their own seed, so they are held out.
    dataSets.push({
      name: "random",
      description: `unit vectors uniform on the ${dimensions}-dimensional sphere (mulberry32 + Box-Muller, seed ${seed}; queries seed ${seed + 1}), the worst case.`,
      vectors: randomUnitVectors({ count: Math.max(...randomSizes), dimensions, seed }),
      queries: randomUnitVectors({ count: queryCount, dimensions, seed: seed + 1 }),
      runs: runsFor(randomSizes, realSizes.length),
    });
  }

  const reports: DataSetReport[] = [];
  for (const dataSet of dataSets) {
    const dimensions = dataSet.queries.length / queryCount;
    process.stderr.write(`${dataSet.name}: exact search for ground truth\n`);
    const truths = exactNeighbours({
      vectors: dataSet.vectors,
      queries: dataSet.queries,
      dimensions,
      k,
      sizes: dataSet.runs.map((run) => run.size),
    });
    const sizes: SizeReport[] = [];
    for (const run of dataSet.runs) {
      process.stderr.write(`${dataSet.name} size ${run.size}: M=${run.m} efConstruction=${run.efConstruction}\n`);
      const truth = truths.get(run.size);
      if (!truth) throw new Error(`no ground truth for size ${run.size}`);
      sizes.push(benchmarkSize({ run, vectors: dataSet.vectors, queries: dataSet.queries, truth, dimensions, k, efSearchValues, seed }));
    }
    reports.push({ name: dataSet.name, description: dataSet.description, sizes });
  }
  process.stdout.write(formatReport({ dataSets: reports, targetRecall, k, queryCount, startLoadAverage }));
}

await main();
