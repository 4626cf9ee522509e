import { UpstreamServiceError } from "../cloudflare/upstream-error.ts";
import { sha256Hex } from "../text/hash.ts";
import type { Chunk } from "./chunk.ts";
import type { VectorHit, VectorIndex } from "./vector-index.ts";

/** What each chunk's vector carries in Vectorize, so a match names its chunk and span without a lookup. */
export interface ChunkVectorMetadata {
  readonly docId: string;
  readonly chunkId: string;
  readonly start: number;
  readonly end: number;
}

/** One line of the NDJSON file `wrangler vectorize insert --file` reads. */
export interface VectorizeRecord {
  readonly id: string;
  readonly values: number[];
  readonly metadata: ChunkVectorMetadata;
}

export interface VectorizeMatch {
  readonly id: string;
  readonly score: number;
  readonly metadata?: Record<string, unknown> | null;
}

/** The part of the Vectorize binding (`env.VECTORIZE`) this adapter uses. */
export interface Vectorize {
  query(
    vector: number[],
    options: { topK: number; returnMetadata: "all"; returnValues: false },
  ): Promise<{ count: number; matches: readonly VectorizeMatch[] }>;
}

/** Vectorize returns at most 20 matches when metadata is returned (its documented limit). */
export const VECTORIZE_MAX_TOP_K_WITH_METADATA = 20;

/** Vector ids may be at most 64 bytes; longer chunk ids are replaced by their SHA-256. */
const MAX_ID_BYTES = 64;

/**
 * Nearest chunks from a Vectorize index built with a cosine metric, whose score is the cosine
 * similarity. Matches without our metadata (vectors some other tool inserted) are skipped.
 */
export class VectorizeIndex implements VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  readonly #binding: Vectorize;

  /** `size` is how many vectors the deployment inserted: the bundle's chunk count. */
  constructor(options: { binding: Vectorize; dimensions: number; size: number }) {
    this.#binding = options.binding;
    this.dimensions = options.dimensions;
    this.size = options.size;
  }

  async search(vector: Float32Array, k: number): Promise<VectorHit[]> {
    const topK = Math.min(Math.floor(k), VECTORIZE_MAX_TOP_K_WITH_METADATA);
    if (topK <= 0) return [];
    let result: { matches?: unknown } | undefined;
    try {
      result = await this.#binding.query(Array.from(vector), { topK, returnMetadata: "all", returnValues: false });
    } catch (error) {
      throw new UpstreamServiceError({
        service: "Vectorize",
        message: error instanceof Error ? error.message : String(error),
        cause: error,
      });
    }
    if (!Array.isArray(result?.matches)) {
      throw new UpstreamServiceError({ service: "Vectorize", message: "unexpected query response: no matches array" });
    }
    return (result.matches as VectorizeMatch[]).flatMap((match) => {
      const chunkId = match?.metadata?.chunkId;
      return typeof chunkId === "string" && Number.isFinite(match.score) ? [{ chunkId, score: match.score }] : [];
    });
  }
}

/** The records to insert for `chunks`, row i of `vectors` belonging to chunks[i]. */
export async function toVectorizeRecords(options: {
  chunks: readonly Chunk[];
  vectors: Float32Array;
  dimensions: number;
}): Promise<VectorizeRecord[]> {
  const { chunks, vectors, dimensions } = options;
  return Promise.all(
    chunks.map(async (chunk, row) => ({
      id: await vectorId(chunk.id),
      values: Array.from(vectors.subarray(row * dimensions, (row + 1) * dimensions)),
      metadata: { docId: chunk.docId, chunkId: chunk.id, start: chunk.start, end: chunk.end },
    })),
  );
}

export async function vectorId(chunkId: string): Promise<string> {
  return new TextEncoder().encode(chunkId).length <= MAX_ID_BYTES ? chunkId : sha256Hex(chunkId);
}

/** NDJSON: one JSON object per line, as `wrangler vectorize insert --file` expects. */
export function toNdjson(records: readonly VectorizeRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}
