// The answer evaluation with each way of making an index's vectors, in one run: both eval corpora are
// indexed in memory from their documents (exact search) once per method, and every part is scored by
// the same harness as `npm run eval` (test parts are the headline; dev parts are what tuning saw).
//   npx tsx bench/index-method-eval.ts --vary sentence   sentence vectors: separate pass or late chunking
//   npx tsx bench/index-method-eval.ts --vary chunk      chunk vectors: own pass or the mean of their sentences'
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { CURRENT_SYSTEM } from "../src/eval/answer-system.ts";
import { EVAL_CORPORA, evalTarget } from "../src/eval/eval-corpora.ts";
import { evalParts, loadEvalItems } from "../src/eval/eval-item.ts";
import { evaluate } from "../src/eval/evaluate.ts";
import { formatReports, type ReportColumn } from "../src/eval/format-report.ts";
import { buildIndex } from "../src/ingest/build-index.ts";
import { CHUNK_VECTOR_METHODS, SENTENCE_VECTOR_METHODS } from "../src/ingest/embed-index-texts.ts";
import { loadCorpus } from "../src/ingest/load-corpus.ts";
import { FlatIndex } from "../src/store/flat-index.ts";

const { values } = parseArgs({ options: { vary: { type: "string", default: "sentence" } } });
const VARIANTS = {
  sentence: SENTENCE_VECTOR_METHODS.map((method) => ({ method, build: { sentenceVectors: method } })),
  chunk: CHUNK_VECTOR_METHODS.map((method) => ({ method, build: { chunkVectors: method } })),
} as const;
if (values.vary !== "sentence" && values.vary !== "chunk") throw new Error("--vary takes sentence or chunk");
const variants = VARIANTS[values.vary];

const config = readConfig(process.env);
const embedder = await createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel });
await embedder.embed(["warm up"], "query");
const loadAtStart = os.loadavg()[0] as number;
const columns: ReportColumn[] = [];
for (const split of ["test", "dev"] as const) {
  for (const corpus of EVAL_CORPORA) {
    const corpusDir = ("corpusDir" in corpus.source ? corpus.source.corpusDir : undefined) ?? config.corpusDir;
    const documents = await loadCorpus(path.resolve(corpusDir));
    const items = await loadEvalItems(corpus.setsDir);
    for (const { method, build } of variants) {
      const { data } = await buildIndex({ documents, embedder, counter: embedder, ...build });
      const vectorIndex = new FlatIndex({
        dimensions: data.manifest.model.dimensions,
        vectors: data.chunkVectors,
        chunkIds: data.chunks.map((chunk) => chunk.id),
      });
      const knowledge = CURRENT_SYSTEM.createKnowledgeBase({ data, vectorIndex });
      for (const part of evalParts(items, split)) {
        const report = await evaluate({ items: part.items, target: evalTarget({ system: CURRENT_SYSTEM, knowledge, embedder }) });
        columns.push({ label: `${corpus.name} ${part.label}, ${method}`, report });
      }
    }
  }
}
console.log(
  `${embedder.modelId}; both corpora indexed in memory once per ${values.vary}-vector method, exact search. ` +
    `Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0]?.toFixed(1)} at end, ${os.cpus().length} CPUs.\n`,
);
console.log(formatReports(columns));
