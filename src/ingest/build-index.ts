import { type Embedder, NO_PROMPTS, type TokenCounter } from "../embed/embedder.ts";
import { Bm25Index } from "../store/bm25.ts";
import type { Chunk } from "../store/chunk.ts";
import { hnswSettingsFor } from "../store/ef-search.ts";
import { type IndexData, type StoredDocument, type StoredSentence, vectorRow } from "../store/index-data.ts";
import {
  chunkVectorMethodOf,
  embedderMatches,
  type HnswSettings,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
  sentenceVectorMethodOf,
} from "../store/manifest.ts";
import { ANALYZER_ID } from "../text/analyze.ts";
import { detectLanguage } from "../text/detect-language.ts";
import { sha256Hex } from "../text/hash.ts";
import type { Language } from "../text/language.ts";
import { splitSentences } from "../text/sentences.ts";
import { type ChunkerSettings, chunkDocument, chunkTokenLimit, DEFAULT_CHUNKER_SETTINGS } from "./chunk.ts";
import type { SourceDocument } from "./document.ts";
import {
  type ChunkVectorMethod,
  DEFAULT_CHUNK_VECTOR_METHOD,
  DEFAULT_SENTENCE_VECTOR_METHOD,
  embedIndexTexts,
  type SentenceVectorMethod,
} from "./embed-index-texts.ts";

export interface BuildProgress {
  readonly phase: "chunk" | "embed";
  readonly done: number;
  readonly total: number;
}

export interface BuildIndexOptions {
  documents: readonly SourceDocument[];
  embedder: Embedder;
  counter: TokenCounter;
  /** The index being replaced: unchanged documents reuse its vectors. */
  previous?: IndexData;
  chunker?: ChunkerSettings;
  /** By default chosen by the number of chunks (see ef-search.ts). */
  hnsw?: HnswSettings;
  /** How sentence vectors are made (embed-index-texts.ts); the separate pass by default. */
  sentenceVectors?: SentenceVectorMethod;
  /** How chunk vectors are made (embed-index-texts.ts); each chunk's own pass by default. */
  chunkVectors?: ChunkVectorMethod;
  bm25?: { k1: number; b: number };
  /** Texts per embedder call, grouped by length (see embed-batches.ts) so progress can be reported. */
  batchSize?: number;
  onProgress?: (progress: BuildProgress) => void;
  now?: () => Date;
}

export interface BuildIndexResult {
  readonly data: IndexData;
  readonly reusedDocuments: number;
  readonly embeddedTexts: number;
}

export async function contentHash(document: SourceDocument): Promise<string> {
  const { title, text, url, publishedAt, source } = document;
  return sha256Hex(JSON.stringify({ title, text, url, publishedAt, source }));
}

export async function corpusHash(documents: readonly StoredDocument[]): Promise<string> {
  return sha256Hex(documents.map((document) => `${document.id}\t${document.contentHash}`).join("\n"));
}

/** Chunks, embeds and indexes documents in memory; writing to disk is the caller's job. */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const { embedder, counter, previous } = options;
  const sentenceVectors = options.sentenceVectors ?? DEFAULT_SENTENCE_VECTOR_METHOD;
  const chunkVectors = options.chunkVectors ?? DEFAULT_CHUNK_VECTOR_METHOD;
  const requested = options.chunker ?? DEFAULT_CHUNKER_SETTINGS;
  const chunker: ChunkerSettings = { ...requested, maxTokens: chunkTokenLimit(requested, counter) };
  const bm25Settings = options.bm25 ?? { k1: 0.9, b: 0.4 };
  const batchSize = options.batchSize ?? 32;
  const duplicates = findDuplicateIds(options.documents);
  if (duplicates.length > 0) throw new Error(`two corpus files map to the same document id: ${duplicates.join(", ")}`);
  const sorted = [...options.documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const documents: StoredDocument[] = [];
  for (const document of sorted) documents.push({ ...document, contentHash: await contentHash(document) });

  const reusable = reusableVectors({ previous, embedder, chunker, sentenceVectors, chunkVectors });
  const chunks: Chunk[] = [];
  const sentences: StoredSentence[] = [];
  const chunkVectorRows: (Float32Array | undefined)[] = [];
  const sentenceVectorRows: (Float32Array | undefined)[] = [];
  let reusedDocuments = 0;
  documents.forEach((document, index) => {
    options.onProgress?.({ phase: "chunk", done: index, total: documents.length });
    const kept = reusable.get(`${document.id}\t${document.contentHash}`);
    const documentChunks = chunkDocument({ document, counter, settings: chunker });
    const documentSentences = splitSentences(document.text).map((span) => ({ docId: document.id, ...span }));
    const reuse = kept !== undefined && kept.chunks.length === documentChunks.length && kept.sentences.length === documentSentences.length;
    if (reuse) reusedDocuments += 1;
    chunks.push(...documentChunks);
    sentences.push(...documentSentences);
    chunkVectorRows.push(...documentChunks.map((_, row) => (reuse ? kept.chunks[row] : undefined)));
    sentenceVectorRows.push(...documentSentences.map((_, row) => (reuse ? kept.sentences[row] : undefined)));
  });
  options.onProgress?.({ phase: "chunk", done: documents.length, total: documents.length });

  const texts = new Map(documents.map((document) => [document.id, document.text]));
  const embedded = await embedIndexTexts({
    method: sentenceVectors,
    chunkMethod: chunkVectors,
    chunks: chunks.filter((_, row) => !chunkVectorRows[row]),
    sentences: sentences.filter((_, row) => !sentenceVectorRows[row]),
    documentTexts: texts,
    embedder,
    counter,
    batchSize,
    onProgress: (done, total) => options.onProgress?.({ phase: "embed", done, total }),
  });
  fillMissing(chunkVectorRows, embedded.chunkVectors);
  fillMissing(sentenceVectorRows, embedded.sentenceVectors);

  const languages = new Map(documents.map((document) => [document.id, detectLanguage(document.text)]));
  const bm25 = Bm25Index.build(
    chunks.map((chunk) => ({ chunkId: chunk.id, text: chunk.text, language: languages.get(chunk.docId) as Language })),
    bm25Settings,
  ).toJSON();
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    model: {
      id: embedder.modelId,
      dimensions: embedder.dimensions,
      pooling: embedder.pooling,
      normalized: embedder.normalized,
      maxTokens: counter.maxTokens,
      prompts: embedder.prompts ?? NO_PROMPTS,
    },
    chunker,
    sentenceVectors,
    chunkVectors,
    hnsw: options.hnsw ?? hnswSettingsFor(chunks.length),
    bm25: { ...bm25Settings, analyzer: ANALYZER_ID },
    corpusHash: await corpusHash(documents),
    counts: { documents: documents.length, chunks: chunks.length, sentences: sentences.length },
    builtAt: (options.now?.() ?? new Date()).toISOString(),
  };
  return {
    data: {
      manifest,
      documents,
      chunks,
      sentences,
      chunkVectors: stack(chunkVectorRows, embedder.dimensions),
      sentenceVectors: stack(sentenceVectorRows, embedder.dimensions),
      bm25,
    },
    reusedDocuments,
    embeddedTexts: embedded.embeddedTexts,
  };
}

/** Puts `vectors`, in order, into the empty rows of `rows`. */
function fillMissing(rows: (Float32Array | undefined)[], vectors: readonly Float32Array[]): void {
  let next = 0;
  rows.forEach((row, index) => {
    if (!row) rows[index] = vectors[next++];
  });
}

function findDuplicateIds(documents: readonly SourceDocument[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const document of documents) {
    if (seen.has(document.id)) duplicates.add(document.id);
    seen.add(document.id);
  }
  return [...duplicates];
}

/** Vectors of the previous index by document, when it was built the same way. */
function reusableVectors(options: {
  previous: IndexData | undefined;
  embedder: Embedder;
  chunker: ChunkerSettings;
  sentenceVectors: SentenceVectorMethod;
  chunkVectors: ChunkVectorMethod;
}): Map<string, { chunks: Float32Array[]; sentences: Float32Array[] }> {
  const { previous, embedder, chunker, sentenceVectors, chunkVectors } = options;
  const reusable = new Map<string, { chunks: Float32Array[]; sentences: Float32Array[] }>();
  if (!previous || !embedderMatches(previous.manifest, embedder)) return reusable;
  if (sentenceVectorMethodOf(previous.manifest) !== sentenceVectors) return reusable;
  if (chunkVectorMethodOf(previous.manifest) !== chunkVectors) return reusable;
  if (JSON.stringify(previous.manifest.model.prompts ?? NO_PROMPTS) !== JSON.stringify(embedder.prompts ?? NO_PROMPTS)) return reusable;
  if (JSON.stringify(previous.manifest.chunker) !== JSON.stringify(chunker)) return reusable;
  const dimensions = previous.manifest.model.dimensions;
  const byDocument = new Map<string, { chunks: Float32Array[]; sentences: Float32Array[] }>();
  for (const document of previous.documents) byDocument.set(document.id, { chunks: [], sentences: [] });
  previous.chunks.forEach((chunk, row) => {
    byDocument.get(chunk.docId)?.chunks.push(vectorRow(previous.chunkVectors, dimensions, row));
  });
  previous.sentences.forEach((sentence, row) => {
    byDocument.get(sentence.docId)?.sentences.push(vectorRow(previous.sentenceVectors, dimensions, row));
  });
  for (const document of previous.documents) {
    const vectors = byDocument.get(document.id);
    if (vectors) reusable.set(`${document.id}\t${document.contentHash}`, vectors);
  }
  return reusable;
}

function stack(rows: readonly (Float32Array | undefined)[], dimensions: number): Float32Array {
  const matrix = new Float32Array(rows.length * dimensions);
  rows.forEach((row, index) => {
    if (!row || row.length !== dimensions) throw new Error(`missing or malformed vector for row ${index}`);
    matrix.set(row, index * dimensions);
  });
  return matrix;
}
