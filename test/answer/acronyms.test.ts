import { beforeAll, describe, expect, it } from "vitest";
import { spelledOutInCorpus } from "../../src/answer/acronyms.ts";
import { namesMissingFromCorpus } from "../../src/answer/compose-answer.ts";
import { createGroundedAnswerer } from "../../src/answer/grounded-answerer.ts";
import { languageRules } from "../../src/answer/language-rules.ts";
import type { KnowledgeBase } from "../../src/retrieve/knowledge-base.ts";
import { craftedKnowledge } from "../helpers/crafted-knowledge.ts";
import { synonymEmbedder } from "../helpers/synonym-embedder.ts";

const TEXT = [
  "The two countries upgraded their free trade agreement in June.",
  "Ports are financed under the Belt and Road Initiative.",
].join("\n\n");

let knowledge: KnowledgeBase;
const embedder = synonymEmbedder();

beforeAll(async () => {
  knowledge = await craftedKnowledge({ documents: [{ id: "trade", title: "Trade news", text: TEXT }], embedder });
});

describe("spelledOutInCorpus", () => {
  it("knows an acronym whose words the documents write out, connectors allowed between them", () => {
    expect(spelledOutInCorpus("FTA", knowledge)).toBe(true);
    expect(spelledOutInCorpus("BRI", knowledge)).toBe(true);
  });

  it("does not spell an acronym with stop words or from words the documents lack", async () => {
    const airport = await craftedKnowledge({
      documents: [{ id: "airport", title: "Airport", text: "Funds for the airport arrive next year." }],
      embedder,
    });
    // "for the airport" are not the words of "FTA".
    expect(spelledOutInCorpus("FTA", airport)).toBe(false);
    expect(spelledOutInCorpus("WTO", knowledge)).toBe(false);
  });

  it("takes only words of three to six capitals", () => {
    expect(spelledOutInCorpus("Fta", knowledge)).toBe(false);
    expect(spelledOutInCorpus("FT", knowledge)).toBe(false);
  });
});

describe("an acronym in the question", () => {
  it("is not a name missing from the corpus when the documents spell it out", () => {
    const rules = languageRules("en");
    expect(namesMissingFromCorpus({ question: "When was the FTA upgraded?", knowledge, rules })).toBe(false);
    expect(namesMissingFromCorpus({ question: "When did the WTO meet?", knowledge, rules })).toBe(true);
  });

  it("is answered from the sentence that spells it out", async () => {
    const thresholds = { minScore: 0.1, extraSentenceMargin: 0, maxSentences: 1, semanticWeight: 0.5, conceptSimilarity: 0.5 };
    const response = await createGroundedAnswerer({ knowledge, embedder, thresholds }).ask({ question: "When was the FTA upgraded?" });
    expect(response.grounded).toBe(true);
    expect(response.shortAnswer?.text).toBe("June");
  });
});
