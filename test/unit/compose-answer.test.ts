import { beforeAll, describe, expect, it } from "vitest";
import { namesMissingFromCorpus } from "../../src/answer/compose-answer.ts";
import { createGroundedAnswerer } from "../../src/answer/grounded-answerer.ts";
import { languageRules } from "../../src/answer/language-rules.ts";
import type { Answerer } from "../../src/answer/types.ts";
import type { KnowledgeBase } from "../../src/retrieve/knowledge-base.ts";
import { craftedKnowledge } from "../helpers/crafted-knowledge.ts";
import { synonymEmbedder } from "../helpers/synonym-embedder.ts";

const TEXT = [
  "Mayor Lena Ortiz will open the Northgate harbour on Friday, the city council said.",
  "The harbour cost 40 million euros to build.",
  "Ferries to Saltmarsh leave the harbour every two hours.",
  "The harbour master, Ivo Brandt, manages the harbour's 12 tug boats.",
  "Residents of Northgate were consulted about the harbour in 2021.",
].join("\n\n");

let knowledge: KnowledgeBase;
let answerer: Answerer;

beforeAll(async () => {
  const embedder = synonymEmbedder([["harbour", "port"]]);
  knowledge = await craftedKnowledge({ documents: [{ id: "harbour-news", title: "Northgate harbour opens", text: TEXT }], embedder });
  answerer = createGroundedAnswerer({
    knowledge,
    embedder,
    thresholds: { minScore: 0.1, extraSentenceMargin: 0.5, maxSentences: 3, semanticWeight: 0.5, conceptSimilarity: 0.5 },
  });
});

describe("composeAnswer through the grounded answerer", () => {
  it("quotes the sentence holding the slot, with a verbatim shortAnswer", async () => {
    const response = await answerer.ask({ question: "How much did the harbour cost?" });
    expect(response.grounded).toBe(true);
    expect(response.citations[0]?.quote).toBe("The harbour cost 40 million euros to build.");
    const short = response.shortAnswer;
    expect(short?.text).toBe("40 million euros");
    expect(TEXT.slice(short?.start, short?.end)).toBe(short?.text);
  });

  it("joins a further sentence only when it adds question terms the first lacks", async () => {
    const alone = await answerer.ask({ question: "When will the harbour open?" });
    expect(alone.citations).toHaveLength(1);
    expect(alone.shortAnswer?.text).toBe("Friday");
    const both = await answerer.ask({ question: "What does the harbour master manage, and were residents consulted?" });
    // The two sentences follow each other in the document, so they become one quote; no other sentence joins.
    const from = TEXT.indexOf("The harbour master");
    expect(both.citations.map((citation) => citation.quote)).toEqual([TEXT.slice(from, TEXT.indexOf("in 2021.") + "in 2021.".length)]);
  });

  it("abstains when the key constraint is not said", async () => {
    const response = await answerer.ask({ question: "What was the original cost of the harbour?" });
    expect(response.grounded).toBe(false);
    expect(response.answer).toMatch(/do not say/);
  });

  it("abstains when the sentence speaks of another kind of the thing asked about", async () => {
    // "12 tug boats" are boats, but not the ferry boats asked about (the corpus knows ferries).
    expect((await answerer.ask({ question: "Who manages the ferry boats of the harbour?" })).grounded).toBe(false);
    const tugs = await answerer.ask({ question: "Who manages the tug boats of the harbour?" });
    expect(tugs.grounded).toBe(true);
    expect(tugs.citations[0]?.quote).toContain("12 tug boats");
  });

  it("gives a price only from a sentence that says what is priced", async () => {
    // "The harbour cost 40 million euros" prices the harbour, not the tug boats the corpus mentions elsewhere.
    expect((await answerer.ask({ question: "How much did the tug boats cost?" })).grounded).toBe(false);
  });

  it("abstains on a name the corpus never mentions", async () => {
    expect((await answerer.ask({ question: "When will Ortiz visit Brazil?" })).grounded).toBe(false);
  });

  it("answers greetings, thanks and scope questions from the document titles, without citations", async () => {
    for (const question of ["Hello!", "thanks, that helps", "What can you answer?"]) {
      const response = await answerer.ask({ question });
      expect(response.grounded, question).toBe(false);
      expect(response.citations, question).toEqual([]);
      expect(response.answer, question).toContain("“Northgate harbour opens”");
    }
  });

  it("treats a turn asking what the bot can do as a scope question, and one naming a topic as a question", async () => {
    for (const question of ["What topics can you help me with?", "How can you help me?", "What kind of questions can I ask you?"]) {
      const response = await answerer.ask({ question });
      expect(response.citations, question).toEqual([]);
      expect(response.answer, question).toContain("“Northgate harbour opens”");
    }
    const topical = await answerer.ask({ question: "What can you tell me about the harbour's cost?" });
    expect(topical.answer).not.toContain("“Northgate harbour opens”");
  });

  it("'tell me more' quotes the next sentences of the topic and never the one already given", async () => {
    const history = [
      { role: "user" as const, content: "Tell me about the harbour." },
      { role: "assistant" as const, content: "The harbour cost 40 million euros to build." },
    ];
    const response = await answerer.ask({ question: "Tell me more", history });
    expect(response.grounded).toBe(true);
    expect(response.citations.map((citation) => citation.quote)).not.toContain("The harbour cost 40 million euros to build.");
  });

  it("'tell me more' with nothing asked yet describes the scope", async () => {
    const response = await answerer.ask({ question: "tell me more" });
    expect(response.citations).toEqual([]);
    expect(response.answer).toContain("Northgate harbour opens");
  });
});

describe("namesMissingFromCorpus", () => {
  it("flags an unknown name in English but not German nouns", () => {
    const question = "Wie viele Urlaubstage bekommen Vollzeitbeschäftigte?";
    expect(namesMissingFromCorpus({ question, knowledge, rules: languageRules("en") })).toBe(true);
    expect(namesMissingFromCorpus({ question, knowledge, rules: languageRules("other") })).toBe(false);
    expect(namesMissingFromCorpus({ question: "Who is Lena Ortiz?", knowledge, rules: languageRules("en") })).toBe(false);
    expect(namesMissingFromCorpus({ question: "Can I ask about Brazil?", knowledge, rules: languageRules("en") })).toBe(true);
  });

  it("knows a place named by its demonym when the corpus names the place", async () => {
    const text = "Hotel costs are reimbursed up to 180 euros per night in Europe and up to 250 dollars in Canada.";
    const hotels = await craftedKnowledge({ documents: [{ id: "expenses", title: "Expenses", text }], embedder: synonymEmbedder() });
    const missing = (question: string) => namesMissingFromCorpus({ question, knowledge: hotels, rules: languageRules("en") });
    expect(missing("What is the hotel limit on European trips?")).toBe(false);
    expect(missing("What is the hotel limit on Canadian trips?")).toBe(false);
    expect(missing("What is the hotel limit on Brazilian trips?")).toBe(true);
    expect(missing("What is the hotel limit on Asian trips?")).toBe(true);
  });

  it("reads a demonym before a noun for a country as a description, not a name", async () => {
    const missing = (question: string) => namesMissingFromCorpus({ question, knowledge, rules: languageRules("en") });
    // The corpus never says "Europe": "the European nation" describes a country; "European ferries" names a place it lacks.
    expect(missing("When will the mayor of the European nation open the harbour?")).toBe(false);
    expect(missing("How long has the Asian power owned the harbour?")).toBe(false);
    expect(missing("Which European ferries leave the harbour?")).toBe(true);
    expect(missing("When will the Brazilian president open the harbour?")).toBe(true);
  });

  it("takes an amount said of the place a demonym names", async () => {
    const text = "On trips, the hotel limit is 180 euros per night in Europe.\n\nTrains are booked through the travel desk.";
    const embedder = synonymEmbedder([["european", "europe"]]);
    const hotels = await craftedKnowledge({ documents: [{ id: "expenses", title: "Expenses", text }], embedder });
    const thresholds = { minScore: 0.05, extraSentenceMargin: 0, maxSentences: 1, semanticWeight: 0.5, conceptSimilarity: 0.5 };
    const response = await createGroundedAnswerer({ knowledge: hotels, embedder, thresholds }).ask({
      question: "How much is the hotel limit per night on European trips?",
    });
    expect(response.grounded).toBe(true);
    expect(response.shortAnswer?.text).toBe("180 euros");
  });
});

describe("sentence scores", () => {
  const inauguration = "The inauguration of the port on Thursday by both presidents opens a new route.";
  /** The first citation answering "What will Xi and Boluarte inaugurate?" over `text`; nothing else is focused on inaugurating. */
  const answerTo = async (text: string, contextWeight = 0.5) => {
    const embedder = synonymEmbedder();
    const crafted = await craftedKnowledge({ documents: [{ id: "visit", title: "The visit", text }], embedder });
    const thresholds = { minScore: 0, extraSentenceMargin: 0, maxSentences: 1, semanticWeight: 0.5, conceptSimilarity: 0.9, contextWeight };
    const response = await createGroundedAnswerer({ knowledge: crafted, embedder, thresholds }).ask({
      question: "What will Xi and Boluarte inaugurate?",
    });
    return response.citations[0];
  };

  it("count the question's words said in the sentence just before, at the context weight", async () => {
    const distant = await answerTo(`Xi will meet Boluarte in Lima.\n\nThe weather in Lima is mild.\n\n${inauguration}`);
    const adjacent = await answerTo(`The weather in Lima is mild.\n\nXi will meet Boluarte in Lima.\n\n${inauguration}`);
    expect(distant?.quote).toBe(inauguration);
    expect(adjacent?.quote).toBe(inauguration);
    expect(adjacent?.score).toBeGreaterThan(distant?.score ?? 1);
    const unweighted = await answerTo(`The weather in Lima is mild.\n\nXi will meet Boluarte in Lima.\n\n${inauguration}`, 0);
    expect(unweighted?.score).toBe(distant?.score);
  });
});

describe("follow-ups", () => {
  it("do not answer with a name the earlier turns already said", async () => {
    const embedder = synonymEmbedder();
    const text =
      "The Harbour Board met Mayor Lena Ortiz to discuss the ferries.\n\nThe ferries were built in Saltmarsh by a local company.";
    const crafted = await craftedKnowledge({ documents: [{ id: "ferries", title: "Ferries", text }], embedder });
    const thresholds = { minScore: 0.05, extraSentenceMargin: 0, maxSentences: 1, semanticWeight: 0.5, conceptSimilarity: 0.9 };
    const response = await createGroundedAnswerer({ knowledge: crafted, embedder, thresholds }).ask({
      question: "Which company built those ferries?",
      history: [
        { role: "user", content: "What did the Harbour Board discuss with Ortiz?" },
        { role: "assistant", content: "The Harbour Board met Mayor Lena Ortiz to discuss the ferries." },
      ],
    });
    expect(response.shortAnswer?.text).toBeUndefined();
    expect(response.grounded).toBe(false);
  });
});

describe("follow-ups after a quoted answer", () => {
  const desk = "Report a lost device to the service desk within 24 hours.";
  const hours = "The service desk is open from 8:00 to 18:00 on working days.";
  const history = [
    { role: "user" as const, content: "Where do I report a lost device?" },
    { role: "assistant" as const, content: desk },
  ];
  const ask = async (question: string) => {
    const embedder = synonymEmbedder();
    const crafted = await craftedKnowledge({ documents: [{ id: "it", title: "IT", text: `${desk}\n\n${hours}` }], embedder });
    const thresholds = { minScore: 0.05, extraSentenceMargin: 0, maxSentences: 1, semanticWeight: 0.5, conceptSimilarity: 0.9 };
    return createGroundedAnswerer({ knowledge: crafted, embedder, thresholds }).ask({ question, history });
  };

  it("answer from a sentence not yet quoted when it says a question term the quoted one lacks", async () => {
    const response = await ask("What are the desk's opening hours?");
    expect(response.grounded).toBe(true);
    expect(response.citations[0]?.quote).toBe(hours);
  });

  it("re-quote the answer when no other sentence adds anything the question asks", async () => {
    const response = await ask("Within how many hours must I report the lost device to the desk?");
    expect(response.citations[0]?.quote).toBe(desk);
  });
});

describe("questions in Spanish or Chinese over English sentences", () => {
  // The synonym double embeds a Spanish or Chinese question near no English sentence, so every
  // sentence scores alike and the cross-lingual checks alone decide, as with no minimum score.
  const thresholds = {
    minScore: 0.1,
    extraSentenceMargin: 0,
    maxSentences: 1,
    semanticWeight: 0.5,
    conceptSimilarity: 0.5,
    crossLingualMinScore: -1,
  };
  const ask = async (text: string, question: string) => {
    const embedder = synonymEmbedder();
    const crafted = await craftedKnowledge({ documents: [{ id: "mission", title: "The mission", text }], embedder });
    return createGroundedAnswerer({ knowledge: crafted, embedder, thresholds }).ask({ question });
  };

  it("answer a date or number about someone named only by role from a sentence naming the role", async () => {
    const text = [
      "The port of Callao has handled ships for 12 years, the city said.",
      "Ana Ruiz has served as ambassador for 3 years, the ministry said.",
    ].join("\n\n");
    const response = await ask(text, "他担任大使多久了？");
    expect(response.grounded).toBe(true);
    expect(response.citations[0]?.quote).toContain("ambassador for 3 years");
  });

  it("need every country the question names in the sentence, whatever it asks", async () => {
    const text = [
      "Ana Ruiz said the new port will serve trade with Chile and the rest of the region.",
      "Brazil and Argentina signed a customs agreement in May, the ministry reported.",
    ].join("\n\n");
    expect((await ask(text, "¿Qué opina Ana Ruiz sobre Brasil?")).grounded).toBe(false);
    expect((await ask(text, "¿Qué opina Ana Ruiz sobre Chile?")).grounded).toBe(true);
  });
});

describe("near-miss questions whose words a sentence shares without the fact asked", () => {
  const text = [
    "Each team has a team lead, who approves vacation and sets priorities.",
    "Expense reports are approved by your team lead; large reports also need the finance director's approval.",
    "Salaries are paid on the 25th of each month.",
    "The other founder, Pieter de Wit, is the chief technology officer.",
  ].join("\n\n");
  const ask = async (question: string) => {
    const embedder = synonymEmbedder();
    const crafted = await craftedKnowledge({ documents: [{ id: "roles", title: "Roles", text }], embedder });
    const thresholds = { minScore: 0.05, extraSentenceMargin: 0, maxSentences: 1, semanticWeight: 0.5, conceptSimilarity: 0.9 };
    return createGroundedAnswerer({ knowledge: crafted, embedder, thresholds }).ask({ question });
  };

  it("abstain when a sentence saying more of the question holds no answer and a narrower one would", async () => {
    // The vacation sentence says every question word but names no other approver; the expense one is a neighbouring fact.
    expect((await ask("Who approves vacation for team leads?")).grounded).toBe(false);
    expect((await ask("Who approves expense reports?")).citations[0]?.quote).toMatch(/^Expense reports are approved/);
  });

  it("pass over a sentence that never says the attribute asked for, a word the corpus uses elsewhere", async () => {
    const response = await ask("What is the salary of the chief technology officer?");
    expect(response.citations[0]?.quote ?? "").not.toMatch(/Pieter de Wit/);
  });
});
