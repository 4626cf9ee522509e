// Questions in Spanish and Chinese get the bot's own words (lead, abstention, labels) in their
// language and the quotes verbatim in English. The engine answers from BM25 alone over the committed
// index (as the Worker does without Workers AI), so outcomes do not depend on the embedding model.
import { beforeAll, describe, expect, it } from "vitest";
import type { AskResponse } from "../../src/answer/types.ts";
import { createApp } from "../../src/app.ts";
import { createEngine } from "../../src/create-engine.ts";
import type { Embedder } from "../../src/embed/embedder.ts";
import { EngineHolder } from "../../src/engine.ts";
import type { AnswerLabels } from "../../src/i18n/answer-wording.ts";
import { message } from "../../src/i18n/messages.ts";
import { loadIndex } from "../../src/store/index-store.ts";

type AnswerBody = AskResponse & { labels: AnswerLabels };

const engines = new EngineHolder();
const app = createApp({ engines, logger: { error: () => undefined } });

/** Another model than the index's: dense search stays off and nothing is ever embedded. */
const noDenseSearch: Embedder = {
  modelId: "test/no-dense-search",
  dimensions: 384,
  pooling: "mean",
  normalized: true,
  embed: () => Promise.reject(new Error("dense search is off; nothing should be embedded")),
};

beforeAll(async () => {
  const index = await loadIndex("index");
  engines.set(createEngine({ data: index.data, vectorIndex: index.hnsw, embedder: noDenseSearch }));
});

async function ask(body: unknown): Promise<AnswerBody> {
  const response = await app.request("/ask", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AnswerBody;
}

async function expectVerbatim(body: AnswerBody): Promise<void> {
  for (const citation of body.citations) {
    const document = (await (await app.request(`/documents/${citation.docId}`)).json()) as { text: string };
    expect(document.text.slice(citation.start, citation.end)).toBe(citation.quote);
  }
}

describe("answers to Spanish and Chinese questions", () => {
  it("puts a Spanish lead before the English quotes, which stay verbatim", async () => {
    const body = await ask({ question: "¿Qué dijo Balarezo sobre el puerto de Chancay?" });
    expect(body.language).toBe("es");
    expect(body.grounded).toBe(true);
    expect(body.answer).toBe(`Según las fuentes:\n${body.citations.map((citation) => citation.quote).join(" ")}`);
    expect(body.citations[0]?.quote).toContain("Balarezo said that Chancay Port");
    expect(body.labels).toMatchObject({
      sources: "Fuentes",
      closestPassages: "Pasajes más cercanos",
      notInSources: "No está en las fuentes",
    });
    await expectVerbatim(body);
  });

  it("abstains in Spanish", async () => {
    const body = await ask({ question: "¿Cuántos turistas visitan Machu Picchu cada año?" });
    expect(body).toMatchObject({ language: "es", grounded: false });
    expect(body.answer).toBe(message("es", "abstain"));
    expect(body.answer).toMatch(/^Las fuentes que tengo no lo dicen/);
  });

  it("puts a Chinese lead before the English quotes", async () => {
    const body = await ask({ question: "APEC 2024 的合作重点是什么？" });
    expect(body.language).toBe("zh");
    expect(body.grounded).toBe(true);
    expect(body.answer).toBe(`根据资料：\n${body.citations.map((citation) => citation.quote).join(" ")}`);
    expect(body.citations[0]?.quote).toContain("APEC 2024 represents a key platform");
    expect(body.labels.sources).toBe("资料来源");
    await expectVerbatim(body);
  });

  it("abstains in Chinese", async () => {
    const body = await ask({ question: "马丘比丘的门票多少钱？" });
    expect(body).toMatchObject({ language: "zh", grounded: false, answer: message("zh", "abstain") });
    expect(body.labels.notInSources).toBe("资料中没有答案");
  });

  it("does not take a capitalised Spanish word for a name the sources lack", async () => {
    // "Embajador" appears nowhere in the English article; the unknown-name rule used to abstain on it.
    const body = await ask({ question: "¿Qué dijo el Embajador Balarezo sobre Chancay?" });
    expect(body).toMatchObject({ language: "es", grounded: true });
    expect(body.citations[0]?.quote).toContain("Balarezo said that Chancay Port");
    // In English the rule still holds: Brazil is not in the sources.
    expect(await ask({ question: "Who is Peru's ambassador to Brazil?" })).toMatchObject({ language: "en", grounded: false });
  });

  it("leaves English answers to English questions without a lead", async () => {
    const body = await ask({ question: "When will the port be inaugurated?" });
    expect(body).toMatchObject({ language: "en", grounded: true });
    expect(body.answer).toMatch(/^The inauguration of the port on Thursday/);
    expect(body.labels.sources).toBe("Sources");
  });

  it("takes a follow-up without words of its own language in the conversation's language", async () => {
    const history = [
      { role: "user", content: "¿Quién es el embajador del Perú en China?" },
      { role: "assistant", content: "Según las fuentes: ..." },
    ];
    expect((await ask({ question: "Balarezo?", history })).language).toBe("es");
    expect((await ask({ question: "Balarezo?" })).language).toBe("en");
  });

  it("streams the same answer over /chat, its lead in the text deltas and its language and labels in `end`", async () => {
    const response = await app.request("/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "¿Qué dijo Balarezo sobre el puerto de Chancay?" }),
    });
    const events = (await response.text())
      .split("\n\n")
      .filter((block) => block.trim() !== "")
      .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null") }));
    const end = events.at(-1)?.data as AnswerBody;
    expect(events.at(-1)?.event).toBe("end");
    expect(end).toEqual(await ask({ question: "¿Qué dijo Balarezo sobre el puerto de Chancay?" }).then(withTimings(end)));
    const deltas = events.filter((event) => event.event === "text-delta").map((event) => (event.data as { text: string }).text);
    expect(deltas.join("")).toBe(end.answer);
    expect(end.answer.startsWith("Según las fuentes:\n")).toBe(true);
  });
});

/** Timings differ between two runs of the same question; everything else must not. */
function withTimings(reference: AnswerBody): (body: AnswerBody) => AnswerBody {
  return (body) => ({ ...body, timings: reference.timings });
}
