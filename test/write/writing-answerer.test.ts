import { beforeAll, describe, expect, it } from "vitest";
import { createGroundedAnswerer } from "../../src/answer/grounded-answerer.ts";
import type { AnswerEvent, Answerer, AskResponse } from "../../src/answer/types.ts";
import type { Embedder } from "../../src/embed/embedder.ts";
import { createKnowledgeBase, type KnowledgeBase } from "../../src/retrieve/knowledge-base.ts";
import { loadIndex } from "../../src/store/index-store.ts";
import { type LanguageModel, LanguageModelError } from "../../src/write/language-model.ts";
import { reverifyAnswer } from "../../src/write/reverify-answer.ts";
import { createWritingAnswerer, type WritingAnswererOptions } from "../../src/write/writing-answerer.ts";
import { realEmbedder } from "../helpers/real-model.ts";
import { evidenceNumber, isReaderPrompt, isRewritePrompt, scriptedModel } from "./scripted-model.ts";

let knowledge: KnowledgeBase;
let embedder: Embedder;
let extractive: Answerer;

beforeAll(async () => {
  const index = await loadIndex("index");
  knowledge = createKnowledgeBase({ data: index.data, vectorIndex: index.hnsw });
  embedder = await realEmbedder();
  extractive = createGroundedAnswerer({ knowledge, embedder });
});

function writer(model: LanguageModel, options: Partial<WritingAnswererOptions> = {}) {
  const warnings: string[] = [];
  const answerer = createWritingAnswerer({
    knowledge,
    embedder,
    extractive,
    model,
    logger: { error: () => undefined, warn: (message) => warnings.push(message) },
    ...options,
  });
  return { answerer, warnings };
}

async function events(answerer: Answerer, question: string, history?: { role: "user" | "assistant"; content: string }[]) {
  const seen: AnswerEvent[] = [];
  for await (const event of (answerer.stream as NonNullable<Answerer["stream"]>)({ question, history })) seen.push(event);
  return seen;
}

function expectVerbatim(response: AskResponse) {
  for (const citation of response.citations) {
    expect(knowledge.documents.get(citation.docId)?.text.slice(citation.start, citation.end)).toBe(citation.quote);
  }
}

describe("the writing answerer ships only verified sentences, with quotes cut from the documents", () => {
  it("answers a factoid question with the reader's short span and the sentence it came from", async () => {
    const model = scriptedModel((messages) =>
      isReaderPrompt(messages) ? `${evidenceNumber(messages, "by both presidents")}: both presidents` : "unused",
    );
    const response = await writer(model).answerer.ask({ question: "Who will inaugurate Chancay Port?" });
    expect(response).toMatchObject({ answer: "Both presidents [1].", grounded: true, shortAnswer: { text: "both presidents" } });
    const short = response.shortAnswer;
    expect(short && knowledge.documents.get(short.docId)?.text.slice(short.start, short.end)).toBe("both presidents");
    expect(response.citations[0]?.quote).toContain("The inauguration of the port on Thursday by both presidents");
    expect(response.writer).toMatchObject({
      provider: "scripted",
      mode: "reader",
      outcome: "verified",
      shippedSentences: 1,
      droppedSentences: 0,
    });
    expectVerbatim(response);
  });

  it("holds a reader span to the question's focus across languages: 'el año pasado' is not the Lima visit", async () => {
    const lima = scriptedModel((messages) =>
      isReaderPrompt(messages) ? `${evidenceNumber(messages, "Xi's visit to Lima")}: Lima` : "The sources do not say.",
    );
    const question = "¿Dónde se reunieron los dos presidentes el año pasado?";
    const wrong = await writer(lima).answerer.ask({ question });
    expect(wrong.grounded).toBe(false);
    expect(wrong.writer?.dropped.map((drop) => drop.reason)).toContain("slot_mismatch");
    const sanFrancisco = scriptedModel((messages) =>
      isReaderPrompt(messages) ? `${evidenceNumber(messages, "one in San Francisco last year")}: San Francisco` : "unused",
    );
    expect(await writer(sanFrancisco).answerer.ask({ question })).toMatchObject({ grounded: true, shortAnswer: { text: "San Francisco" } });
  });

  it("holds a reader's number to what the question counts, as the extractive answerer reads it: '10 consecutive years' counts no companies", async () => {
    const model = scriptedModel((messages) =>
      isReaderPrompt(messages) ? `${evidenceNumber(messages, "For 10 consecutive years")}: 10` : "unused",
    );
    const companies = await writer(model).answerer.ask({ question: "How many Chinese companies have invested in Peru?" });
    expect(companies).toMatchObject({ grounded: false, writer: { mode: "reader", outcome: "abstained" } });
    expect(companies.writer?.dropped.map((drop) => drop.reason)).toEqual(["wrong_type"]);
    const years = await writer(model).answerer.ask({ question: "For how many years has China been Peru's biggest trading partner?" });
    expect(years).toMatchObject({ grounded: true, shortAnswer: { text: "10" } });
  });

  it("ships the document's own words when the reader's span matched only after folding ('8' for 'eight')", async () => {
    const model = scriptedModel((messages) => (isReaderPrompt(messages) ? `${evidenceNumber(messages, "in eight years")}: 8` : "unused"));
    const response = await writer(model).answerer.ask({ question: "How many years passed between Xi's two visits to Peru?" });
    expect(response).toMatchObject({ answer: "Eight [1].", grounded: true, shortAnswer: { text: "eight" } });
    const short = response.shortAnswer;
    expect(short && knowledge.documents.get(short.docId)?.text.slice(short.start, short.end)).toBe("eight");
    expect(reverifyAnswer({ question: "How many years passed between Xi's two visits to Peru?", response }).failing).toEqual([]);
  });

  it("after a reader span that names the speaker, lets the free-form writer try (English), whose speaker check still holds", async () => {
    const model = scriptedModel((messages) =>
      isReaderPrompt(messages)
        ? `${evidenceNumber(messages, "Balarezo said that Chancay Port")}: Balarezo`
        : `Both presidents will inaugurate the port on Thursday. [${evidenceNumber(messages, "by both presidents")}]`,
    );
    const response = await writer(model).answerer.ask({ question: "Who will inaugurate the port?" });
    expect(response.answer).toBe("Both presidents will inaugurate the port on Thursday. [1]");
    // The reader is asked twice (the second time told the speaker only reports it), then the free-form writer.
    expect(response.writer).toMatchObject({ mode: "free-form", outcome: "verified", droppedSentences: 2 });
    expect(response.writer?.dropped.map((drop) => drop.reason)).toEqual(["speaker_not_answer", "speaker_not_answer"]);
    // The free-form writer making the speaker act is dropped in turn: nothing verified, so the bot abstains.
    const speakerActs = scriptedModel((messages) =>
      isReaderPrompt(messages)
        ? `${evidenceNumber(messages, "Balarezo said that Chancay Port")}: Balarezo`
        : `Balarezo will inaugurate the port. [${evidenceNumber(messages, "Balarezo said that Chancay Port")}]`,
    );
    const abstained = await writer(speakerActs).answerer.ask({ question: "Who will inaugurate the port?" });
    expect(abstained).toMatchObject({ grounded: false, writer: { mode: "free-form", outcome: "abstained", droppedSentences: 3 } });
    expect(abstained.writer?.dropped.map((drop) => drop.reason)).toEqual([
      "speaker_not_answer",
      "speaker_not_answer",
      "speaker_not_answer",
    ]);
  });

  it("after a reader span that names the speaker, asks the reader again, telling it who only reports the sentence", async () => {
    for (const question of ["¿Quién inaugurará el puerto de Chancay?", "谁将为钱凯港揭幕？", "Who will inaugurate the port?"]) {
      const model = scriptedModel((messages) => {
        if (!isReaderPrompt(messages)) return "unused";
        const told = messages.at(-1)?.content.includes("<note>the ambassador only reports it and is not the answer.</note>");
        return `${evidenceNumber(messages, "by both presidents")}: ${told ? "both presidents" : "the ambassador"}`;
      });
      const response = await writer(model).answerer.ask({ question });
      expect(response, question).toMatchObject({
        grounded: true,
        shortAnswer: { text: "both presidents" },
        writer: { mode: "reader", droppedSentences: 1 },
      });
      expect(response.writer?.dropped[0]?.reason, question).toBe("speaker_not_answer");
      expect(model.prompts.filter(isReaderPrompt), question).toHaveLength(2);
    }
    // A second reply that fails otherwise still leaves English its free-form try.
    const model = scriptedModel((messages) => {
      if (!isReaderPrompt(messages))
        return `Both presidents will inaugurate the port on Thursday. [${evidenceNumber(messages, "by both presidents")}]`;
      const told = messages.at(-1)?.content.includes("<note>");
      return `${evidenceNumber(messages, "by both presidents")}: ${told ? "the mayor" : "the ambassador"}`;
    });
    const response = await writer(model).answerer.ask({ question: "Who will inaugurate the port?" });
    expect(response).toMatchObject({
      grounded: true,
      answer: "Both presidents will inaugurate the port on Thursday. [1]",
      writer: { mode: "free-form" },
    });
    expect(response.writer?.dropped.map((drop) => drop.reason)).toEqual(["speaker_not_answer", "wrong_type"]);
  });

  it("abstains after other reader failures, and after a speaker span to a question not in English", async () => {
    const wrongSentence = scriptedModel((messages) =>
      isReaderPrompt(messages) ? `${evidenceNumber(messages, "Balarezo said that Chancay Port")}: March 2025` : "unused [1].",
    );
    const abstained = await writer(wrongSentence).answerer.ask({ question: "When will the port be inaugurated?" });
    expect(abstained).toMatchObject({ grounded: false, writer: { mode: "reader", outcome: "abstained", droppedSentences: 1 } });
    const spanish = scriptedModel((messages) =>
      isReaderPrompt(messages) ? `${evidenceNumber(messages, "Balarezo said that Chancay Port")}: Balarezo` : "Balarezo lo inaugurará [1].",
    );
    const response = await writer(spanish).answerer.ask({ question: "¿Quién inaugurará el puerto de Chancay?" });
    expect(response).toMatchObject({ grounded: false, writer: { mode: "reader", outcome: "abstained" } });
    expect(response.writer?.dropped[0]?.reason).toBe("speaker_not_answer");
    const told = await writer(wrongSentence, { afterReaderFailure: "free-form" }).answerer.ask({
      question: "When will the port be inaugurated?",
    });
    expect(told.writer?.mode).toBe("free-form");
  });

  it("gives a weekday answer in the asker's language beside the document's word, and it verifies", async () => {
    for (const [question, answer] of [
      ["习近平的访问从星期几开始？", "星期三(Wednesday) [1]。"],
      ["¿Qué día empieza el viaje de Xi?", "Miércoles (Wednesday) [1]."],
    ] as const) {
      const model = scriptedModel((messages) =>
        isReaderPrompt(messages) ? `${evidenceNumber(messages, "starting on Wednesday")}: Wednesday` : "unused",
      );
      const response = await writer(model).answerer.ask({ question });
      expect(response, question).toMatchObject({ answer, grounded: true, shortAnswer: { text: "Wednesday" } });
      expect(reverifyAnswer({ question, response }).failing, question).toEqual([]);
    }
  });

  it("takes 'the sources do not say' for a factoid as an abstention, keeping the sourced correction", async () => {
    const model = scriptedModel(
      (messages) =>
        `The sources do not say how much it cost; they say it is one of the largest port investments in South America [${evidenceNumber(messages, "largest port investments")}].`,
    );
    const response = await writer(model, { reader: false }).answerer.ask({ question: "How much did the Chancay port cost?" });
    expect(response).toMatchObject({ grounded: false, writer: { outcome: "abstained", shippedSentences: 1 } });
    expect(response.answer).toMatch(/^The sources do not say how much it cost; .* \[1\]\.$/);
    expect(response.citations[0]?.quote).toContain("one of the largest port investments in South America");
  });

  it("takes a sentence saying the evidence does not give it for an abstention, never a grounded answer, in any language", async () => {
    for (const [question, reply] of [
      ["What is the annual capacity of Chancay Port?", "The annual capacity of Chancay Port is not mentioned in the evidence"],
      ["¿Cuál es la capacidad anual del puerto de Chancay?", "La capacidad anual del puerto de Chancay no se menciona en las fuentes"],
      ["钱凯港的吞吐能力怎么样？", "证据中没有提到钱凯港的吞吐能力"],
      ["Summarise what the sources say about the port's capacity.", "The evidence does not specify the port's capacity"],
    ] as const) {
      const model = scriptedModel((messages) => `${reply} [${evidenceNumber(messages, "largest port investments")}].`);
      const response = await writer(model).answerer.ask({ question });
      expect(response, question).toMatchObject({ grounded: false, writer: { outcome: "abstained", shippedSentences: 0 } });
      expect(response.writer?.dropped.map((drop) => drop.reason)).toEqual(["no_answer"]);
    }
  });

  it("keeps a 'not mentioned; they say ...' sentence as a correction: it corrects a why question's premise and answers no fact question", async () => {
    const needle = "The inauguration of the port on Thursday by both presidents";
    const model = scriptedModel(
      (messages) =>
        `A cancellation is not mentioned in the evidence; it says the port will be inaugurated on Thursday [${evidenceNumber(messages, needle)}].`,
    );
    const why = await writer(model).answerer.ask({ question: "Why did Xi cancel the Chancay inauguration?" });
    expect(why).toMatchObject({ grounded: true, writer: { outcome: "verified", shippedSentences: 1 } });
    const fact = await writer(model, { reader: false }).answerer.ask({ question: "What was the value of the inauguration contract?" });
    expect(fact).toMatchObject({ grounded: false, writer: { outcome: "abstained" } });
  });

  it("takes 'the sources do not say' for a fact question without a reader slot ('What is the total value ...?', 'How long ...?') as an abstention", async () => {
    for (const [question, needle] of [
      ["What is the total value of Chinese investment in Peru?", "increase in bilateral trade and Chinese investment"],
      ["How long is the shipping route from Shanghai to Chancay?", "direct route from Shanghai to Chancay"],
      ["¿Qué dijo el embajador sobre la ruta marítima de Shanghái a Chancay?", "direct route from Shanghai to Chancay"],
    ] as const) {
      const model = scriptedModel((messages) => `The sources do not say that; they say ${needle} [${evidenceNumber(messages, needle)}].`);
      const response = await writer(model).answerer.ask({ question });
      expect(response, question).toMatchObject({
        grounded: false,
        writer: { mode: "free-form", outcome: "abstained", shippedSentences: 1 },
      });
    }
  });

  it("drops an answer to 'why' that states the question's false premise, though its names and numbers verify, and corrects it from the sources", async () => {
    const question = "Why did China stop being Peru's biggest trading partner?";
    const model = scriptedModel((messages) => {
      const partner = evidenceNumber(messages, "biggest trading partner");
      return `China stopped being Peru's biggest trading partner after 10 consecutive years [${partner}].`;
    });
    const response = await writer(model).answerer.ask({ question });
    expect(response.writer?.dropped).toEqual([{ reason: "unsupported_premise", detail: "states what only the question says (stop)" }]);
    expect(response).toMatchObject({
      grounded: true,
      answer:
        "The sources do not say that; they say “For 10 consecutive years, China has been Peru's biggest trading partner, while Peru has been China's second-largest investment destination in Latin America” [1].",
      writer: { outcome: "verified", shippedSentences: 1 },
    });
    expect(response.citations[0]?.quote).toContain("For 10 consecutive years");
    expect(reverifyAnswer({ question, response }).failing).toEqual([]);
    expectVerbatim(response);
  });

  it("corrects a why question's premise from the sources when the model restated it and failed verification ('the first meeting')", async () => {
    const question = "Why will the Lima visit be the first meeting between the two presidents?";
    const model = scriptedModel(
      (messages) =>
        `The Lima visit will be the first meeting between the two presidents within a span of one year [${evidenceNumber(messages, "third meeting")}].`,
    );
    const response = await writer(model).answerer.ask({ question });
    expect(response.writer?.dropped.map((drop) => drop.reason)).toEqual(["unsupported_number"]);
    expect(response).toMatchObject({
      grounded: true,
      answer:
        "The sources do not say that; they say “Xi's visit to Lima will mark the third meeting between the two presidents within a span of one year” [1].",
    });
    expect(reverifyAnswer({ question, response }).failing).toEqual([]);
    // A why question whose answer keeps to its evidence's words gets no correction.
    const plain = scriptedModel(
      (messages) =>
        `Xi's visit to Lima will mark the third meeting between the two presidents [${evidenceNumber(messages, "third meeting")}].`,
    );
    expect((await writer(plain).answerer.ask({ question })).answer).toBe(
      "Xi's visit to Lima will mark the third meeting between the two presidents [1].",
    );
  });

  it("ships a premise correction with the cited sentence's own words in place of the model's loose paraphrase", async () => {
    const question = "Why did Peru end its free trade agreement with China?";
    const model = scriptedModel(
      (messages) =>
        `The sources do not say that Peru ended its free trade agreement with China; they say it was concluded in June [${evidenceNumber(messages, "to upgrade Peru's free trade agreement")}].`,
    );
    const response = await writer(model).answerer.ask({ question });
    expect(response).toMatchObject({ grounded: true, writer: { mode: "free-form", outcome: "verified", shippedSentences: 1 } });
    expect(response.answer).toMatch(
      /^The sources do not say that Peru ended its free trade agreement with China; they say “.*negotiations to upgrade Peru's free trade agreement with China” \[1\]\.$/,
    );
    expect(response.citations[0]?.quote).toContain(/“(.*)”/.exec(response.answer)?.[1]);
    expect(reverifyAnswer({ question, response }).failing).toEqual([]);
    expectVerbatim(response);
  });

  it("streams each verified sentence after its sources, never the dropped one, and renumbers citations", async () => {
    const model = scriptedModel((messages) => {
      const port = evidenceNumber(messages, "by both presidents");
      const partner = evidenceNumber(messages, "biggest trading partner");
      return `The port opens on Thursday [${port}]. The port cost $3 billion [${port}]. China has been Peru's biggest trading partner for 10 years [${partner}].`;
    });
    const seen = await events(
      writer(model).answerer,
      "Summarise the port inauguration and how long China has been Peru's biggest trading partner.",
    );
    const end = seen.at(-1);
    if (end?.type !== "end") throw new Error("no end event");
    const text = seen.flatMap((event) => (event.type === "text" ? [event.text] : [])).join("");
    expect(text).toBe(end.response.answer);
    expect(text).toBe("The port opens on Thursday [1]. China has been Peru's biggest trading partner for 10 years [2].");
    expect(text).not.toContain("billion");
    expect(seen.map((event) => event.type)).toEqual(["source", "text", "source", "text", "end"]);
    expect(end.response.writer).toMatchObject({ outcome: "verified", shippedSentences: 2, droppedSentences: 1 });
    expect(end.response.writer?.dropped).toEqual([{ reason: "unsupported_number", detail: "3 is not in the cited evidence" }]);
    expectVerbatim(end.response);
  });

  it("cites the evidence sentence that holds a free-form sentence's facts when the model cited another, and drops what none holds", async () => {
    const model = scriptedModel((messages) => {
      const other = evidenceNumber(messages, "intermediary routes") === 1 ? 2 : 1;
      return `The new direct route will reduce dependence on intermediary routes [${other}]. It will carry oil and gold [${other}].`;
    });
    const response = await writer(model).answerer.ask({ question: "Describe what the new direct route will reduce dependence on." });
    expect(response).toMatchObject({ grounded: true, answer: "The new direct route will reduce dependence on intermediary routes [1]." });
    expect(response.citations.map((citation) => citation.quote)).toHaveLength(1);
    expect(response.citations[0]?.quote).toContain("reducing dependence on intermediary routes");
    expect(response.writer?.dropped.map((drop) => drop.reason)).toEqual(["off_evidence"]);
    expect(reverifyAnswer({ question: "Describe what the new direct route will reduce dependence on.", response }).failing).toEqual([]);
  });

  it("does not cite another sentence for a bare name: that is a span, which only the reader's checks may ship", async () => {
    const model = scriptedModel((messages) => `Marco V. Balarezo [${evidenceNumber(messages, "by both presidents")}].`);
    const response = await writer(model).answerer.ask({ question: "Describe who will attend the port inauguration." });
    expect(response.grounded).toBe(false);
    expect(response.writer?.dropped.map((drop) => drop.reason)).toEqual(["unsupported_name"]);
  });

  it("abstains with the closest passages when the model finds no answer", async () => {
    const model = scriptedModel(() => "NOT IN SOURCES");
    const response = await writer(model).answerer.ask({ question: "Why was the mayor of Lima replaced?" });
    expect(response.grounded).toBe(false);
    expect(response.citations.length).toBe(2);
    expect(response.writer).toMatchObject({ outcome: "abstained", shippedSentences: 0 });
    expectVerbatim(response);
  });

  it("abstains when verification leaves nothing, or gives the extractive answer when told to", async () => {
    const model = scriptedModel(() => "Pedro Castillo opened the port in 2019 [1].");
    const abstained = await writer(model).answerer.ask({ question: "Why was the port built?" });
    expect(abstained).toMatchObject({ grounded: false, writer: { outcome: "abstained", droppedSentences: 1 } });
    const fallback = await writer(model, { onUnverified: "extractive" }).answerer.ask({ question: "Why was the port built?" });
    const plain = await extractive.ask({ question: "Why was the port built?" });
    expect(fallback.answer).toBe(plain.answer);
    expect(fallback.writer).toMatchObject({ outcome: "fallback", droppedSentences: 1 });
  });

  it("falls back to the extractive answer with a note and a log line when the model fails", async () => {
    const failing: LanguageModel = {
      provider: "broken",
      modelId: "none",
      // biome-ignore lint/correctness/useYield: fails before its first delta, as an unreachable endpoint does
      async *streamText() {
        throw new LanguageModelError("the model endpoint is unreachable (connect ECONNREFUSED)");
      },
    };
    const { answerer, warnings } = writer(failing);
    const response = await answerer.ask({ question: "When will the port be inaugurated?" });
    const plain = await extractive.ask({ question: "When will the port be inaugurated?" });
    expect(response.answer).toBe(plain.answer);
    expect(response.writer?.outcome).toBe("fallback");
    expect(response.writer?.note).toMatch(/unreachable.*extractive answer/);
    expect(warnings).toEqual(["writer fell back"]);
  });

  it("falls back when the model takes longer than the timeout", async () => {
    const slow = scriptedModel(
      (_messages, options) =>
        new Promise((_resolve, reject) => options.signal?.addEventListener("abort", () => reject(options.signal?.reason))),
    );
    const response = await writer(slow, { timeoutMs: 50 }).answerer.ask({ question: "When will the port be inaugurated?" });
    expect(response.writer).toMatchObject({
      outcome: "fallback",
      note: "the writer took longer than 50 ms; this is the extractive answer",
    });
    expect(response.grounded).toBe(true);
  });

  it("keeps what already streamed when the model fails half-way, and says it stopped early", async () => {
    const halfway: LanguageModel = {
      provider: "flaky",
      modelId: "one",
      async *streamText({ messages }) {
        yield `The port opens on Thursday [${evidenceNumber(messages, "by both presidents")}]. More`;
        throw new LanguageModelError("the model endpoint closed the stream");
      },
    };
    const response = await writer(halfway).answerer.ask({ question: "Tell me about the port." });
    expect(response).toMatchObject({ answer: "The port opens on Thursday [1].", grounded: true });
    expect(response.writer?.note).toMatch(/^stopped early: the writer failed/);
  });

  it("passes on what the extractive answerer says without sources (greetings), without asking the model", async () => {
    const model = scriptedModel(() => "should not be asked");
    const smallTalk: Answerer = {
      ask: async () => ({
        answer: "Hello! Ask me about the visit.",
        grounded: false,
        language: "en",
        citations: [],
        timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
      }),
    };
    const response = await createWritingAnswerer({ knowledge, embedder, extractive: smallTalk, model }).ask({ question: "hi" });
    expect(response).toMatchObject({
      answer: "Hello! Ask me about the visit.",
      grounded: false,
      citations: [],
      writer: { outcome: "delegated" },
    });
    expect(model.prompts).toEqual([]);
  });

  it("searches with the earlier turns folded in when the rewrite answers instead of asking", async () => {
    const model = scriptedModel((messages) => {
      if (isRewritePrompt(messages)) return "Balarezo will open it.";
      if (isReaderPrompt(messages)) return `${evidenceNumber(messages, "by both presidents")}: both presidents`;
      return "unused";
    });
    const history = [
      { role: "user" as const, content: "When will the Chancay port be inaugurated?" },
      { role: "assistant" as const, content: "Thursday [1]." },
    ];
    const response = await writer(model).answerer.ask({ question: "Who will open it?", history });
    expect(response).toMatchObject({ answer: "Both presidents [1].", grounded: true });
    expect(response.writer?.standaloneQuestion).toBeUndefined();
  });

  it("lets a written sentence take names from what the user wrote, never from the model's rewrite of a follow-up", async () => {
    const history = [
      { role: "user" as const, content: "What did Balarezo say about APEC 2024?" },
      { role: "assistant" as const, content: "He said APEC 2024 represents a key platform [1]." },
    ];
    const answerWith = (name: string) =>
      scriptedModel((messages) => {
        if (isRewritePrompt(messages)) return "What did Minister Torres and Balarezo say APEC 2024 represents?";
        if (isReaderPrompt(messages)) return "0:";
        return `${name} said APEC 2024 is a key platform for digital economy integration [${evidenceNumber(messages, "APEC 2024 represents")}].`;
      });
    // The user named Balarezo in an earlier turn: the sentence ships, and checks again from the outside.
    const named = await writer(answerWith("Balarezo")).answerer.ask({ question: "And what does it represent?", history });
    expect(named).toMatchObject({ grounded: true, writer: { outcome: "verified", droppedSentences: 0 } });
    expect(reverifyAnswer({ question: "And what does it represent?", history, response: named }).failing).toEqual([]);
    // Only the model's rewrite named Minister Torres: dropped, however the standalone question reads.
    const invented = await writer(answerWith("Minister Torres")).answerer.ask({ question: "And what does it represent?", history });
    expect(invented).toMatchObject({ grounded: false, writer: { outcome: "abstained" } });
    expect(invented.writer?.dropped.map((drop) => drop.reason)).toContain("unsupported_name");
  });

  it("rewrites a follow-up into a standalone question before retrieval", async () => {
    const model = scriptedModel((messages) => {
      if (isRewritePrompt(messages)) return "Who will inaugurate the Chancay port?";
      if (isReaderPrompt(messages)) return `${evidenceNumber(messages, "by both presidents")}: both presidents`;
      return "unused";
    });
    const history = [
      { role: "user" as const, content: "When will the Chancay port be inaugurated?" },
      { role: "assistant" as const, content: "Thursday [1]." },
    ];
    const seen = await events(writer(model).answerer, "Who will open it?", history);
    const end = seen.at(-1);
    expect(end?.type === "end" && end.response.writer?.standaloneQuestion).toBe("Who will inaugurate the Chancay port?");
    expect(end?.type === "end" && end.response.answer).toBe("Both presidents [1].");
    expect(model.prompts[0]?.[1]?.content).toContain("When will the Chancay port be inaugurated?");
  });
});
