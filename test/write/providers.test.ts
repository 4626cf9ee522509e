import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectText, LanguageModelError } from "../../src/write/language-model.ts";
import { createLangChainModel } from "../../src/write/providers/langchain-chat-model.ts";
import { createOpenAiCompatibleModel } from "../../src/write/providers/openai-compatible-model.ts";
import { createWorkersAiModel } from "../../src/write/providers/workers-ai-model.ts";

const MESSAGES = [
  { role: "system" as const, content: "Answer from the evidence." },
  { role: "user" as const, content: "<question>Where did they meet in June?</question>" },
];

/** Chat-completion chunks as OpenAI-compatible servers stream them (trimmed from a llama.cpp server reply). */
function completionChunk(content: string | undefined, finish: string | null = null): string {
  const delta = content === undefined ? {} : { content };
  return `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", created: 1731500000, model: "qwen", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

interface Received {
  readonly headers: IncomingMessage["headers"];
  readonly body: Record<string, unknown>;
}

/** A local stand-in for an OpenAI-compatible endpoint; `reply` decides what each request gets. */
let server: Server;
let baseUrl: string;
const received: Received[] = [];
let reply: (response: import("node:http").ServerResponse) => void;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body: JSON.parse(body) });
      reply(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("OpenAI-compatible chat completions over fetch", () => {
  it("streams the content deltas of the real SSE format, split anywhere across writes", async () => {
    reply = (response) => {
      response.writeHead(200, { "Content-Type": "text/event-stream" });
      const stream = [
        completionChunk(""),
        completionChunk("Bei"),
        completionChunk("jing [2"),
        completionChunk("]."),
        completionChunk(undefined, "stop"),
        "data: [DONE]\n\n",
      ].join("");
      // Byte-sized pieces cut events, JSON and even the "data:" prefix in two.
      const pieces = stream.match(/[\s\S]{1,7}/g) ?? [];
      const write = () => {
        const piece = pieces.shift();
        if (piece === undefined) response.end();
        else response.write(piece, () => setImmediate(write));
      };
      write();
    };
    const model = createOpenAiCompatibleModel({ baseUrl: `${baseUrl}/`, model: "qwen2.5", apiKey: "sk-test" });
    const deltas: string[] = [];
    for await (const delta of model.streamText({ messages: MESSAGES, maxTokens: 40 })) deltas.push(delta);
    expect(deltas.join("")).toBe("Beijing [2].");
    expect(deltas.length).toBe(3);
    const request = received.at(-1) as Received;
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.body).toMatchObject({ model: "qwen2.5", messages: MESSAGES, stream: true, temperature: 0, seed: 0, max_tokens: 40 });
    expect(model).toMatchObject({ provider: "openai-compatible", modelId: "qwen2.5" });
  });

  it("sends no Authorization header without an API key", async () => {
    reply = (response) => {
      response.writeHead(200, { "Content-Type": "text/event-stream" });
      response.end(`${completionChunk("2: Beijing")}data: [DONE]\n\n`);
    };
    const model = createOpenAiCompatibleModel({ baseUrl, model: "qwen2.5" });
    const text = await collectText(model.streamText({ messages: MESSAGES }));
    expect(text).toBe("2: Beijing");
    expect((received.at(-1) as Received).headers.authorization).toBeUndefined();
  });

  it("turns HTTP errors, error events and an unreachable endpoint into LanguageModelError", async () => {
    reply = (response) => {
      response.writeHead(503, { "Content-Type": "application/json" });
      response.end('{"error":{"message":"model is loading"}}');
    };
    const model = createOpenAiCompatibleModel({ baseUrl, model: "qwen2.5" });
    await expect(collectText(model.streamText({ messages: MESSAGES }))).rejects.toThrow(/HTTP 503: .*model is loading/);
    reply = (response) => {
      response.writeHead(200, { "Content-Type": "text/event-stream" });
      response.end('data: {"error":{"message":"context length exceeded"}}\n\n');
    };
    await expect(collectText(model.streamText({ messages: MESSAGES }))).rejects.toThrow(LanguageModelError);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = createOpenAiCompatibleModel({ baseUrl: `http://127.0.0.1:${port}/v1`, model: "qwen2.5" });
    await expect(collectText(unreachable.streamText({ messages: MESSAGES }))).rejects.toThrow(/unreachable/);
  });

  it("stops reading when the signal aborts mid-stream", async () => {
    reply = (response) => {
      response.writeHead(200, { "Content-Type": "text/event-stream" });
      response.write(completionChunk("Beijing"));
      // Never ends: only the abort stops the reader.
    };
    const controller = new AbortController();
    const model = createOpenAiCompatibleModel({ baseUrl, model: "qwen2.5" });
    const deltas: string[] = [];
    await expect(
      (async () => {
        for await (const delta of model.streamText({ messages: MESSAGES, signal: controller.signal })) {
          deltas.push(delta);
          controller.abort(new Error("client went away"));
        }
      })(),
    ).rejects.toThrow("client went away");
    expect(deltas).toEqual(["Beijing"]);
  });
});

/** The byte stream `env.AI.run(model, { stream: true })` resolves to: SSE events of `{"response"}`, a usage event, `[DONE]`. */
function workersAiStream(pieces: readonly string[]): ReadableStream<Uint8Array> {
  const events = [
    ...pieces.map((piece) => `data: {"response":${JSON.stringify(piece)},"p":"abcdef"}\n\n`),
    'data: {"response":"","usage":{"prompt_tokens":310,"completion_tokens":4,"total_tokens":314}}\n\n',
    "data: [DONE]\n\n",
  ].join("");
  const bytes = new TextEncoder().encode(events);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 11));
      offset += 11;
    },
  });
}

describe("Workers AI text generation through the AI binding", () => {
  it("streams the response pieces and passes the generation settings", async () => {
    const calls: { model: string; inputs: Record<string, unknown> }[] = [];
    const ai = {
      run: async (model: string, inputs: Record<string, unknown>) => {
        calls.push({ model, inputs });
        return workersAiStream(["Bei", "jing", " [2]."]);
      },
    };
    const model = createWorkersAiModel({ ai });
    expect(await collectText(model.streamText({ messages: MESSAGES, maxTokens: 30 }))).toBe("Beijing [2].");
    expect(calls[0]).toMatchObject({
      model: "@cf/meta/llama-3.1-8b-instruct",
      inputs: { messages: MESSAGES, stream: true, temperature: 0, max_tokens: 30 },
    });
    expect(model.provider).toBe("workers-ai");
  });

  it("fails with LanguageModelError when the binding throws or returns no stream", async () => {
    const throwing = createWorkersAiModel({ ai: { run: () => Promise.reject(new Error("3040: capacity exceeded")) } });
    await expect(collectText(throwing.streamText({ messages: MESSAGES }))).rejects.toThrow(/Workers AI failed: 3040/);
    const plain = createWorkersAiModel({ ai: { run: async () => ({ response: "not streamed" }) } });
    await expect(collectText(plain.streamText({ messages: MESSAGES }))).rejects.toThrow(/did not return a stream/);
  });
});

describe("any LangChain chat model as the writer", () => {
  it("streams the chat model's chunks and names the model", async () => {
    const chatModel = new FakeListChatModel({ responses: ["Beijing [2]."] });
    const model = createLangChainModel({ chatModel, modelId: "fake" });
    const deltas: string[] = [];
    for await (const delta of model.streamText({ messages: MESSAGES })) deltas.push(delta);
    expect(deltas.join("")).toBe("Beijing [2].");
    expect(deltas.length).toBeGreaterThan(1);
    expect(model).toMatchObject({ provider: "langchain:fake-list", modelId: "fake" });
  });
});
