import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import type { Embedder } from "./embedder.ts";

/** Lets LangChain chains and vector stores use our embedder. */
export class EmbedderEmbeddings extends Embeddings {
  readonly #embedder: Embedder;

  constructor(options: { embedder: Embedder } & EmbeddingsParams) {
    const { embedder, ...params } = options;
    super(params);
    this.#embedder = embedder;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return (await this.#embedder.embed(documents, "passage")).map((vector) => Array.from(vector));
  }

  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.#embedder.embed([document], "query");
    return Array.from(vector ?? []);
  }
}
