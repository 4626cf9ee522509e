import type { Embedder } from "../../src/embed/embedder.ts";
import { buildIndex } from "../../src/ingest/build-index.ts";
import type { SourceDocument } from "../../src/ingest/document.ts";
import { createKnowledgeBase, type KnowledgeBase } from "../../src/retrieve/knowledge-base.ts";
import { FlatIndex } from "../../src/store/flat-index.ts";
import { wordCounter } from "./word-counter.ts";

/** A knowledge base over crafted documents, indexed in memory with `embedder` and exact search. */
export async function craftedKnowledge(options: { documents: readonly SourceDocument[]; embedder: Embedder }): Promise<KnowledgeBase> {
  const { data } = await buildIndex({ documents: options.documents, embedder: options.embedder, counter: wordCounter() });
  const vectorIndex = new FlatIndex({
    dimensions: data.manifest.model.dimensions,
    vectors: data.chunkVectors,
    chunkIds: data.chunks.map((chunk) => chunk.id),
  });
  return createKnowledgeBase({ data, vectorIndex });
}
