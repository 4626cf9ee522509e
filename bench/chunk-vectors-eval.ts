// The answer evaluation with each way of making chunk vectors, in one run: both eval corpora are
// indexed in memory from their documents (exact search) once per method (each chunk's own pass, or
// the normalised mean of its sentences' vectors), and every part is scored by the same harness as
// `npm run eval` (test parts are the headline; dev parts are what tuning saw).
//   npx tsx bench/chunk-vectors-eval.ts
import os from "node:os";
import path from "node:path";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { CURRENT_SYSTEM } from "../src/eval/answer-system.ts";
import { EVAL_CORPORA, evalTarget } from "../src/eval/eval-corpora.ts";
import { evalParts, loadEvalItems } from "../src/eval/eval-item.ts";
import { evaluate } from "../src/eval/evaluate.ts";
import { formatReports, type ReportColumn } from "../src/eval/format-report.ts";
import { buildIndex } from "../src/ingest/build-index.ts";
import { CHUNK_VECTOR_METHODS } from "../src/ingest/embed-index-texts.ts";
import { loadCorpus } from "../src/ingest/load-corpus.ts";
import { FlatIndex } from "../src/store/flat-index.ts";

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
    for (const method of CHUNK_VECTOR_METHODS) {
      const { data } = await buildIndex({ documents, embedder, counter: embedder, chunkVectors: method });
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
  `${embedder.modelId}; both corpora indexed in memory once per chunk-vector method, exact search. ` +
    `Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0]?.toFixed(1)} at end, ${os.cpus().length} CPUs.\n`,
);
console.log(formatReports(columns));
