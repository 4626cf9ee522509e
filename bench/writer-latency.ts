// `npm run bench:writer [-- --evidence 4,6]`: the local writer's prompt sizes and where the time to
// the first verified sentence goes on this machine. Per question and evidence count: the tokens of
// the question's part, the prompt tokens actually evaluated (the shared system prompt's KV cache
// is reused, so after the first call they are only the question's part), time to the first token
// (almost all prompt evaluation) and in total, and tokens generated. Then the whole path through
// the writing answerer: the extractive fallback, retrieval, and the first verified sentence.
// LLM_MODEL_PATH picks the model (default: the Qwen quality model), LLM_THREADS the threads.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createGroundedAnswerer } from "../src/answer/grounded-answerer.ts";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { createKnowledgeBase } from "../src/retrieve/knowledge-base.ts";
import { embedAndRetrieve } from "../src/retrieve/retriever.ts";
import { loadIndex } from "../src/store/index-store.ts";
import type { ChatMessage, TokenUsage } from "../src/write/language-model.ts";
import { ANSWER_SYSTEM_PROMPT, answerPrompt } from "../src/write/prompts/answer-prompt.ts";
import { READER_SYSTEM_PROMPT, readerPrompt } from "../src/write/prompts/reader-prompt.ts";
import { createLocalGgufModel, defaultThreads } from "../src/write/providers/local-gguf-model.ts";
import { DEFAULT_MAX_EVIDENCE, selectEvidence } from "../src/write/select-evidence.ts";
import { ANSWER_MAX_TOKENS, READER_MAX_TOKENS } from "../src/write/write-answer.ts";
import { DEFAULT_LOCAL_MODEL_PATH } from "../src/write/writer-config.ts";
import { createWritingAnswerer } from "../src/write/writing-answerer.ts";

const QUESTIONS = [
  "When will the port be inaugurated?",
  "In which city did Xi and Boluarte meet in June?",
  "Who is Peru's ambassador to China?",
  "Why did Xi cancel the Chancay inauguration?",
  "Summarise what the ambassador said about trade.",
];
const { values } = parseArgs({ options: { evidence: { type: "string", default: String(DEFAULT_MAX_EVIDENCE) } } });
const evidenceCounts = (values.evidence as string).split(",").map(Number);
const modelPath = process.env.LLM_MODEL_PATH ?? DEFAULT_LOCAL_MODEL_PATH;
const threads = process.env.LLM_THREADS ? Number(process.env.LLM_THREADS) : defaultThreads();
const config = readConfig({});
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
const loadAtStart = load();
const loadStarted = performance.now();
const model = await createLocalGgufModel({ modelPath, threads });
const loadSeconds = (performance.now() - loadStarted) / 1000;
const [embedder, index] = await Promise.all([
  createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel }),
  loadIndex(config.indexDir),
]);
const knowledge = createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });
await embedder.embed(["warm up"], "query");

interface Timed {
  firstMs: number;
  totalMs: number;
  output: string;
  usage: TokenUsage | undefined;
}
async function time(messages: ChatMessage[], reader: boolean): Promise<Timed> {
  const started = performance.now();
  let firstMs: number | undefined;
  let output = "";
  let usage: TokenUsage | undefined;
  for await (const delta of model.streamText({
    messages,
    maxTokens: reader ? READER_MAX_TOKENS : ANSWER_MAX_TOKENS,
    onUsage: (measured) => {
      usage = measured;
    },
  })) {
    firstMs ??= performance.now() - started;
    output += delta;
    // As the writer does: the reader's reply is one line.
    if (reader && /\S[^\n]*\n/.test(output)) break;
  }
  const totalMs = performance.now() - started;
  return { firstMs: firstMs ?? totalMs, totalMs, output, usage };
}
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
const clip = (text: string) => text.replace(/\s+/g, " ").replace(/\|/g, "/").slice(0, 60);

// The first call of each system prompt evaluates it; every later call finds it in the KV cache.
const cold: string[] = [];
for (const reader of [true, false]) {
  const question = "Where is the port?";
  const { retrieved, queryVector } = await embedAndRetrieve({ knowledge, embedder, query: question, topK: 5 });
  const evidence = selectEvidence({ query: question, queryVector, retrieved, knowledge });
  const timed = await time(reader ? readerPrompt({ question, evidence }) : answerPrompt({ question, evidence }), reader);
  cold.push(
    `${reader ? "reader" : "free form"}: ${timed.usage?.inputTokens} prompt tokens evaluated cold, first token ${seconds(timed.firstMs)} s`,
  );
}

const rows: string[] = [];
for (const question of QUESTIONS) {
  const { retrieved, queryVector } = await embedAndRetrieve({ knowledge, embedder, query: question, topK: 5 });
  for (const count of evidenceCounts) {
    const evidence = selectEvidence({ query: question, queryVector, retrieved, knowledge, maxEvidence: count });
    for (const reader of [true, false]) {
      const messages = reader ? readerPrompt({ question, evidence }) : answerPrompt({ question, evidence });
      const partTokens = model.countTokens(messages[1]?.content ?? "");
      const timed = await time(messages, reader);
      const evaluated = timed.usage?.inputTokens ?? 0;
      const generated = timed.usage?.outputTokens ?? 0;
      const generationMs = timed.totalMs - timed.firstMs;
      rows.push(
        row([
          question,
          reader ? "reader" : "free form",
          evidence.length,
          partTokens,
          evaluated,
          seconds(timed.firstMs),
          (evaluated / (timed.firstMs / 1000)).toFixed(0),
          generated,
          generated > 1 ? ((generated - 1) / (generationMs / 1000)).toFixed(1) : "-",
          seconds(timed.totalMs),
          clip(timed.output),
        ]),
      );
    }
  }
}

// The whole path, as a request takes it (default evidence count, reader for factoid questions).
const extractive = createGroundedAnswerer({ knowledge, embedder });
const writer = createWritingAnswerer({ knowledge, embedder, extractive, model, timeoutMs: 600_000 });
const paths: string[] = [];
for (const question of QUESTIONS) {
  const extractiveStarted = performance.now();
  await extractive.ask({ question });
  const extractiveMs = performance.now() - extractiveStarted;
  const started = performance.now();
  let firstMs: number | undefined;
  let answer = "";
  for await (const event of writer.stream?.({ question }) ?? []) {
    if (event.type === "text") firstMs ??= performance.now() - started;
    if (event.type === "end") answer = event.response.answer;
  }
  const totalMs = performance.now() - started;
  paths.push(row([question, seconds(extractiveMs), seconds(firstMs ?? totalMs), seconds(totalMs), clip(answer)]));
}

console.log(
  `model ${model.modelId}, ${threads} thread(s), loaded in ${loadSeconds.toFixed(1)} s; load average at start ${loadAtStart}, at end ${load()}`,
);
console.log(
  `system prompts: reader ${model.countTokens(READER_SYSTEM_PROMPT)} tokens, free form ${model.countTokens(ANSWER_SYSTEM_PROMPT)} tokens; ${cold.join("; ")}`,
);
console.log(
  "\n| question | prompt | evidence sentences | question-part tokens | prompt tokens evaluated | first token s | prompt tokens/s | tokens generated | generated tokens/s | total s | output |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const line of rows) console.log(line);
console.log("\n| question (whole path) | extractive answer alone s | first verified sentence s | total s | answer |");
console.log("| --- | --- | --- | --- | --- |");
for (const line of paths) console.log(line);
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
