// The cases issue 10 quotes from outside testing, against the real model and the real index (the
// visit corpus) or the handbook fixture indexed in-process. Each failed before the fix.
import { beforeAll, describe, expect, it } from "vitest";
import { createGroundedAnswerer } from "../../src/answer/grounded-answerer.ts";
import type { Answerer, AskResponse } from "../../src/answer/types.ts";
import { buildIndex } from "../../src/ingest/build-index.ts";
import { loadCorpus } from "../../src/ingest/load-corpus.ts";
import { createKnowledgeBase } from "../../src/retrieve/knowledge-base.ts";
import { FlatIndex } from "../../src/store/flat-index.ts";
import { splitSentences } from "../../src/text/sentences.ts";
import { realEmbedder, realEngine } from "../helpers/real-model.ts";

const CHANCAY_HISTORY = [
  { role: "user" as const, content: "Tell me about Chancay Port." },
  {
    role: "assistant" as const,
    content:
      "Balarezo said that Chancay Port, a landmark project under the two countries' Belt and Road cooperation, is considered one of the largest port investments in South America.",
  },
];

let visit: Answerer;
let handbook: Answerer;

beforeAll(async () => {
  visit = (await realEngine()).answerer;
  const embedder = await realEmbedder();
  const { data } = await buildIndex({ documents: await loadCorpus("test/fixtures/eval/handbook/corpus"), embedder, counter: embedder });
  const vectorIndex = new FlatIndex({
    dimensions: data.manifest.model.dimensions,
    vectors: data.chunkVectors,
    chunkIds: data.chunks.map((chunk) => chunk.id),
  });
  handbook = createGroundedAnswerer({ knowledge: createKnowledgeBase({ data, vectorIndex }), embedder });
}, 120_000);

const shortText = (response: AskResponse) => (response as AskResponse & { shortAnswer?: { text: string } }).shortAnswer?.text;

describe("unanswerable questions are not answered with confidence", () => {
  it.each([
    ["In which year was the original FTA signed?"],
    ["What was the value of bilateral trade last year?"],
    ["Who else from China travels with Xi?"],
  ])("%s abstains", async (question) => {
    expect((await visit.ask({ question })).grounded).toBe(false);
  });

  it("a follow-up asking how much China invested does not quote 'one of the largest port investments'", async () => {
    const response = await visit.ask({ question: "How much did China invest in it?", history: CHANCAY_HISTORY });
    expect(response.grounded).toBe(false);
  });
});

describe("answers hold what was asked", () => {
  it("'Who is the ambassador?' names him", async () => {
    const response = await visit.ask({ question: "Who is the ambassador?" });
    expect(response.grounded).toBe(true);
    expect(response.citations[0]?.quote).toContain("Marco V. Balarezo");
    expect(shortText(response)).toBe("Marco V. Balarezo");
  });

  it("'What will Xi and Boluarte inaugurate?' quotes the sentence about the port's inauguration", async () => {
    const response = await visit.ask({ question: "What will Xi and Boluarte inaugurate?" });
    expect(response.grounded).toBe(true);
    expect(response.citations[0]?.quote).toContain("The inauguration of the port on Thursday");
  });

  it("extra sentences join only when they add question terms the first lacks", async () => {
    for (const question of ["When will the port be inaugurated?", "Who will inaugurate Chancay Port?", "What does APEC 2024 represent?"]) {
      const response = await visit.ask({ question });
      expect(response.citations, question).toHaveLength(1);
    }
  });
});

describe("conversational turns", () => {
  it("'tell me more' quotes the next passage of the topic, not the same one again", async () => {
    const response = await visit.ask({ question: "Tell me more", history: CHANCAY_HISTORY });
    expect(response.grounded).toBe(true);
    expect(response.citations.length).toBeGreaterThan(0);
    for (const citation of response.citations) expect(CHANCAY_HISTORY[1]?.content).not.toContain(citation.quote);
  });

  it("'thanks, that helps' gets a short reply, not a re-quoted passage", async () => {
    const response = await visit.ask({ question: "thanks, that helps", history: CHANCAY_HISTORY });
    expect(response.grounded).toBe(false);
    expect(response.citations).toEqual([]);
    expect(response.answer).toContain("Agreements in a range of fields");
  });
});

describe("the handbook", () => {
  it("'How many vacation days…?' counts days written four words before 'vacation'", async () => {
    const response = await handbook.ask({ question: "How many vacation days do full-time employees get?" });
    expect(response.grounded).toBe(true);
    expect(response.citations[0]?.quote).toContain("25 days of paid vacation");
    expect(shortText(response)).toBe("25 days");
  });

  it("'Who approves expense reports?' is answered with a role the corpus uses", async () => {
    const response = await handbook.ask({ question: "Who approves expense reports?" });
    expect(response.grounded).toBe(true);
    expect(response.citations[0]?.quote).toContain("approved by your team lead");
    expect(shortText(response)).toBe("team lead");
  });
});

describe("the sentence splitter", () => {
  it("keeps a quoted slogan whole", () => {
    const text = 'Our values are summed up in our motto, "Empower. Include. Grow." Every new employee hears the story.';
    expect(splitSentences(text).map((span) => text.slice(span.start, span.end))).toEqual([
      'Our values are summed up in our motto, "Empower. Include. Grow."',
      "Every new employee hears the story.",
    ]);
  });
});
