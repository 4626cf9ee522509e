import { describe, expect, it } from "vitest";
import { coversFocus, findConceptGaps, WordVectors } from "../../src/answer/concept-gap.ts";
import { carriesFocus } from "../../src/answer/focus-checks.ts";
import { languageRules, stemEnglish } from "../../src/answer/language-rules.ts";
import { synonymEmbedder } from "../helpers/synonym-embedder.ts";

const wordVectors = new WordVectors({
  embedder: synonymEmbedder([
    ["harbour", "port"],
    ["cost", "price"],
  ]),
});
const corpusTerms = new Set(["port", "chancay", "inauguration", "thursday", "presidents"].map(stemEnglish));

const gaps = (question: string, answerText: string) =>
  findConceptGaps({ question, answerText, knows: (term) => corpusTerms.has(term), wordVectors, minSimilarity: 0.5 });

describe("findConceptGaps", () => {
  it("names question words the corpus never uses and the answer has no near synonym for", async () => {
    expect(await gaps("How much did the port cost?", "The inauguration of the port on Thursday by both presidents.")).toEqual(["cost"]);
  });

  it("accepts a near synonym in the answer", async () => {
    expect(await gaps("When will the new harbour open?", "The port opens on Thursday.")).not.toContain("harbour");
  });
});

describe("WordVectors", () => {
  it("compares words on the thresholds' scale", async () => {
    const embedder = synonymEmbedder([["harbour", "port"]]);
    const raw = new WordVectors({ embedder });
    const shifted = new WordVectors({ embedder, calibrate: (cosine) => (cosine - 0.5) * 2 });
    const [harbour, port] = (await raw.vectors(["harbour", "port"])) as [Float32Array, Float32Array];
    expect(shifted.similarity(harbour, port)).toBeCloseTo((raw.similarity(harbour, port) - 0.5) * 2, 6);
    expect(raw.similarity(harbour, new Float32Array(0))).toBe(-1);
  });
});

describe("coversFocus", () => {
  it("needs one of the question's non-name words in the answer, literally or as a synonym", async () => {
    const answer = "During the visit, he will hold talks with President Boluarte.";
    expect(await coversFocus({ focusWords: ["inaugurate"], answerText: answer, wordVectors, minSimilarity: 0.5 })).toBe(false);
    expect(
      await coversFocus({ focusWords: ["inaugurate"], answerText: "The inauguration is on Thursday.", wordVectors, minSimilarity: 0.5 }),
    ).toBe(true);
    expect(await coversFocus({ focusWords: ["harbour"], answerText: "The port opens on Thursday.", wordVectors, minSimilarity: 0.5 })).toBe(
      true,
    );
    expect(await coversFocus({ focusWords: [], answerText: "Anything.", wordVectors, minSimilarity: 0.5 })).toBe(true);
  });
});

describe("carriesFocus (key constraints, ranks and owners)", () => {
  const rules = languageRules("en");
  const check = (question: string, sentence: string) => carriesFocus({ question, sentence, rules });

  it("needs each key constraint said in the sentence", () => {
    const upgrade = "In June the two sides concluded negotiations to upgrade the free trade agreement.";
    expect(check("In which year was the original FTA signed?", upgrade)).toBe(false);
    expect(check("When was the original FTA signed?", "The original agreement was first signed in 2009.")).toBe(true);
    expect(check("What was the value of bilateral trade last year?", "Bilateral trade grew last year.")).toBe(false);
    expect(check("What was the value of bilateral trade last year?", "Bilateral trade was worth 30 billion dollars last year.")).toBe(true);
    expect(check("How much did the port cost?", "The port is one of the largest port investments.")).toBe(false);
    expect(check("Who else travels with Xi?", "Xi travels to Lima on Wednesday.")).toBe(false);
    expect(check("Who else travels with Xi?", "Xi is also accompanied by the foreign minister.")).toBe(true);
  });

  it("keeps the rank a wh-question asks for, but lets a yes/no question ask about it", () => {
    const sentence = "China has been Peru's biggest trading partner.";
    expect(check("Which country is Peru's second-largest trading partner?", sentence)).toBe(false);
    expect(check("Which country is Peru's biggest trading partner?", sentence)).toBe(true);
    expect(check("Is this his first visit?", "It will be his second visit to Peru.")).toBe(true);
  });

  it("does not take one owner's relation for another's", () => {
    const sentence = "For ten years, China has been Peru's biggest trading partner.";
    expect(check("Which country is China's biggest trading partner?", sentence)).toBe(false);
    expect(check("What is expected during Xi's state visit?", "Agreements are expected during President Xi Jinping's state visit.")).toBe(
      true,
    );
    expect(check("How could Peru use China's experience?", "Peru could benefit from the nation's experience.")).toBe(true);
  });

  it("does not take a relation said of another place for the one asked about", () => {
    const sentence = "For ten years, Peru has been China's second-largest investment destination in Latin America.";
    expect(check("Which country is China's second-largest investment destination in Asia?", sentence)).toBe(false);
    expect(check("Which country is China's second-largest investment destination in Latin America?", sentence)).toBe(true);
    expect(check("Where was the office in Oslo moved?", "The office in Oslo moved to the harbour.")).toBe(true);
    expect(check("Who lacks access to digital services in Peru?", "Rural communities lack access to digital services.")).toBe(true);
  });

  it("needs the person whose words are asked about in the sentence", () => {
    const sentence = "Balarezo said that Chancay Port is one of the largest port investments in South America.";
    expect(check("What did Boluarte say about the port?", sentence)).toBe(false);
    expect(check("What did Balarezo say about the port?", sentence)).toBe(true);
    expect(check("What did the ambassador say about the port?", sentence)).toBe(true);
    expect(check("How big is the port, according to Boluarte?", sentence)).toBe(false);
  });

  it("does not answer with a count of something else than the question's count", () => {
    const question = "What do I need if I am off sick for more than three days?";
    expect(check(question, "Requests for more than ten consecutive working days need four weeks' notice.")).toBe(false);
    expect(check(question, "A doctor's note is required for an absence longer than three consecutive working days.")).toBe(true);
    expect(check("How many days do I get after 5 years?", "After five years of service, employees receive 30 days.")).toBe(true);
    expect(check("Who approves trips of two days?", "Your team lead approves trips.")).toBe(true);
  });
});
