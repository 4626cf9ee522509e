// One model measured in this process, for bench/model-cost.ts: prints one JSON line.
//   npx tsx bench/model-cost-probe.ts <modelId> <spam-assassin messages>
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { loadEvalItems } from "../src/eval/eval-item.ts";
import { buildIndex } from "../src/ingest/build-index.ts";
import type { ProbeResult } from "./model-cost.ts";
import { loadBenchCorpus } from "./spam-assassin-corpus.ts";

const [modelId, messages] = process.argv.slice(2);
if (!modelId || !messages) throw new Error("usage: model-cost-probe.ts <modelId> <messages>");
const rssMiB = () => process.memoryUsage.rss() / 2 ** 20;
let peakRss = rssMiB();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssMiB());
}, 50);

const loadStarted = performance.now();
const embedder = await createTransformersEmbedder({ modelsDir: "models", modelId });
// Loading includes the first inference, which initialises the graph (the server pays it before it is ready).
await embedder.embed(["warm up"], "query");
const loadMs = performance.now() - loadStarted;
const rssAfterLoad = rssMiB();

// The visit corpus's evaluation questions, all languages (e5 is multilingual; MiniLM embeds them all the same).
const questions = (await loadEvalItems("test/fixtures/eval/visit")).map((item) => item.question);
for (const question of questions) await embedder.embed([question], "query");
const samples: number[] = [];
for (let round = 0; round < 3; round += 1) {
  for (const question of questions) {
    const started = performance.now();
    await embedder.embed([question], "query");
    samples.push(performance.now() - started);
  }
}
samples.sort((a, b) => a - b);
const percentile = (share: number) => samples[Math.min(samples.length - 1, Math.floor(share * samples.length))] as number;

const { documents } = await loadBenchCorpus({ hamMessages: Number(messages) });
const ingestStarted = performance.now();
const built = await buildIndex({ documents, embedder, counter: embedder });
const ingestSeconds = (performance.now() - ingestStarted) / 1000;
// Tokens the model read, counted after the timed build: text, prefix and the two special tokens.
const texts = new Map(built.data.documents.map((document) => [document.id, document.text]));
const inputs = [
  ...built.data.chunks.map((chunk) => chunk.text),
  ...built.data.sentences.map((sentence) => (texts.get(sentence.docId) as string).slice(sentence.start, sentence.end)),
];
const tokens = inputs.reduce((sum, text) => sum + embedder.countTokens(text) + (embedder.passagePromptTokens ?? 0) + 2, 0);
clearInterval(sampler);
peakRss = Math.max(peakRss, rssMiB());

const result: ProbeResult = {
  modelId,
  loadMs,
  queryP50Ms: percentile(0.5),
  queryP95Ms: percentile(0.95),
  queries: questions.length,
  ingestTextsPerSecond: built.embeddedTexts / ingestSeconds,
  ingestTokensPerSecond: tokens / ingestSeconds,
  ingestChunks: built.data.chunks.length,
  ingestSeconds,
  rssAfterLoadMiB: rssAfterLoad,
  peakRssMiB: peakRss,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
