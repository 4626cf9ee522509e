// End to end: the local writer (node-llama-cpp) on the SmolLM2-135M test fixture through the real
// server. Plumbing, streaming, verification and fallback, not answer quality (the model is tiny).
// Needs `npm run llm:install` and `python3 scripts/fetch-models.py smollm2`; CI does both and sets
// REQUIRE_LOCAL_WRITER=1 so a missing model fails instead of leaving the suite out.
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResponse } from "../../src/answer/types.ts";
import { reverifyAnswer } from "../../src/write/reverify-answer.ts";
import { startChildServer, stop, waitUntil } from "../helpers/child-server.ts";

const MODEL_PATH = "models/llm/SmolLM2-135M-Instruct-Q4_1.gguf";
const available = existsSync(MODEL_PATH) && existsSync("llm/node_modules/node-llama-cpp");
const QUESTIONS = ["When will the port be inaugurated?", "Summarise what the ambassador said about trade."];

describe.runIf(process.env.REQUIRE_LOCAL_WRITER === "1")("the local writer's prerequisites", () => {
  it("are installed", () => {
    expect(existsSync("llm/node_modules/node-llama-cpp"), "run npm run llm:install").toBe(true);
    expect(existsSync(MODEL_PATH), "run python3 scripts/fetch-models.py smollm2").toBe(true);
  });
});

async function ask(url: string, question: string): Promise<AskResponse> {
  const response = await fetch(`${url}/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AskResponse;
}

/** Every sentence shipped must pass the verifier again, against the quotes the response carries. */
function expectEverySentenceVerifies(question: string, response: AskResponse) {
  const { sentences, failing } = reverifyAnswer({ question, response });
  expect(sentences.length).toBe(response.writer?.shippedSentences);
  expect(failing).toEqual([]);
}

describe.runIf(available)("LLM=local on SmolLM2 through the real server", () => {
  let writing: ChildProcess | undefined;
  let failing: ChildProcess | undefined;
  let writingUrl = "";
  let failingUrl = "";
  let failingOutput: () => string = () => "";
  const ready = (url: string) =>
    waitUntil(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), { what: "readiness", timeoutMs: 180_000 });

  beforeAll(async () => {
    const common = { LLM: "local", LLM_MODEL_PATH: MODEL_PATH, LLM_THREADS: "1" };
    const [first, second] = await Promise.all([
      startChildServer({ ...common, LLM_TIMEOUT_MS: "180000" }),
      startChildServer({ ...common, LLM_TIMEOUT_MS: "1" }),
    ]);
    ({ child: writing, url: writingUrl } = first);
    ({ child: failing, url: failingUrl, output: failingOutput } = second);
    await Promise.all([ready(writingUrl), ready(failingUrl)]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([writing, failing].map((child) => (child ? stop(child) : undefined)));
  });

  it("/readyz names the local writer and its model", async () => {
    const body = await (await fetch(`${writingUrl}/readyz`)).json();
    expect(body.writer).toEqual({ provider: "local", model: "SmolLM2-135M-Instruct-Q4_1.gguf" });
  });

  it("/ask ships only sentences that verify, with quotes cut from the document", { timeout: 400_000 }, async () => {
    for (const question of QUESTIONS) {
      const response = await ask(writingUrl, question);
      expect(response.writer).toMatchObject({ provider: "local", model: "SmolLM2-135M-Instruct-Q4_1.gguf" });
      expect(["verified", "abstained"]).toContain(response.writer?.outcome);
      const document = await (await fetch(`${writingUrl}/documents/${response.citations[0]?.docId}`)).json();
      for (const citation of response.citations) expect(document.text.slice(citation.start, citation.end)).toBe(citation.quote);
      if (response.writer?.outcome === "verified") expectEverySentenceVerifies(question, response);
      else expect(response.grounded).toBe(false);
      expect(response.writer?.droppedSentences).toBe(response.writer?.dropped.length);
    }
  });

  it("/chat streams the same kind of answer: text deltas add up to the final answer", { timeout: 200_000 }, async () => {
    const reply = await fetch(`${writingUrl}/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: QUESTIONS[0] }),
    });
    const events = (await reply.text())
      .split("\n\n")
      .filter((block) => block.trim() !== "")
      .map((block) => ({ event: /event: (.*)/.exec(block)?.[1], data: JSON.parse(/data: (.*)/.exec(block)?.[1] ?? "null") }));
    const end = events.at(-1);
    expect(end?.event).toBe("end");
    expect(
      events
        .filter((event) => event.event === "text-delta")
        .map((event) => event.data.text)
        .join(""),
    ).toBe(end?.data.answer);
    expect(events.filter((event) => event.event === "source").map((event) => event.data)).toEqual(end?.data.citations);
    expect(end?.data.writer.provider).toBe("local");
  });

  it("a writer timeout gives the extractive answer with a note and a log line", { timeout: 120_000 }, async () => {
    const response = await ask(failingUrl, QUESTIONS[0] as string);
    expect(response.writer).toMatchObject({ outcome: "fallback", note: "the writer took longer than 1 ms; this is the extractive answer" });
    expect(response.grounded).toBe(true);
    expect(response.answer).toMatch(/Thursday/);
    // The server's log is written asynchronously, so the line may reach this process after the response.
    const logged = await waitUntil(async () => (/writer fell back/.test(failingOutput()) ? true : undefined), {
      what: "the fallback log line",
      timeoutMs: 10_000,
    }).catch(() => false);
    expect(logged, failingOutput()).toBe(true);
  });
});
