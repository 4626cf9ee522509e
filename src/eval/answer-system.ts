import type { AnswerThresholds } from "../answer/compose-answer.ts";
import { createGroundedAnswerer } from "../answer/grounded-answerer.ts";
import { resolveQuestion, type Turn } from "../answer/resolve-question.ts";
import type { Answerer } from "../answer/types.ts";
import type { Embedder, TokenCounter } from "../embed/embedder.ts";
import { buildIndex } from "../ingest/build-index.ts";
import type { SourceDocument } from "../ingest/document.ts";
import { createKnowledgeBase, type KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { embedAndRetrieve, type RetrievedChunk } from "../retrieve/retriever.ts";
import type { IndexData } from "../store/index-data.ts";
import { loadIndex } from "../store/index-store.ts";
import type { VectorIndex } from "../store/vector-index.ts";

/**
 * The parts of an answering system the eval drives. The current tree's is `CURRENT_SYSTEM`; the
 * baseline script loads the same modules from an older commit, so both are scored by one harness.
 */
export interface AnswerSystem {
  readonly label: string;
  buildIndex(options: { documents: readonly SourceDocument[]; embedder: Embedder; counter: TokenCounter }): Promise<{ data: IndexData }>;
  loadIndex(indexDir: string): Promise<{ data: IndexData; hnsw: VectorIndex }>;
  createKnowledgeBase(options: { data: IndexData; vectorIndex: VectorIndex | undefined }): KnowledgeBase;
  createAnswerer(options: { knowledge: KnowledgeBase; embedder: Embedder; thresholds?: AnswerThresholds }): Answerer;
  /** The passages retrieval ranks for a question in context, for recall@k. */
  retrieve(options: {
    knowledge: KnowledgeBase;
    embedder: Embedder;
    question: string;
    history?: readonly Turn[];
    topK: number;
  }): Promise<readonly RetrievedChunk[]>;
}

export const CURRENT_SYSTEM: AnswerSystem = {
  label: "this tree",
  buildIndex,
  loadIndex,
  createKnowledgeBase,
  createAnswerer: createGroundedAnswerer,
  async retrieve({ knowledge, embedder, question, history, topK }) {
    const { query } = resolveQuestion({ question, history });
    return (await embedAndRetrieve({ knowledge, embedder, query, topK })).retrieved;
  },
};
