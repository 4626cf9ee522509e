// `npm run bench:lexical`: the lexical side alone, per language of the eval questions. For each
// answerable item: the rank of its supporting text through BM25 over the index's chunks (what
// retrieval fuses) and over single sentences (what an answer quotes), with the analyzer of this
// checkout; for every item: whether detectLanguage names the language it is labelled with.
// No model is loaded. Usage: npx tsx bench/lexical-cross-lingual.ts [eval .jsonl files...]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { resolveQuestion, type Turn } from "../src/answer/resolve-question.ts";
import { Bm25Index } from "../src/store/bm25.ts";
import { loadIndex } from "../src/store/index-store.ts";
import { detectLanguage } from "../src/text/detect-language.ts";

interface Item {
  readonly id: string;
  readonly language?: string;
  readonly split?: string;
  readonly question: string;
  readonly history?: readonly Turn[];
  readonly docId?: string;
  readonly support?: string;
}

const DEPTH = 5;
const VISIT_SETS = "test/fixtures/eval/visit";
const LEGACY_SET = "test/fixtures/eval.jsonl";

function defaultFiles(): string[] {
  const files = existsSync(VISIT_SETS) ? readdirSync(VISIT_SETS).filter((name) => name.endsWith(".jsonl")) : [];
  return [...(existsSync(LEGACY_SET) ? [LEGACY_SET] : []), ...files.sort().map((name) => path.join(VISIT_SETS, name))];
}

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : defaultFiles();
const items: Item[] = files.flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Item),
);

const { data } = await loadIndex("index");
const texts = new Map(data.documents.map((document) => [document.id, document.text]));
const chunkIndex = Bm25Index.build(data.chunks.map((chunk) => ({ chunkId: chunk.id, text: chunk.text })));
const sentenceIds = data.sentences.map((sentence, ordinal) => `${sentence.docId}#s${ordinal}`);
const sentenceIndex = Bm25Index.build(
  data.sentences.map((sentence, ordinal) => ({
    chunkId: sentenceIds[ordinal] as string,
    text: (texts.get(sentence.docId) as string).slice(sentence.start, sentence.end),
  })),
);
const chunksById = new Map(data.chunks.map((chunk) => [chunk.id, chunk]));
const sentencesById = new Map(data.sentences.map((sentence, ordinal) => [sentenceIds[ordinal] as string, sentence]));

interface Row {
  detected: number;
  items: number;
  answerable: number;
  chunkAt1: number;
  chunkAt5: number;
  sentenceAt1: number;
  sentenceAt5: number;
}

const rows = new Map<string, Row>();
const misses: string[] = [];
for (const item of items) {
  const language = item.language ?? "en";
  const key = `${language}\t${item.split ?? "-"}`;
  const row = rows.get(key) ?? { detected: 0, items: 0, answerable: 0, chunkAt1: 0, chunkAt5: 0, sentenceAt1: 0, sentenceAt5: 0 };
  rows.set(key, row);
  row.items += 1;
  const detected = detectLanguage(item.question);
  if (detected === language) row.detected += 1;
  else misses.push(`${item.id}: detected ${detected}, labelled ${language}: ${item.question}`);
  if (!item.support || !item.docId) continue;
  const start = (texts.get(item.docId) ?? "").indexOf(item.support);
  if (start < 0) throw new Error(`${item.id}: support not found in ${item.docId}`);
  const span = { docId: item.docId, start, end: start + item.support.length };
  const query = resolveQuestion({ question: item.question, history: item.history }).query;
  const chunkRank = chunkIndex.search(query, DEPTH).findIndex((hit) => {
    const chunk = chunksById.get(hit.chunkId);
    return chunk?.docId === span.docId && chunk.start <= span.start && span.end <= chunk.end;
  });
  const sentenceRank = sentenceIndex.search(query, DEPTH).findIndex((hit) => {
    const sentence = sentencesById.get(hit.chunkId);
    return sentence?.docId === span.docId && sentence.start <= span.start && span.start < sentence.end;
  });
  row.answerable += 1;
  if (chunkRank === 0) row.chunkAt1 += 1;
  if (chunkRank >= 0) row.chunkAt5 += 1;
  if (sentenceRank === 0) row.sentenceAt1 += 1;
  if (sentenceRank >= 0) row.sentenceAt5 += 1;
}

const percent = (part: number, whole: number) => (whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`);
console.log(
  `BM25 alone over ${data.chunks.length} chunks and ${data.sentences.length} sentences (index ${data.manifest.corpusHash.slice(0, 12)})\n`,
);
console.log(
  "| language | split | items | language detected | answerable | chunk recall@1 | chunk recall@5 | sentence recall@1 | sentence recall@5 |",
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [key, row] of [...rows].sort(([left], [right]) => (left < right ? -1 : 1))) {
  const [language, split] = key.split("\t");
  console.log(
    `| ${language} | ${split} | ${row.items} | ${percent(row.detected, row.items)} | ${row.answerable} | ${percent(row.chunkAt1, row.answerable)} | ${percent(row.chunkAt5, row.answerable)} | ${percent(row.sentenceAt1, row.answerable)} | ${percent(row.sentenceAt5, row.answerable)} |`,
  );
}
if (misses.length > 0) console.log(`\nLanguage detection misses:\n${misses.map((miss) => `- ${miss}`).join("\n")}`);
