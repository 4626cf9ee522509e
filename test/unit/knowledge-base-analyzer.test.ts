import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../src/retrieve/knowledge-base.ts";
import { type Bm25Data, Bm25Index } from "../../src/store/bm25.ts";
import { loadIndex } from "../../src/store/index-store.ts";

const QUERIES = [
  "When will the port be inaugurated?",
  "¿Quién es el embajador del Perú en China?",
  "APEC 2024 的合作重点是什么？",
  "Balarezo",
];

describe("createKnowledgeBase", () => {
  it("rebuilds a BM25 index written by another analyzer instead of matching with stale terms", async () => {
    const { data } = await loadIndex("index");
    const stale = { ...data.bm25, version: 1, analyzer: "english-porter-1", languages: undefined } as unknown as Bm25Data;
    expect(() => Bm25Index.fromJSON(stale)).toThrow(/invalid BM25 index data/);
    const knowledge = createKnowledgeBase({ data: { ...data, bm25: stale }, vectorIndex: undefined });
    const fresh = Bm25Index.build(data.chunks.map((chunk) => ({ chunkId: chunk.id, text: chunk.text, language: "en" })));
    for (const query of QUERIES) expect(knowledge.lexicalIndex.search(query, 5), query).toEqual(fresh.search(query, 5));
    expect(knowledge.lexicalIndex.search("Balarezo", 5).length).toBeGreaterThan(0);
  });

  it("uses the committed index's BM25 as it is, built by this analyzer", async () => {
    const { data } = await loadIndex("index");
    expect(Bm25Index.isCurrent(data.bm25)).toBe(true);
    expect(data.bm25.languages).toEqual(["en"]);
  });

  it("knows its documents' languages and analyses questions to meet their terms", async () => {
    const { data } = await loadIndex("index");
    const knowledge = createKnowledgeBase({ data, vectorIndex: undefined });
    expect(knowledge.languages).toEqual(["en"]);
    expect([...knowledge.documentLanguages.values()]).toEqual(["en"]);
    const terms = knowledge.analyzeQuery("¿Quién es el embajador del Perú en China?");
    expect(terms).toEqual(["embajador", "peru", "china"]);
    expect(terms.filter((term) => knowledge.knows(term))).toEqual(["peru", "china"]);
  });
});
