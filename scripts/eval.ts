// `npm run eval`: scores the system on test/fixtures/eval/visit/dev.jsonl and prints a table and the misses.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { evaluate, formatReport, parseEvalItems } from "../src/eval/evaluate.ts";
import { createKnowledgeBase } from "../src/retrieve/knowledge-base.ts";
import { loadIndex } from "../src/store/index-store.ts";

const { values } = parseArgs({
  options: { set: { type: "string", default: "test/fixtures/eval/visit/dev.jsonl" }, verbose: { type: "boolean", default: false } },
});
const config = readConfig(process.env);
const [embedder, index] = await Promise.all([
  createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel, allowRemoteModels: config.allowRemoteModels }),
  loadIndex(config.indexDir),
]);
await embedder.embed(["warm up"], "query");
const knowledge = createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });
const report = await evaluate({ items: parseEvalItems(await readFile(values.set as string, "utf8")), knowledge, embedder });
console.log(formatReport(report));
const misses = report.results.filter((result) =>
  result.item.kind === "unanswerable" ? result.response.grounded : !result.answerHit || !result.citedSupport,
);
if (misses.length > 0 || values.verbose) {
  console.log(`\n${misses.length} misses:`);
  for (const miss of values.verbose ? report.results : misses) {
    const top = miss.response.citations[0];
    console.log(
      `- ${miss.item.id} [${miss.item.kind}] ${miss.item.question}\n    grounded=${miss.response.grounded} rank=${miss.supportRank ?? "-"} score=${top?.score ?? "-"} answer: ${miss.response.answer.slice(0, 140)}`,
    );
  }
}
