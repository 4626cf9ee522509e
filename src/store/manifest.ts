import type { Embedder, EmbedPrompts } from "../embed/embedder.ts";
import { IndexModelMismatchError, InvalidIndexError } from "../errors.ts";
import type { ChunkerSettings } from "../ingest/chunk.ts";
import {
  CHUNK_VECTOR_METHODS,
  type ChunkVectorMethod,
  SENTENCE_VECTOR_METHODS,
  type SentenceVectorMethod,
} from "../ingest/embed-index-texts.ts";

export const INDEX_FORMAT_VERSION = 1;

export interface HnswSettings {
  readonly space: "cosine";
  readonly m: number;
  readonly efConstruction: number;
  readonly efSearch: number;
  readonly seed: number;
}

/** How an index was built: enough to refuse a mismatched embedder and to reproduce the build. */
export interface IndexManifest {
  readonly formatVersion: number;
  readonly model: {
    readonly id: string;
    readonly dimensions: number;
    readonly pooling: "mean" | "cls";
    readonly normalized: boolean;
    /** The model's sequence length (special tokens included); absent in indexes built before it was recorded. */
    readonly maxTokens?: number;
    /** Prefixes put before queries and passages; absent in indexes built before they were recorded. */
    readonly prompts?: EmbedPrompts;
  };
  /** As applied: maxTokens is already capped by the model's sequence length less specials and prefix. */
  readonly chunker: ChunkerSettings;
  /** Absent in indexes built before late chunking existed: those embedded sentences separately. */
  readonly sentenceVectors?: SentenceVectorMethod;
  /** Absent in indexes built before sentence-mean chunk vectors existed: those embedded every chunk. */
  readonly chunkVectors?: ChunkVectorMethod;
  /** efSearch is chosen by the number of chunks when the index is built (ef-search.ts). */
  readonly hnsw: HnswSettings;
  /** `analyzer` names how chunk texts became terms (absent in indexes built before it was recorded). */
  readonly bm25: { readonly k1: number; readonly b: number; readonly analyzer?: string };
  /** SHA-256 over the sorted document ids and content hashes. */
  readonly corpusHash: string;
  readonly counts: { readonly documents: number; readonly chunks: number; readonly sentences: number };
  readonly builtAt: string;
}

export function parseManifest(value: unknown): IndexManifest {
  const manifest = value as IndexManifest;
  const valid =
    typeof manifest === "object" &&
    manifest !== null &&
    manifest.formatVersion === INDEX_FORMAT_VERSION &&
    typeof manifest.model?.id === "string" &&
    Number.isInteger(manifest.model?.dimensions) &&
    typeof manifest.corpusHash === "string" &&
    Number.isInteger(manifest.counts?.chunks) &&
    (manifest.sentenceVectors === undefined || SENTENCE_VECTOR_METHODS.includes(manifest.sentenceVectors)) &&
    (manifest.chunkVectors === undefined || CHUNK_VECTOR_METHODS.includes(manifest.chunkVectors));
  if (!valid) throw new InvalidIndexError(`manifest.json is not an index manifest of format version ${INDEX_FORMAT_VERSION}`);
  return manifest;
}

export function sentenceVectorMethodOf(manifest: IndexManifest): SentenceVectorMethod {
  return manifest.sentenceVectors ?? "separate-pass";
}

export function chunkVectorMethodOf(manifest: IndexManifest): ChunkVectorMethod {
  return manifest.chunkVectors ?? "own-pass";
}

/** True when vectors from `embedder` live in the same space as the index's. */
export function embedderMatches(manifest: IndexManifest, embedder: Pick<Embedder, "modelId" | "dimensions">): boolean {
  return manifest.model.id === embedder.modelId && manifest.model.dimensions === embedder.dimensions;
}

export function assertEmbedderMatches(manifest: IndexManifest, embedder: Pick<Embedder, "modelId" | "dimensions">): void {
  if (!embedderMatches(manifest, embedder)) {
    throw new IndexModelMismatchError({
      indexModelId: manifest.model.id,
      indexDimensions: manifest.model.dimensions,
      embedderModelId: embedder.modelId,
      embedderDimensions: embedder.dimensions,
    });
  }
}
