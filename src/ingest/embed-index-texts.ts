import type { Embedder, TokenCounter } from "../embed/embedder.ts";
import { canEmbedSpans } from "../embed/span-embedder.ts";
import type { Chunk } from "../store/chunk.ts";
import type { StoredSentence } from "../store/index-data.ts";
import { embedInLengthOrder } from "./embed-batches.ts";
import { embedWithLateChunking } from "./late-chunking.ts";
import { chunkVectorsFromSentences } from "./sentence-mean.ts";

/**
 * How sentence vectors (what answers quote from) are made: `late-chunking` pools each sentence's token
 * states from its chunk's forward pass (one pass per chunk, sentences read in context);
 * `separate-pass` embeds every sentence again as a text of its own (about four times the texts).
 */
export type SentenceVectorMethod = "late-chunking" | "separate-pass";

export const SENTENCE_VECTOR_METHODS: readonly SentenceVectorMethod[] = ["late-chunking", "separate-pass"];

/**
 * The separate pass stays the default: with late-chunked sentence vectors (read in their chunk's
 * context, so neighbouring sentences look alike) the answer evaluation abstained less often where it
 * should and fell below its floors on the handbook's test part, with all-MiniLM-L6-v2 (two floors) and
 * with multilingual-e5-small (four of five) (bench/README.md, Late chunking).
 * Late chunking is the faster build, chosen with `--sentence-vectors late-chunking`.
 */
export const DEFAULT_SENTENCE_VECTOR_METHOD: SentenceVectorMethod = "separate-pass";

/**
 * How chunk vectors (what dense retrieval searches) are made: `own-pass` embeds every chunk as a text
 * of its own; `sentence-mean` embeds no chunk and takes the normalised mean of the vectors of the
 * sentences it holds (sentence-mean.ts), so only the sentences go through the model.
 */
export type ChunkVectorMethod = "own-pass" | "sentence-mean";

export const CHUNK_VECTOR_METHODS: readonly ChunkVectorMethod[] = ["own-pass", "sentence-mean"];

/**
 * Own pass stays the default: sentence-mean halved the build's CPU time and left every answer figure of the
 * eval's test parts unchanged, but on BEIR SciFact subsets its dense passage ranking lost 0.026 nDCG@10
 * (bootstrap interval clear of zero; hybrid 0.003-0.015), and chunk recall@1 fell on the eval too (bench/README.md, Chunk vectors
 * from sentence vectors). Chosen with `--chunk-vectors sentence-mean`.
 */
export const DEFAULT_CHUNK_VECTOR_METHOD: ChunkVectorMethod = "own-pass";

export class ChunkVectorMethodError extends Error {
  readonly code = "chunk_vector_method_unsupported";
  constructor() {
    super("sentence-mean chunk vectors need separate-pass sentence vectors (late chunking runs every chunk through the model anyway)");
  }
}

export class SentenceVectorMethodError extends Error {
  readonly code = "sentence_vector_method_unsupported";
  constructor(modelId: string) {
    super(`the embedder for ${modelId} cannot pool token states of spans, so late chunking is not available; use separate-pass`);
  }
}

/** Vectors for the chunks and sentences that need them, in their order. */
export async function embedIndexTexts(options: {
  method: SentenceVectorMethod;
  /** Own pass when absent. */
  chunkMethod?: ChunkVectorMethod;
  chunks: readonly Chunk[];
  sentences: readonly StoredSentence[];
  documentTexts: ReadonlyMap<string, string>;
  embedder: Embedder;
  counter: TokenCounter;
  batchSize: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ chunkVectors: Float32Array[]; sentenceVectors: Float32Array[]; embeddedTexts: number }> {
  const {
    method,
    chunkMethod = DEFAULT_CHUNK_VECTOR_METHOD,
    chunks,
    sentences,
    documentTexts,
    embedder,
    counter,
    batchSize,
    onProgress,
  } = options;
  const sentenceText = (sentence: StoredSentence) => (documentTexts.get(sentence.docId) ?? "").slice(sentence.start, sentence.end);
  // Chunks were counted while chunking; only sentences need counting here.
  const chunkTokens = new Map(chunks.map((chunk) => [chunk.text, chunk.tokenCount]));
  const lengthOf = (text: string) => chunkTokens.get(text) ?? counter.countTokens(text);

  if (chunkMethod === "sentence-mean") {
    if (method !== "separate-pass") throw new ChunkVectorMethodError();
    const sentenceVectors = await embedInLengthOrder({ texts: sentences.map(sentenceText), embedder, batchSize, lengthOf, onProgress });
    const means = chunkVectorsFromSentences({ chunks, sentences, sentenceVectors, dimensions: embedder.dimensions });
    // A chunk holding no sentence (none in practice: sentences cover every non-space character) is embedded on its own.
    const missing = chunks.flatMap((chunk, row) => (means[row] ? [] : [chunk.text]));
    const own = missing.length > 0 ? await embedInLengthOrder({ texts: missing, embedder, batchSize, lengthOf }) : [];
    let next = 0;
    const chunkVectors = means.map((vector) => vector ?? (own[next++] as Float32Array));
    return { chunkVectors, sentenceVectors, embeddedTexts: sentences.length + missing.length };
  }
  if (method === "separate-pass") {
    const texts = [...chunks.map((chunk) => chunk.text), ...sentences.map(sentenceText)];
    const vectors = await embedInLengthOrder({ texts, embedder, batchSize, lengthOf, onProgress });
    return { chunkVectors: vectors.slice(0, chunks.length), sentenceVectors: vectors.slice(chunks.length), embeddedTexts: texts.length };
  }
  if (!canEmbedSpans(embedder)) throw new SentenceVectorMethodError(embedder.modelId);
  const late = await embedWithLateChunking({ chunks, sentences, documentTexts, embedder, batchSize, onProgress });
  const missing = sentences.flatMap((sentence, row) => (late.sentenceVectors[row] ? [] : [sentenceText(sentence)]));
  const separate = missing.length > 0 ? await embedInLengthOrder({ texts: missing, embedder, batchSize, lengthOf }) : [];
  let next = 0;
  const sentenceVectors = late.sentenceVectors.map((vector) => vector ?? (separate[next++] as Float32Array));
  return { chunkVectors: late.chunkVectors, sentenceVectors, embeddedTexts: chunks.length + missing.length };
}
