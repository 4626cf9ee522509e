import type { Embedder } from "../embed/embedder.ts";
import type { Chunk } from "../store/chunk.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";
import { reciprocalRankFusion } from "./rrf.ts";

export interface RetrievedChunk {
  readonly chunk: Chunk;
  /** Fused reciprocal-rank score. */
  readonly score: number;
  /** Cosine similarity to the query, when dense search ran and found this chunk. */
  readonly denseScore: number | undefined;
}

/** Candidates taken from each list before fusion, so a chunk ranked low by one list can still surface. */
const CANDIDATES = 50;

/** Hybrid retrieval: dense (when available) and BM25 candidates fused by reciprocal rank. */
export async function retrieve(options: {
  knowledge: KnowledgeBase;
  query: string;
  queryVector: Float32Array | undefined;
  topK: number;
}): Promise<RetrievedChunk[]> {
  const { knowledge, query, queryVector, topK } = options;
  const lexicalHits = knowledge.lexicalIndex.search(query, CANDIDATES);
  const denseHits = knowledge.vectorIndex && queryVector ? await knowledge.vectorIndex.search(queryVector, CANDIDATES) : [];
  const denseScores = new Map(denseHits.map((hit) => [hit.chunkId, hit.score]));
  const fused = reciprocalRankFusion([{ hits: denseHits }, { hits: lexicalHits }]);
  return fused.slice(0, topK).flatMap((hit) => {
    const chunk = knowledge.chunks.get(hit.chunkId);
    return chunk ? [{ chunk, score: hit.score, denseScore: denseScores.get(hit.chunkId) }] : [];
  });
}

/** Embeds the query (only when dense search is on) and retrieves: the one path every caller takes. */
export async function embedAndRetrieve(options: {
  knowledge: KnowledgeBase;
  embedder: Embedder;
  query: string;
  topK: number;
}): Promise<{ queryVector: Float32Array | undefined; retrieved: RetrievedChunk[] }> {
  const { knowledge, embedder, query, topK } = options;
  const queryVector = knowledge.vectorIndex ? (await embedder.embed([query], "query"))[0] : undefined;
  return { queryVector, retrieved: await retrieve({ knowledge, query, queryVector, topK }) };
}
