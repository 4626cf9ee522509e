import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { Embedder } from "../embed/embedder.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";
import { embedAndRetrieve } from "./retriever.ts";

export interface PassageMetadata {
  docId: string;
  chunkId: string;
  title: string;
  start: number;
  end: number;
  score: number;
}

/** Our hybrid retrieval as a LangChain retriever: passages with their offsets as metadata. */
export class HybridRetriever extends BaseRetriever<PassageMetadata> {
  lc_namespace = ["xi_peru_qa", "retrievers"];
  readonly #knowledge: KnowledgeBase;
  readonly #embedder: Embedder;
  readonly #topK: number;

  constructor(options: { knowledge: KnowledgeBase; embedder: Embedder; topK?: number } & BaseRetrieverInput) {
    const { knowledge, embedder, topK = 5, ...fields } = options;
    super(fields);
    this.#knowledge = knowledge;
    this.#embedder = embedder;
    this.#topK = topK;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<PassageMetadata>[]> {
    const { retrieved: hits } = await embedAndRetrieve({ knowledge: this.#knowledge, embedder: this.#embedder, query, topK: this.#topK });
    return hits.map(
      ({ chunk, score }) =>
        new Document<PassageMetadata>({
          pageContent: chunk.text,
          metadata: {
            docId: chunk.docId,
            chunkId: chunk.id,
            title: this.#knowledge.documents.get(chunk.docId)?.title ?? "",
            start: chunk.start,
            end: chunk.end,
            score,
          },
        }),
    );
  }
}
