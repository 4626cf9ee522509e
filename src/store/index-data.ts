import { InvalidIndexError } from "../errors.ts";
import type { SourceDocument } from "../ingest/document.ts";
import type { Bm25Data } from "./bm25.ts";
import type { Chunk } from "./chunk.ts";
import { type IndexManifest, parseManifest } from "./manifest.ts";

export interface StoredDocument extends SourceDocument {
  /** SHA-256 of the document's content; unchanged documents keep their vectors on rebuild. */
  readonly contentHash: string;
}

/** A sentence of a document, the unit answers quote. */
export interface StoredSentence {
  readonly docId: string;
  readonly start: number;
  readonly end: number;
}

/** Everything an index holds, independent of where it is stored. */
export interface IndexData {
  readonly manifest: IndexManifest;
  readonly documents: readonly StoredDocument[];
  readonly chunks: readonly Chunk[];
  readonly sentences: readonly StoredSentence[];
  /** Row i is the unit vector of chunks[i]. */
  readonly chunkVectors: Float32Array;
  /** Row i is the unit vector of sentences[i]. */
  readonly sentenceVectors: Float32Array;
  readonly bm25: Bm25Data;
}

/** File names inside one index generation. */
export const INDEX_FILES = {
  manifest: "manifest.json",
  documents: "documents.json",
  chunks: "chunks.json",
  sentences: "sentences.json",
  chunkVectors: "chunk-vectors.f32",
  sentenceVectors: "sentence-vectors.f32",
  bm25: "bm25.json",
  hnsw: "hnsw.bin",
} as const;

/** One record per line keeps diffs of the committed index readable and files deterministic. */
export function toJsonLines(records: readonly unknown[]): string {
  return `[\n${records.map((record) => JSON.stringify(record)).join(",\n")}\n]\n`;
}

/**
 * The files of one index generation with their contents, the manifest last: a reader takes a
 * folder without a manifest for an unfinished write.
 */
export function serializeIndexFiles(data: IndexData): [name: string, content: string | Uint8Array][] {
  return [
    [INDEX_FILES.documents, toJsonLines(data.documents)],
    [INDEX_FILES.chunks, toJsonLines(data.chunks)],
    [INDEX_FILES.sentences, toJsonLines(data.sentences)],
    [INDEX_FILES.bm25, `${JSON.stringify(data.bm25)}\n`],
    [INDEX_FILES.chunkVectors, vectorsToBytes(data.chunkVectors)],
    [INDEX_FILES.sentenceVectors, vectorsToBytes(data.sentenceVectors)],
    [INDEX_FILES.manifest, `${JSON.stringify(data.manifest, null, 2)}\n`],
  ];
}

export function vectorsToBytes(vectors: Float32Array): Uint8Array {
  const bytes = new Uint8Array(vectors.length * 4);
  const view = new DataView(bytes.buffer);
  vectors.forEach((value, index) => {
    view.setFloat32(index * 4, value, true);
  });
  return bytes;
}

export function vectorsFromBytes(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new InvalidIndexError("a vector file's size is not a multiple of 4 bytes");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vectors = new Float32Array(bytes.byteLength / 4);
  for (let index = 0; index < vectors.length; index += 1) vectors[index] = view.getFloat32(index * 4, true);
  return vectors;
}

/** Assembles index data from file contents, checking that the parts agree with each other. */
export function parseIndexData(files: {
  manifest: string;
  documents: string;
  chunks: string;
  sentences: string;
  bm25: string;
  chunkVectors: Uint8Array;
  sentenceVectors: Uint8Array;
}): IndexData {
  let parsed: { manifest: unknown; documents: StoredDocument[]; chunks: Chunk[]; sentences: StoredSentence[]; bm25: Bm25Data };
  try {
    parsed = {
      manifest: JSON.parse(files.manifest),
      documents: JSON.parse(files.documents),
      chunks: JSON.parse(files.chunks),
      sentences: JSON.parse(files.sentences),
      bm25: JSON.parse(files.bm25),
    };
  } catch (error) {
    throw new InvalidIndexError("an index file is not valid JSON", error);
  }
  const manifest = parseManifest(parsed.manifest);
  const { documents, chunks, sentences, bm25 } = parsed;
  if (!Array.isArray(documents) || !Array.isArray(chunks) || !Array.isArray(sentences)) {
    throw new InvalidIndexError("documents, chunks and sentences must be arrays");
  }
  const dimensions = manifest.model.dimensions;
  const chunkVectors = vectorsFromBytes(files.chunkVectors);
  const sentenceVectors = vectorsFromBytes(files.sentenceVectors);
  if (chunks.length !== manifest.counts.chunks || chunkVectors.length !== chunks.length * dimensions) {
    throw new InvalidIndexError(`chunk vectors do not match: ${chunks.length} chunks, ${chunkVectors.length / dimensions} vectors`);
  }
  if (sentenceVectors.length !== sentences.length * dimensions) {
    throw new InvalidIndexError(
      `sentence vectors do not match: ${sentences.length} sentences, ${sentenceVectors.length / dimensions} vectors`,
    );
  }
  const documentIds = new Set(documents.map((document) => document.id));
  for (const chunk of chunks) {
    if (!documentIds.has(chunk.docId)) throw new InvalidIndexError(`chunk ${chunk.id} names an unknown document`);
  }
  return { manifest, documents, chunks, sentences, chunkVectors, sentenceVectors, bm25 };
}

/** Reads one generation's files through `source` (a folder, the Worker's assets) and parses them. */
export async function readIndexData(source: {
  text(name: string): Promise<string>;
  bytes(name: string): Promise<Uint8Array>;
}): Promise<IndexData> {
  const [manifest, documents, chunks, sentences, bm25, chunkVectors, sentenceVectors] = await Promise.all([
    source.text(INDEX_FILES.manifest),
    source.text(INDEX_FILES.documents),
    source.text(INDEX_FILES.chunks),
    source.text(INDEX_FILES.sentences),
    source.text(INDEX_FILES.bm25),
    source.bytes(INDEX_FILES.chunkVectors),
    source.bytes(INDEX_FILES.sentenceVectors),
  ]);
  return parseIndexData({ manifest, documents, chunks, sentences, bm25, chunkVectors, sentenceVectors });
}

/** Row `row` of a matrix of `dimensions`-wide vectors, without copying. */
export function vectorRow(vectors: Float32Array, dimensions: number, row: number): Float32Array {
  return vectors.subarray(row * dimensions, (row + 1) * dimensions);
}
