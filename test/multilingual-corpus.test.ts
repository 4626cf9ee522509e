// A corpus in three languages: each document is analysed in its own language, a question meets the
// documents of its language through their stems (Spanish) or words (Chinese), and the lead appears only
// when the quotes are in another language than the question. BM25 alone: the index's vectors come
// from a stand-in model the engine does not use.
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../src/create-engine.ts";
import type { Embedder } from "../src/embed/embedder.ts";
import type { Engine } from "../src/engine.ts";
import { buildIndex } from "../src/ingest/build-index.ts";
import type { SourceDocument } from "../src/ingest/document.ts";
import { createKnowledgeBase } from "../src/retrieve/knowledge-base.ts";
import type { IndexData } from "../src/store/index-data.ts";
import { wordCounter } from "./helpers/word-counter.ts";

const DOCUMENTS: SourceDocument[] = [
  {
    id: "en-port",
    title: "The port",
    text: "Chancay Port will be inaugurated on Thursday by both presidents. It links Shanghai and Peru directly.",
  },
  {
    id: "es-comercio",
    title: "Comercio",
    text: "China es el principal socio comercial del Perú desde hace diez años. Las exportaciones peruanas de arándanos crecieron mucho.",
  },
  {
    id: "zh-huiwu",
    title: "会晤",
    text: "两国元首去年在旧金山会晤。今年六月，两国元首又在北京举行会谈。",
  },
];

/** Vectors for the build only: constant, since the engine never searches them. */
function standInEmbedder(modelId: string): Embedder {
  return {
    modelId,
    dimensions: 4,
    pooling: "mean",
    normalized: true,
    embed: async (texts) => texts.map(() => Float32Array.from([1, 0, 0, 0])),
  };
}

let data: IndexData;
let engine: Engine;

beforeAll(async () => {
  ({ data } = await buildIndex({ documents: DOCUMENTS, embedder: standInEmbedder("test/stand-in"), counter: wordCounter() }));
  engine = createEngine({
    data,
    vectorIndex: { dimensions: 4, size: 0, search: async () => [] },
    embedder: standInEmbedder("test/other-model"),
  });
});

describe("a corpus in English, Spanish and Chinese", () => {
  it("analyses each document in its language and records the languages", () => {
    expect(data.bm25.languages).toEqual(["en", "es", "zh"]);
    const knowledge = createKnowledgeBase({ data, vectorIndex: undefined });
    expect(Object.fromEntries(knowledge.documentLanguages)).toEqual({ "en-port": "en", "es-comercio": "es", "zh-huiwu": "zh" });
  });

  it("answers a Chinese question from the Chinese document, verbatim and without a lead", async () => {
    const response = await engine.answerer.ask({ question: "两国元首去年在哪里会晤？" });
    expect(response).toMatchObject({ language: "zh", grounded: true });
    expect(response.citations[0]).toMatchObject({ docId: "zh-huiwu", quote: "两国元首去年在旧金山会晤。" });
    expect(response.answer.startsWith("两国元首去年在旧金山会晤。")).toBe(true);
  });

  it("answers a Spanish question typed without accents from the Spanish document, without a lead", async () => {
    const response = await engine.answerer.ask({ question: "cuales exportaciones peruanas crecieron" });
    expect(response).toMatchObject({ language: "es", grounded: true });
    expect(response.citations[0]?.docId).toBe("es-comercio");
    expect(response.answer).toBe("Las exportaciones peruanas de arándanos crecieron mucho.");
  });

  it("leads quotes from another language's document in the asker's language", async () => {
    const english = await engine.answerer.ask({ question: "Which exportaciones peruanas grew?" });
    expect(english).toMatchObject({ language: "en", grounded: true });
    expect(english.answer).toBe("According to the sources:\nLas exportaciones peruanas de arándanos crecieron mucho.");
    const spanish = await engine.answerer.ask({ question: "¿Cuándo se inaugura Chancay Port?" });
    expect(spanish).toMatchObject({ language: "es", grounded: true });
    expect(spanish.answer).toMatch(/^Según las fuentes:\nChancay Port will be inaugurated on Thursday/);
  });
});
