// Real vectors for the HNSW benchmark: what an index of this project holds, from our embedder.
// Each document is chunked by our chunker and every chunk is run once through the model; the chunk
// vectors and the sentence vectors pooled from the same passes (late chunking, as `npm run index`
// does) are the data set, distinct texts only. Embedding takes an hour or more on two shared cores,
// so blocks of documents are cached outside the repository as they finish and a stopped run resumes.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { LocalEmbedder } from "../../src/embed/transformers-embedder.ts";
import { chunkDocument } from "../../src/ingest/chunk.ts";
import type { SourceDocument } from "../../src/ingest/document.ts";
import { embedWithLateChunking } from "../../src/ingest/late-chunking.ts";
import { splitSentences } from "../../src/text/sentences.ts";
import { seededShuffle } from "./random-vectors.ts";

export const VECTOR_CACHE_DIR = path.join(os.tmpdir(), "xi-peru-bench-vectors");

/** Documents per cached block: a few minutes of work. */
const BLOCK_DOCUMENTS = 250;

export interface RealVectors {
  /** Rows of `dimensions` floats, one per distinct text, in document order (chunks, then sentences). */
  readonly vectors: Float32Array;
  readonly count: number;
  readonly chunks: number;
  readonly sentences: number;
  /** Seconds spent embedding in this run (0 when everything came from the cache). */
  readonly seconds: number;
}

interface Block {
  readonly texts: string[];
  readonly vectors: Float32Array;
  readonly chunks: number;
}

function cacheKey(parts: readonly string[]): string {
  const digest = createHash("sha256");
  for (const part of parts) digest.update(part).update("\0");
  return digest.digest("hex").slice(0, 16);
}

async function embedBlock(embedder: LocalEmbedder, documents: readonly SourceDocument[]): Promise<Block> {
  const chunks = documents.flatMap((document) => chunkDocument({ document, counter: embedder }));
  const sentences = documents.flatMap((document) => splitSentences(document.text).map((span) => ({ docId: document.id, ...span })));
  const documentTexts = new Map(documents.map((document) => [document.id, document.text]));
  const late = await embedWithLateChunking({ chunks, sentences, documentTexts, embedder, batchSize: 32 });
  const texts: string[] = [];
  const rows: Float32Array[] = [];
  chunks.forEach((chunk, index) => {
    texts.push(chunk.text);
    rows.push(late.chunkVectors[index] as Float32Array);
  });
  // Sentences whose tokens could not be located are left out rather than embedded on their own.
  sentences.forEach((sentence, index) => {
    const vector = late.sentenceVectors[index];
    if (!vector) return;
    texts.push((documentTexts.get(sentence.docId) as string).slice(sentence.start, sentence.end));
    rows.push(vector);
  });
  const vectors = new Float32Array(rows.length * embedder.dimensions);
  rows.forEach((row, index) => {
    vectors.set(row, index * embedder.dimensions);
  });
  return { texts, vectors, chunks: chunks.length };
}

async function cachedBlock(options: {
  embedder: LocalEmbedder;
  documents: readonly SourceDocument[];
  file: string;
}): Promise<Block & { cached: boolean }> {
  const { embedder, documents, file } = options;
  try {
    const [meta, bytes] = await Promise.all([readFile(`${file}.json`, "utf8"), readFile(`${file}.f32`)]);
    const { texts, chunks } = JSON.parse(meta) as { texts: string[]; chunks: number };
    const vectors = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    if (vectors.length === texts.length * embedder.dimensions) return { texts, vectors, chunks, cached: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const block = await embedBlock(embedder, documents);
  // The vectors file is renamed into place last: a reader that finds it also finds the texts.
  await writeFile(`${file}.json.tmp`, JSON.stringify({ texts: block.texts, chunks: block.chunks }));
  await rename(`${file}.json.tmp`, `${file}.json`);
  await writeFile(`${file}.f32.tmp`, new Uint8Array(block.vectors.buffer));
  await rename(`${file}.f32.tmp`, `${file}.f32`);
  return { ...block, cached: false };
}

/** Distinct chunk and sentence vectors of `documents`, in order, until `limit` vectors are collected. */
export async function realPassageVectors(options: {
  embedder: LocalEmbedder;
  documents: readonly SourceDocument[];
  limit: number;
}): Promise<RealVectors> {
  const { embedder, documents, limit } = options;
  const { dimensions } = embedder;
  const directory = path.join(VECTOR_CACHE_DIR, `passages-${embedder.modelId.replaceAll("/", "__")}-${embedder.maxTokens}`);
  await mkdir(directory, { recursive: true });
  const seen = new Set<string>();
  const vectors = new Float32Array(limit * dimensions);
  let count = 0;
  let chunks = 0;
  const started = performance.now();
  for (let offset = 0; offset < documents.length && count < limit; offset += BLOCK_DOCUMENTS) {
    const blockDocuments = documents.slice(offset, offset + BLOCK_DOCUMENTS);
    const file = path.join(directory, `block-${cacheKey(blockDocuments.map((document) => `${document.id}\n${document.text}`))}`);
    const block = await cachedBlock({ embedder, documents: blockDocuments, file });
    // A block lists chunks, then sentences; a seeded shuffle mixes them, so that every size holds both.
    for (const row of seededShuffle([...block.texts.keys()], offset + 1)) {
      const text = block.texts[row] as string;
      if (count >= limit || seen.has(text)) continue;
      seen.add(text);
      vectors.set(block.vectors.subarray(row * dimensions, (row + 1) * dimensions), count * dimensions);
      if (row < block.chunks) chunks += 1;
      count += 1;
    }
    if (!block.cached) {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(
        `  real vectors: ${count.toLocaleString("en-US")} of ${limit.toLocaleString("en-US")} after ${seconds.toFixed(0)} s (load ${os.loadavg()[0]?.toFixed(1)})\n`,
      );
    }
  }
  return {
    vectors: vectors.subarray(0, count * dimensions),
    count,
    chunks,
    sentences: count - chunks,
    seconds: (performance.now() - started) / 1000,
  };
}
