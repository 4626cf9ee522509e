// `npm run eval -- --writer local|openai [--set FILE]... [--only PREFIX[,PREFIX]...] [--split dev|test] [--free-form]
// [--after-reader-failure abstain|free-form] [--no-citation-grammar] [--verbose]`:
// the extractive answerer and the writer on the same items in the same run, side by side; then
// the writer's per-item outcomes. The writer is configured as for the server (LLM_MODEL_PATH,
// LLM_THREADS, LLM_BASE_URL, ...); --free-form turns the reader mode off to compare the variants.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createGroundedAnswerer } from "../src/answer/grounded-answerer.ts";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { createNodeLanguageModel } from "../src/entry/node/node-language-model.ts";
import { type ComparisonItem, formatComparison, runSystem, summariseResults } from "../src/eval/writer-comparison.ts";
import { createKnowledgeBase } from "../src/retrieve/knowledge-base.ts";
import { loadIndex } from "../src/store/index-store.ts";
import { reverifyAnswer } from "../src/write/reverify-answer.ts";
import { readWriterConfig } from "../src/write/writer-config.ts";
import { createWritingAnswerer } from "../src/write/writing-answerer.ts";

const { values } = parseArgs({
  options: {
    writer: { type: "string", default: "local" },
    set: {
      type: "string",
      multiple: true,
      default: [
        "test/fixtures/eval/visit/dev.jsonl",
        "test/fixtures/eval/visit/test.jsonl",
        "test/fixtures/eval/writer/visit-writer.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-2.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-3.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-4.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-5.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-6.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-7.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-8.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-9.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-10.jsonl",
        "test/fixtures/eval/writer/visit-writer-test-2.jsonl",
      ],
    },
    split: { type: "string" },
    only: { type: "string" },
    "free-form": { type: "boolean", default: false },
    "no-citation-grammar": { type: "boolean", default: false },
    "after-reader-failure": { type: "string", default: "abstain" },
    verbose: { type: "boolean", default: false },
    // Each item's outcome under both systems, one JSON line per item, for comparing policies offline.
    dump: { type: "string" },
  },
});
const afterReaderFailure = values["after-reader-failure"];
if (afterReaderFailure !== "abstain" && afterReaderFailure !== "free-form")
  throw new Error("--after-reader-failure takes abstain or free-form");
const config = readConfig(process.env);
const writerConfig = readWriterConfig({ ...process.env, LLM: values.writer });
const loadStarted = performance.now();
const [embedder, index, model] = await Promise.all([
  createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel, allowRemoteModels: config.allowRemoteModels }),
  loadIndex(config.indexDir),
  createNodeLanguageModel(writerConfig),
]);
if (!model) throw new Error("--writer needs a writer: local or openai");
await embedder.embed(["warm up"], "query");
const loadSeconds = (performance.now() - loadStarted) / 1000;
const knowledge = createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });
const extractive = createGroundedAnswerer({ knowledge, embedder });
const writer = createWritingAnswerer({
  knowledge,
  embedder,
  extractive,
  model,
  timeoutMs: writerConfig.timeoutMs,
  reader: !values["free-form"],
  afterReaderFailure,
  citationGrammar: !values["no-citation-grammar"],
});

const items: ComparisonItem[] = [];
for (const file of values.set as string[]) {
  for (const line of (await readFile(file, "utf8")).split("\n")) if (line.trim() !== "") items.push(JSON.parse(line));
}
const chosen = items.filter(
  (item) =>
    (!values.only || values.only.split(",").some((prefix) => item.id.startsWith(prefix))) && (!values.split || item.split === values.split),
);
// The writer's first prompts pay for filling the KV cache; do that before timing.
await writer.ask({ question: "When will the port be inaugurated?" });
await writer.ask({ question: "Summarise the visit." });

const rssBefore = process.resourceUsage().maxRSS;
const summaries = [
  await runSystem({ name: "extractive", answerer: extractive, items: chosen, knowledge }),
  await runSystem({
    name: `writer (${model.provider}: ${model.modelId}${values["free-form"] ? ", free-form only" : ""}${afterReaderFailure === "free-form" ? ", free-form after a failed reader" : ""}${values["no-citation-grammar"] ? ", no citation grammar" : ""})`,
    answerer: writer,
    items: chosen,
    knowledge,
  }),
];
const writerSet = (item: ComparisonItem) => /^w\d/.test(item.id);
const groups: readonly (readonly [string, (item: ComparisonItem) => boolean])[] = [
  ["all items", () => true],
  ["writer set (visit-writer.jsonl), test part", (item) => writerSet(item) && item.split === "test"],
  ["writer set (visit-writer.jsonl), dev part", (item) => writerSet(item) && item.split === "dev"],
  ["writer set (visit-writer.jsonl), all 22", writerSet],
  ["writer dev items (visit-writer-dev.jsonl)", (item) => item.id.startsWith("wd")],
  ["writer dev items, second batch (visit-writer-dev-2.jsonl)", (item) => item.id.startsWith("wn")],
  ["writer dev items, third batch (visit-writer-dev-3.jsonl)", (item) => item.id.startsWith("wm")],
  ["writer dev items, fourth batch (visit-writer-dev-4.jsonl)", (item) => item.id.startsWith("wf")],
  ["writer dev items, fifth batch (visit-writer-dev-5.jsonl)", (item) => item.id.startsWith("wg")],
  ["writer dev items, sixth batch: why-questions (visit-writer-dev-6.jsonl)", (item) => item.id.startsWith("wh")],
  ["writer dev items, seventh batch (visit-writer-dev-7.jsonl)", (item) => item.id.startsWith("wi")],
  ["writer dev items, eighth batch (visit-writer-dev-8.jsonl)", (item) => item.id.startsWith("wj")],
  ["writer dev items, ninth batch (visit-writer-dev-9.jsonl)", (item) => item.id.startsWith("wk")],
  ["writer dev items, tenth batch (visit-writer-dev-10.jsonl)", (item) => item.id.startsWith("wl")],
  ["writer test items, second batch (visit-writer-test-2.jsonl)", (item) => item.id.startsWith("wt")],
  ["all writer test items", (item) => /^w/.test(item.id) && item.split === "test"],
  ["all dev items", (item) => item.split === "dev"],
];
for (const [label, keep] of groups) {
  const subsets = summaries.map((summary) =>
    summariseResults(
      summary.name,
      summary.results.filter((result) => keep(result.item)),
    ),
  );
  if (subsets.every((subset) => subset.results.length === 0)) continue;
  console.log(`\n${label}\n${formatComparison(subsets)}`);
}
console.log(
  `\nwriter model load ${loadSeconds.toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (before the runs ${(rssBefore / 1024).toFixed(0)} MB)`,
);
const writerResults = summaries[1]?.results ?? [];
if (values.dump) {
  const outcome = (result: (typeof writerResults)[number]) => ({
    grounded: result.response.grounded,
    strictHit: result.strictHit,
    citations: result.response.citations.length,
    answer: result.response.answer.slice(0, 200),
    firstQuote: result.response.citations[0]?.quote.slice(0, 200),
    mode: result.response.writer?.mode,
    outcome: result.response.writer?.outcome,
  });
  const extractiveResults = summaries[0]?.results ?? [];
  const lines = writerResults.map((result, index) => {
    const { id, split, kind, question } = result.item;
    const other = extractiveResults[index];
    return JSON.stringify({ id, split, kind, question, writer: outcome(result), extractive: other && outcome(other) });
  });
  await writeFile(values.dump, `${lines.join("\n")}\n`);
}
// Misses are shown for dev items only: test items are scored, never read for tuning. A shipped
// sentence that fails verification again is shown for every item: that is a verifier bug, whatever the item.
for (const result of writerResults.filter((result) => result.item.split === "dev" || result.unverifiedShipped > 0)) {
  const miss = !(result.item.kind === "unanswerable"
    ? !result.response.grounded
    : result.item.kind === "conversational"
      ? result.response.citations.length === 0
      : result.strictHit);
  if (!miss && result.unverifiedShipped === 0 && !values.verbose) continue;
  const writerReport = result.response.writer;
  console.log(
    `${miss ? "MISS" : "ok  "} ${result.item.id} [${result.item.kind}] ${result.item.question}${writerReport?.standaloneQuestion ? ` (standalone: ${writerReport.standaloneQuestion})` : ""}\n    ${writerReport?.mode}/${writerReport?.outcome} dropped=${writerReport?.dropped.map((drop) => drop.reason).join(",") || "-"} first=${(result.firstSentenceMs / 1000).toFixed(1)}s answer: ${result.response.answer.slice(0, 160)}`,
  );
  if (values.verbose) for (const drop of writerReport?.dropped ?? []) console.log(`    dropped ${drop.reason}: ${drop.detail}`);
  if (result.unverifiedShipped > 0)
    console.log(
      `    shipped but failing verification again: ${reverifyAnswer({ question: result.item.question, history: result.item.history, response: result.response }).failing.join(" | ")}`,
    );
}
