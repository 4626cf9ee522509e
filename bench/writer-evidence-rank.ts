// `npx tsx bench/writer-evidence-rank.ts [FILE...]`: where the supporting sentence of each dev item
// lands among the evidence sentences the writer is shown, and how many prompt characters each
// evidence count costs. Needs no language model: it decides how many sentences the prompt needs.
// Only dev items are read (items marked "split": "test" are skipped), so nothing is tuned on test.
import { readFile } from "node:fs/promises";
import { resolveQuestion } from "../src/answer/resolve-question.ts";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { createKnowledgeBase } from "../src/retrieve/knowledge-base.ts";
import { embedAndRetrieve } from "../src/retrieve/retriever.ts";
import { loadIndex } from "../src/store/index-store.ts";
import { selectEvidence } from "../src/write/select-evidence.ts";

const files = process.argv.slice(2);
const sets =
  files.length > 0
    ? files
    : [
        "test/fixtures/eval/visit/dev.jsonl",
        "test/fixtures/eval/visit/dev-more.jsonl",
        "test/fixtures/eval/visit/dev-more-2.jsonl",
        "test/fixtures/eval/visit/dev-issue-cases.jsonl",
        "test/fixtures/eval/writer/visit-writer.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev.jsonl",
        "test/fixtures/eval/writer/visit-writer-dev-2.jsonl",
      ];
const config = readConfig({});
const [embedder, index] = await Promise.all([
  createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel }),
  loadIndex(config.indexDir),
]);
const knowledge = createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });
const MAX = 10;
const ranks: number[] = [];
const characters: number[][] = [];
for (const file of sets) {
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    if (line.trim() === "") continue;
    const item = JSON.parse(line);
    if (item.split !== "dev" || !item.support || !item.docId) continue;
    const query = resolveQuestion({ question: item.question, history: item.history }).query;
    const { retrieved, queryVector } = await embedAndRetrieve({ knowledge, embedder, query, topK: 5 });
    const evidence = selectEvidence({ query, queryVector, retrieved, knowledge, maxEvidence: MAX });
    const text = knowledge.documents.get(item.docId)?.text ?? "";
    const start = text.indexOf(item.support);
    const rank = evidence.findIndex((sentence) => sentence.docId === item.docId && sentence.start <= start && start < sentence.end);
    ranks.push(rank < 0 ? Number.POSITIVE_INFINITY : rank + 1);
    characters.push(evidence.map((sentence) => sentence.text.length));
  }
}
console.log(`${ranks.length} dev items with a supporting sentence`);
console.log("| evidence sentences | support among them | mean evidence characters |");
console.log("| --- | --- | --- |");
for (const count of [2, 3, 4, 5, 6, 8, 10]) {
  const found = ranks.filter((rank) => rank <= count).length;
  const mean = characters.reduce((sum, lengths) => sum + lengths.slice(0, count).reduce((a, b) => a + b, 0), 0) / characters.length;
  console.log(`| ${count} | ${found} (${((100 * found) / ranks.length).toFixed(1)}%) | ${mean.toFixed(0)} |`);
}
