// `npm run bench:writer`: the local writer's prompt sizes and latency on this machine: tokens in the
// shared system prompts and in each question's part, time to the first token and in total for the
// reader and the free-form prompt, cold (first use of a system prompt) and warm (its KV cache
// reused). LLM_MODEL_PATH picks the model (default: the Qwen quality model), LLM_THREADS the threads.
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { createKnowledgeBase } from "../src/retrieve/knowledge-base.ts";
import { embedAndRetrieve } from "../src/retrieve/retriever.ts";
import { loadIndex } from "../src/store/index-store.ts";
import type { ChatMessage } from "../src/write/language-model.ts";
import { ANSWER_SYSTEM_PROMPT, answerPrompt } from "../src/write/prompts/answer-prompt.ts";
import { READER_OUTPUT, READER_SYSTEM_PROMPT, readerPrompt } from "../src/write/prompts/reader-prompt.ts";
import { createLocalGgufModel, defaultThreads } from "../src/write/providers/local-gguf-model.ts";
import { selectEvidence } from "../src/write/select-evidence.ts";
import { DEFAULT_LOCAL_MODEL_PATH } from "../src/write/writer-config.ts";

const QUESTIONS = [
  "When will the port be inaugurated?",
  "In which city did Xi and Boluarte meet in June?",
  "Who is Peru's ambassador to China?",
  "Why did Xi cancel the Chancay inauguration?",
  "Summarise what the ambassador said about trade.",
];
const modelPath = process.env.LLM_MODEL_PATH ?? DEFAULT_LOCAL_MODEL_PATH;
const threads = process.env.LLM_THREADS ? Number(process.env.LLM_THREADS) : defaultThreads();
const config = readConfig({});
const loadStarted = performance.now();
const model = await createLocalGgufModel({ modelPath, threads });
const loadSeconds = (performance.now() - loadStarted) / 1000;
const [embedder, index] = await Promise.all([
  createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel }),
  loadIndex(config.indexDir),
]);
const knowledge = createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });

async function time(messages: ChatMessage[], reader: boolean): Promise<{ firstMs: number; totalMs: number; output: string }> {
  const started = performance.now();
  let firstMs: number | undefined;
  let output = "";
  for await (const delta of model.streamText({ messages, maxTokens: reader ? 48 : 160, ...(reader ? { output: READER_OUTPUT } : {}) })) {
    firstMs ??= performance.now() - started;
    output += delta;
  }
  const totalMs = performance.now() - started;
  return { firstMs: firstMs ?? totalMs, totalMs, output };
}

const rows: string[] = [];
for (const [position, question] of QUESTIONS.entries()) {
  const { retrieved, queryVector } = await embedAndRetrieve({ knowledge, embedder, query: question, topK: 5 });
  const evidence = selectEvidence({ query: question, queryVector, retrieved, knowledge });
  for (const reader of [true, false]) {
    const messages = reader ? readerPrompt({ question, evidence }) : answerPrompt({ question, evidence });
    const userTokens = model.countTokens(messages[1]?.content ?? "");
    const { firstMs, totalMs, output } = await time(messages, reader);
    rows.push(
      `| ${question} | ${reader ? "reader" : "free-form"} | ${position === 0 ? "cold" : "warm"} | ${evidence.length} | ${userTokens} | ${(firstMs / 1000).toFixed(2)} | ${(totalMs / 1000).toFixed(2)} | ${output.replace(/\s+/g, " ").replace(/\|/g, "/").slice(0, 70)} |`,
    );
  }
}
console.log(
  `model ${model.modelId}, ${threads} thread(s), loaded in ${loadSeconds.toFixed(1)} s; system prompts: reader ${model.countTokens(READER_SYSTEM_PROMPT)} tokens, free-form ${model.countTokens(ANSWER_SYSTEM_PROMPT)} tokens (evaluated once, then cached)`,
);
console.log("| question | prompt | system prompt cache | evidence sentences | question-part tokens | first token s | total s | output |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const row of rows) console.log(row);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
