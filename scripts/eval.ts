// `npm run eval`: scores the answerer on both eval corpora and prints the tables (test parts are the
// headline). `-- --sweep` grid-searches the thresholds on the dev parts only. `-- --misses dev` lists misses.
// `-- --without-sets es-test-2.jsonl,zh-test-2.jsonl` leaves those files out (a part as it was before them).
// `-- --scale` measures the embedder's similarity scale on the dev parts (src/answer/similarity-scale.ts).
// `-- --writer local` (or openai, with LLM_* set as for the server) instead runs the extractive
// answerer and the writer side by side on the same items (scripts/eval-writer.ts).
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { CURRENT_SYSTEM } from "../src/eval/answer-system.ts";
import { EVAL_CORPORA, evalTarget, loadKnowledge } from "../src/eval/eval-corpora.ts";
import { evalParts, loadEvalItems } from "../src/eval/eval-item.ts";
import { evaluate } from "../src/eval/evaluate.ts";
import { formatMisses, formatReports, misses, type ReportColumn } from "../src/eval/format-report.ts";
import { measureScale } from "../src/eval/measure-scale.ts";
import { formatSweep, sweepThresholds } from "../src/eval/sweep.ts";

const { values } = parseArgs({
  strict: false,
  options: {
    sweep: { type: "boolean", default: false },
    scale: { type: "boolean", default: false },
    misses: { type: "string" },
    writer: { type: "string" },
    "without-sets": { type: "string" },
  },
});
if (values.writer !== undefined) {
  await import("./eval-writer.ts");
  process.exit(0);
}
const withoutSets = typeof values["without-sets"] === "string" ? values["without-sets"].split(",") : [];
const config = readConfig(process.env);
const embedder = await createTransformersEmbedder({
  modelsDir: config.modelsDir,
  modelId: config.embedModel,
  allowRemoteModels: config.allowRemoteModels,
});
await embedder.embed(["warm up"], "query");

const corpora = [];
for (const corpus of EVAL_CORPORA) {
  const knowledge = await loadKnowledge({ corpus, system: CURRENT_SYSTEM, embedder, indexRoot: ".", fixturesRoot: "." });
  corpora.push({ corpus, knowledge, items: await loadEvalItems(corpus.setsDir, withoutSets) });
}

const devParts = corpora.map(({ corpus, knowledge, items }) => ({
  name: corpus.name,
  knowledge,
  items: items.filter((item) => item.split === "dev"),
}));
if (values.scale) {
  const scale = await measureScale({ corpora: devParts, embedder });
  console.log(`${embedder.modelId}: ${JSON.stringify(scale)} (median cosines of unrelated pairs on the dev parts)`);
} else if (values.sweep) {
  const sweep = await sweepThresholds({ corpora: devParts, embedder });
  console.log(formatSweep(sweep));
} else {
  const columns: ReportColumn[] = [];
  for (const split of ["test", "dev"] as const) {
    for (const { corpus, knowledge, items } of corpora) {
      for (const part of evalParts(items, split)) {
        const target = evalTarget({ system: CURRENT_SYSTEM, knowledge, embedder });
        const report = await evaluate({ items: part.items, target });
        columns.push({ label: `${corpus.name} ${part.label}`, report });
        if (values.misses === split) console.log(`\n${corpus.name} ${part.label} misses:\n${formatMisses(misses(report))}`);
      }
    }
  }
  console.log(`\n${formatReports(columns)}`);
}
