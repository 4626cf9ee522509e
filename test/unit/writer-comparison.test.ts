import { beforeAll, describe, expect, it } from "vitest";
import type { Answerer, AskResponse } from "../../src/answer/types.ts";
import { type ComparisonItem, runSystem } from "../../src/eval/writer-comparison.ts";
import { createKnowledgeBase, type KnowledgeBase } from "../../src/retrieve/knowledge-base.ts";
import { loadIndex } from "../../src/store/index-store.ts";

let knowledge: KnowledgeBase;
beforeAll(async () => {
  const index = await loadIndex("index");
  knowledge = createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });
});

const DOC = "chinadaily-2024-11-xi-peru-agreements";
const SUPPORT = "China's advancements in digital transformation also offer a road map for closing social and development gaps in Peru";
const ITEM: ComparisonItem = {
  id: "x1",
  split: "dev",
  kind: "factual",
  question: "Why does China's digital transformation matter for Peru?",
  docId: DOC,
  support: SUPPORT,
  expect: ["road map"],
};

/** An answerer that always says `answer`, citing the sentence that starts with `quoteStart`. */
function answering(answer: string, quoteStart: string): Answerer {
  const text = knowledge.documents.get(DOC)?.text as string;
  const start = text.indexOf(quoteStart);
  const end = text.indexOf(".", start) + 1;
  const response: AskResponse = {
    answer,
    grounded: true,
    language: "en",
    citations: [{ docId: DOC, chunkId: `${DOC}#0`, title: "t", quote: text.slice(start, end), start, end, score: 1 }],
    timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
  };
  return { ask: async () => response };
}

describe("the writer comparison's strict hit", () => {
  it("needs the expected words in the answer and the supporting sentence as the first citation", async () => {
    const right = await runSystem({
      name: "r",
      answerer: answering("It offers a road map [1].", "China's advancements"),
      items: [ITEM],
      knowledge,
    });
    expect(right.results[0]?.strictHit).toBe(true);
    const wrongSource = await runSystem({
      name: "w",
      answerer: answering("It offers a road map [1].", "The ambassador said"),
      items: [ITEM],
      knowledge,
    });
    expect(wrongSource.results[0]?.strictHit).toBe(false);
    const wrongWords = await runSystem({
      name: "v",
      answerer: answering("It offers hope [1].", "China's advancements"),
      items: [ITEM],
      knowledge,
    });
    expect(wrongWords.results[0]?.strictHit).toBe(false);
  });

  it("accepts a compound the answer writes as one word ('roadmap' for 'road map')", async () => {
    const summary = await runSystem({
      name: "j",
      answerer: answering("It offers a roadmap [1].", "China's advancements"),
      items: [ITEM],
      knowledge,
    });
    expect(summary.results[0]?.strictHit).toBe(true);
  });
});
