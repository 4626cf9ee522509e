import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import { describe, expect, it } from "vitest";
import { EmbedderEmbeddings } from "../src/embed/langchain-embeddings.ts";
import { createKnowledgeBase } from "../src/retrieve/knowledge-base.ts";
import { HybridRetriever } from "../src/retrieve/langchain-retriever.ts";
import { loadIndex } from "../src/store/index-store.ts";
import { cosine, realEmbedder } from "./helpers/real-model.ts";

describe("LangChain interop", () => {
  it("EmbedderEmbeddings gives LangChain our model's vectors", async () => {
    const embedder = await realEmbedder();
    const embeddings = new EmbedderEmbeddings({ embedder });
    const [ours] = await embedder.embed(["Chancay Port"], "query");
    const query = await embeddings.embedQuery("Chancay Port");
    expect(query).toHaveLength(384);
    expect(cosine(query, ours as Float32Array)).toBeCloseTo(1, 6);
    // Dynamic int8 quantisation scales activations per batch, so compare like batches.
    const batch = ["Chancay Port", "APEC 2024"];
    const documents = await embeddings.embedDocuments(batch);
    const direct = await embedder.embed(batch, "passage");
    expect(documents).toHaveLength(2);
    for (const [index, vector] of documents.entries()) expect(cosine(vector, direct[index] as Float32Array)).toBeCloseTo(1, 6);
  });

  it("HybridRetriever runs inside a runnable sequence and returns passages with exact offsets", async () => {
    const embedder = await realEmbedder();
    const index = await loadIndex("index");
    const knowledge = createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });
    const retriever = new HybridRetriever({ knowledge, embedder, topK: 3 });
    const chain = RunnableSequence.from([
      retriever,
      new RunnableLambda({
        func: (documents: Awaited<ReturnType<typeof retriever.invoke>>) => documents.map((document) => document.metadata),
      }),
    ]);
    const passages = await chain.invoke("When will Chancay port be inaugurated?");
    expect(passages).toHaveLength(3);
    const top = passages[0];
    const document = knowledge.documents.get(top?.docId ?? "");
    expect(document?.text.slice(top?.start, top?.end)).toMatch(/inauguration of the port on Thursday/);
    const raw = await retriever.invoke("When will Chancay port be inaugurated?");
    expect(raw[0]?.pageContent).toBe(document?.text.slice(top?.start, top?.end));
  });
});
