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

/** Whether the comparison scores `answer`, citing the sentence that starts with `quoteStart`, a strict hit on ITEM. */
async function strictHit(answer: string, quoteStart: string): Promise<boolean | undefined> {
  const summary = await runSystem({ name: "s", answerer: answering(answer, quoteStart), items: [ITEM], knowledge });
  return summary.results[0]?.strictHit;
}

describe("the writer comparison's strict hit", () => {
  it("needs the expected words in the answer and the supporting sentence as the first citation", async () => {
    expect(await strictHit("It offers a road map [1].", "China's advancements")).toBe(true);
    expect(await strictHit("It offers a road map [1].", "The ambassador said")).toBe(false);
    expect(await strictHit("It offers hope [1].", "China's advancements")).toBe(false);
  });

  it("accepts a compound the answer writes as one word ('roadmap' for 'road map')", async () => {
    expect(await strictHit("It offers a roadmap [1].", "China's advancements")).toBe(true);
  });
});
