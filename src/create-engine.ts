import type { AnswerThresholds } from "./answer/compose-answer.ts";
import { createGroundedAnswerer } from "./answer/grounded-answerer.ts";
import type { Embedder } from "./embed/embedder.ts";
import { type Engine, summarize } from "./engine.ts";
import type { Logger } from "./observe/logger.ts";
import { createKnowledgeBase } from "./retrieve/knowledge-base.ts";
import type { IndexData } from "./store/index-data.ts";
import { embedderMatches } from "./store/manifest.ts";
import type { VectorIndex } from "./store/vector-index.ts";
import type { LanguageModel } from "./write/language-model.ts";
import { createWritingAnswerer } from "./write/writing-answerer.ts";

/** A language model that writes answers from the evidence; without one, answers are extractive. */
export interface WriterSetup {
  readonly model: LanguageModel;
  readonly timeoutMs: number;
  readonly logger?: Logger;
}

/**
 * Builds the serving engine from loaded index data. When the index's vectors come from another
 * model than `embedder`, dense search is off and answers come from BM25 alone (said in `notes`).
 */
export function createEngine(options: {
  data: IndexData;
  vectorIndex: VectorIndex;
  embedder: Embedder;
  thresholds?: AnswerThresholds;
  writer?: WriterSetup;
  /** More for /readyz, e.g. how the runtime could match the index's model. */
  notes?: readonly string[];
}): Engine {
  const { data, embedder, thresholds, writer } = options;
  const compatible = embedderMatches(data.manifest, embedder);
  const notes = [
    ...(compatible
      ? []
      : [
          `dense search is off: the index was built with "${data.manifest.model.id}" but the embedder is "${embedder.modelId}"; answering from BM25 alone`,
        ]),
    ...(options.notes ?? []),
  ];
  const knowledge = createKnowledgeBase({ data, vectorIndex: compatible ? options.vectorIndex : undefined });
  const extractive = createGroundedAnswerer({ knowledge, embedder, thresholds });
  const answerer = writer
    ? createWritingAnswerer({ knowledge, embedder, extractive, model: writer.model, timeoutMs: writer.timeoutMs, logger: writer.logger })
    : extractive;
  const summaries = data.documents.map(summarize);
  return {
    answerer,
    getDocument: (docId) => knowledge.documents.get(docId),
    listDocuments: () => summaries,
    describe: () => ({
      modelId: data.manifest.model.id,
      documents: data.documents.length,
      chunks: data.chunks.length,
      denseSearch: compatible,
      writer: writer ? { provider: writer.model.provider, model: writer.model.modelId } : "off",
      notes,
    }),
  };
}
