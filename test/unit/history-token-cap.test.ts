import { describe, expect, it } from "vitest";
import type { AskRequest } from "../../src/answer/types.ts";
import { capHistoryTokens } from "../../src/limits/history-token-cap.ts";
import { groundedAnswer, scriptedEngine } from "../helpers/scripted-engine.ts";

function setUp() {
  const seen: AskRequest[] = [];
  const capCalls: string[][] = [];
  const engine = capHistoryTokens(
    scriptedEngine({
      answer: (request) => {
        seen.push(request);
        return groundedAnswer(["Trade will grow."]);
      },
    }),
    {
      maxTokens: 4,
      capTokens: async (texts) => {
        capCalls.push([...texts]);
        return texts.map((text) => text.split(" ").slice(0, 4).join(" "));
      },
    },
  );
  return { engine, seen, capCalls };
}

describe("capHistoryTokens", () => {
  it("passes ordinary requests through without a call to the tokenizer", async () => {
    const { engine, seen, capCalls } = setUp();
    const request = { question: "Who will open it?", history: [{ role: "user" as const, content: "Tell me about the port." }] };
    await engine.answerer.ask(request);
    await engine.answerer.ask({ question: "When?" });
    expect(capCalls).toEqual([]);
    expect(seen).toEqual([request, { question: "When?" }]);
  });

  it("cuts only the turns longer than 8 characters a token, in one call, keeping order and roles", async () => {
    const { engine, seen, capCalls } = setUp();
    const long = "one two three four five six seven eight nine ten eleven twelve";
    await engine.answerer.ask({
      question: "Who will open it?",
      topK: 3,
      history: [
        { role: "user", content: long },
        { role: "assistant", content: "Short answer." },
        { role: "user", content: `${long} again` },
      ],
    });
    expect(capCalls).toEqual([[long, `${long} again`]]);
    expect(seen[0]).toEqual({
      question: "Who will open it?",
      topK: 3,
      history: [
        { role: "user", content: "one two three four" },
        { role: "assistant", content: "Short answer." },
        { role: "user", content: "one two three four" },
      ],
    });
  });

  it("does not answer a request aborted while its turns were being cut", async () => {
    const { engine, seen } = setUp();
    const controller = new AbortController();
    const asked = engine.answerer.ask(
      { question: "Who?", history: [{ role: "user", content: "word ".repeat(100) }] },
      { signal: controller.signal },
    );
    controller.abort(new Error("client gone"));
    await expect(asked).rejects.toThrow("client gone");
    expect(seen).toEqual([]);
  });

  it("caps the history of a streamed (written) answer the same way", async () => {
    const streamed: AskRequest[] = [];
    const inner = scriptedEngine({ answer: () => groundedAnswer(["Trade will grow."]) });
    const response = groundedAnswer(["Trade will grow."]);
    const engine = capHistoryTokens(
      {
        ...inner,
        answerer: {
          ...inner.answerer,
          async *stream(request) {
            streamed.push(request);
            yield { type: "end" as const, response };
          },
        },
      },
      { maxTokens: 4, capTokens: async (texts) => texts.map((text) => text.split(" ").slice(0, 4).join(" ")) },
    );
    const events = [];
    const stream = engine.answerer.stream;
    if (!stream) throw new Error("the capped engine lost its stream");
    for await (const event of stream({ question: "Who?", history: [{ role: "user", content: "word ".repeat(100) }] })) events.push(event);
    expect(events).toEqual([{ type: "end", response }]);
    expect(streamed).toEqual([{ question: "Who?", history: [{ role: "user", content: "word word word word" }] }]);
  });
});
