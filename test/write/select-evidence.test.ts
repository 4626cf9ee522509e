import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/retrieve/knowledge-base.ts";
import { selectEvidence } from "../../src/write/select-evidence.ts";
import { craftedKnowledge } from "../helpers/crafted-knowledge.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";

const TEXT = [
  "Mayor Ana Ruiz arrives in Lyon on Monday for a two-day visit.",
  "During the visit, she will meet the city's football coach.",
  "Ruiz last saw Lyon's harbour in 2019.",
  "The coach will meet reporters in Paris on Tuesday, he said.",
  "Lyon's council approved the harbour budget.",
].join(" ");

let knowledge: KnowledgeBase;

beforeAll(async () => {
  knowledge = await craftedKnowledge({
    documents: [{ id: "mayor-visit", title: "The mayor's visit", text: TEXT }],
    embedder: hashEmbedder,
  });
});

/** Evidence ranked by question-term coverage alone (no query vector), from every chunk. */
function evidence(query: string) {
  const retrieved = [...knowledge.chunks.values()].map((chunk) => ({ chunk, score: 1, denseScore: undefined }));
  return selectEvidence({ query, queryVector: undefined, retrieved, knowledge, maxEvidence: 5 }).map((sentence) => sentence.text);
}

describe("selectEvidence: which sentences the writer is shown", () => {
  it("counts the names of the sentence before for one whose subject is a pronoun ('During the visit, she ...')", () => {
    expect(evidence("Whom will Ruiz meet in Lyon?")[0]).toBe("During the visit, she will meet the city's football coach.");
  });

  it("does not for a pronoun that only closes a quote ('..., he said')", () => {
    const ranked = evidence("Whom will Ruiz meet in Lyon?");
    expect(ranked.indexOf("The coach will meet reporters in Paris on Tuesday, he said.")).toBeGreaterThan(
      ranked.indexOf("Ruiz last saw Lyon's harbour in 2019."),
    );
  });
});
