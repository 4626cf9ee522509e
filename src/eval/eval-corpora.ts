// Node-only: the eval's corpora and how each becomes a knowledge base.
import path from "node:path";
import type { AnswerThresholds } from "../answer/compose-answer.ts";
import type { LocalEmbedder } from "../embed/transformers-embedder.ts";
import { loadCorpus } from "../ingest/load-corpus.ts";
import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { FlatIndex } from "../store/flat-index.ts";
import type { AnswerSystem } from "./answer-system.ts";
import type { EvalTarget } from "./evaluate.ts";

export interface EvalCorpus {
  readonly name: string;
  /** Folder of the corpus's question sets (`*.jsonl`). */
  readonly setsDir: string;
  /**
   * The committed index the server uses, or a corpus folder indexed in-process; with both, the folder
   * is indexed when the committed index was built with another embedder (comparing models).
   */
  readonly source: { readonly indexDir: string; readonly corpusDir?: string } | { readonly corpusDir: string };
}

/**
 * Relative to a checkout's root: the visit corpus is the served one; the handbook and a city library's
 * rules (written later, as a further check that the rules are not fitted to the first two) are test fixtures.
 */
export const EVAL_CORPORA: readonly EvalCorpus[] = [
  { name: "visit", setsDir: "test/fixtures/eval/visit", source: { indexDir: "index", corpusDir: "corpus" } },
  { name: "handbook", setsDir: "test/fixtures/eval/handbook", source: { corpusDir: "test/fixtures/eval/handbook/corpus" } },
  { name: "library", setsDir: "test/fixtures/eval/library", source: { corpusDir: "test/fixtures/eval/library/corpus" } },
];

/** Retrieval depth scored by recall@k. */
export const RECALL_DEPTH = 5;

/**
 * The knowledge base of a corpus as `system` builds it: the committed index under `indexRoot`
 * (the system's own checkout), or the corpus folder (under `fixturesRoot`) indexed in memory with the
 * real model and exact search, which a few small files need.
 */
export async function loadKnowledge(options: {
  corpus: EvalCorpus;
  system: AnswerSystem;
  embedder: LocalEmbedder;
  indexRoot: string;
  fixturesRoot: string;
}): Promise<KnowledgeBase> {
  const { corpus, system, embedder } = options;
  if ("indexDir" in corpus.source) {
    const index = await system.loadIndex(path.join(options.indexRoot, corpus.source.indexDir));
    if (index.data.manifest.model.id === embedder.modelId || corpus.source.corpusDir === undefined)
      return system.createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });
  }
  const corpusDir = corpus.source.corpusDir as string;
  const root = "indexDir" in corpus.source ? options.indexRoot : options.fixturesRoot;
  const documents = await loadCorpus(path.join(root, corpusDir));
  const { data } = await system.buildIndex({ documents, embedder, counter: embedder });
  const vectorIndex = new FlatIndex({
    dimensions: data.manifest.model.dimensions,
    vectors: data.chunkVectors,
    chunkIds: data.chunks.map((chunk) => chunk.id),
  });
  return system.createKnowledgeBase({ data, vectorIndex });
}

/** The answerer of `system` over `knowledge`, with its retrieval scored at depth RECALL_DEPTH. */
export function evalTarget(options: {
  system: AnswerSystem;
  knowledge: KnowledgeBase;
  embedder: LocalEmbedder;
  thresholds?: AnswerThresholds;
}): EvalTarget {
  const { system, knowledge, embedder, thresholds } = options;
  return {
    answerer: system.createAnswerer({ knowledge, embedder, thresholds }),
    documents: knowledge.documents,
    async retrieveSpans(item) {
      const retrieved = await system.retrieve({ knowledge, embedder, question: item.question, history: item.history, topK: RECALL_DEPTH });
      return retrieved.map(({ chunk }) => ({ docId: chunk.docId, start: chunk.start, end: chunk.end }));
    },
  };
}
