// /chat, /ask and /readyz with an answerer that writes as it streams (the shape the writer gives).
import { describe, expect, it } from "vitest";
import type { AnswerEvent, AskResponse } from "../../src/answer/types.ts";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import { withAnswerLabels } from "../../src/i18n/answer-wording.ts";
import { createPrometheusMetrics } from "../../src/observe/prometheus-metrics.ts";
import { citation, scriptedEngine } from "../helpers/scripted-engine.ts";

const silentLogger = { error: () => undefined };

const RESPONSE: AskResponse = {
  answer: "Thursday [1]. Both presidents attend [2].",
  grounded: true,
  language: "en",
  citations: [citation("Chancay Port opens on Thursday."), citation("Both presidents will attend the ceremony.")],
  shortAnswer: { text: "Thursday", docId: "port-news", start: 22, end: 30 },
  timings: { embedMs: 1, searchMs: 1, answerMs: 10, totalMs: 12, firstSentenceMs: 5, writeMs: 11 },
  writer: {
    provider: "scripted",
    model: "script",
    mode: "free-form",
    outcome: "verified",
    shippedSentences: 2,
    droppedSentences: 1,
    dropped: [{ reason: "unsupported_number", detail: "3 is not in the cited evidence" }],
  },
};

function writingEngine(gate: Promise<void>) {
  const engine = scriptedEngine({ answer: () => RESPONSE });
  const stream = async function* (): AsyncGenerator<AnswerEvent> {
    yield { type: "source", citation: RESPONSE.citations[0] as AskResponse["citations"][number] };
    yield { type: "text", text: "Thursday [1]." };
    // The second sentence is still being written when the first reaches the client.
    await gate;
    yield { type: "source", citation: RESPONSE.citations[1] as AskResponse["citations"][number] };
    yield { type: "text", text: " Both presidents attend [2]." };
    yield { type: "end", response: RESPONSE };
  };
  return {
    ...engine,
    answerer: { ...engine.answerer, stream },
    describe: () => ({ ...engine.describe(), writer: { provider: "scripted", model: "script" } }),
  };
}

describe("/chat with a writer", () => {
  it("sends each verified sentence as it comes, its sources first, and the writer report at the end", async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const engines = new EngineHolder();
    engines.set(writingEngine(gate));
    const metrics = createPrometheusMetrics({ defaultMetrics: false });
    const app = createApp({ engines, logger: silentLogger, metrics });
    const reply = await app.request("/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: "When?" }),
    });
    const reader = (reply.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let early = "";
    while (!early.includes("Thursday")) early += decoder.decode((await reader.read()).value);
    expect(early).toContain("event: source");
    expect(early).not.toContain("Both presidents attend");
    open();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    const events = (early + rest)
      .split("\n\n")
      .filter((block) => block.trim() !== "")
      .map((block) => ({ event: /event: (.*)/.exec(block)?.[1], data: JSON.parse(/data: (.*)/.exec(block)?.[1] ?? "null") }));
    expect(events.map((event) => event.event).filter((name, index, all) => name !== all[index - 1])).toEqual([
      "source",
      "text-delta",
      "source",
      "text-delta",
      "end",
    ]);
    expect(
      events
        .filter((event) => event.event === "text-delta")
        .map((event) => event.data.text)
        .join(""),
    ).toBe(RESPONSE.answer);
    expect(events.at(-1)?.data).toEqual(served(RESPONSE));
    const exposition = (await metrics.render()).body;
    expect(exposition).toContain('xiperu_writer_answers_total{outcome="verified",mode="free-form"} 1');
    expect(exposition).toContain('xiperu_writer_dropped_sentences_total{reason="unsupported_number"} 1');
    expect(exposition).toMatch(/xiperu_writer_duration_seconds_count\{phase="first_sentence"\} 1/);
  });

  it("/ask returns the same verified answer with its writer report, and /readyz names the writer", async () => {
    const engines = new EngineHolder();
    engines.set(writingEngine(Promise.resolve()));
    const app = createApp({ engines, logger: silentLogger });
    const reply = await app.request("/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: "When?" }),
    });
    expect(await reply.json()).toEqual(served(RESPONSE));
    const ready = await (await app.request("/readyz")).json();
    expect(ready.writer).toEqual({ provider: "scripted", model: "script" });
  });
});

/** What the routes send for an answerer's response: with the labels, and the time it queued for a slot. */
function served(response: AskResponse): unknown {
  const labelled = withAnswerLabels(response);
  return { ...labelled, timings: { ...labelled.timings, queueMs: expect.any(Number) } };
}
