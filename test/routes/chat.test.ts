import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import { AppError } from "../../src/errors.ts";
import { withAnswerLabels } from "../../src/i18n/answer-wording.ts";
import { splitIntoDeltas } from "../../src/routes/chat.ts";
import { groundedAnswer, scriptedEngine } from "../helpers/scripted-engine.ts";

interface ServerSentEvent {
  readonly event: string;
  readonly data: unknown;
}

function parseEvents(body: string): ServerSentEvent[] {
  return body
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "message";
      const data = lines
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      return { event, data: JSON.parse(data) };
    });
}

const silentLogger = { error: () => undefined };

function appWith(engine?: ReturnType<typeof scriptedEngine>) {
  const engines = new EngineHolder();
  if (engine) engines.set(engine);
  return createApp({ engines, logger: silentLogger });
}

function chat(app: ReturnType<typeof createApp>, body: unknown, init: RequestInit = {}) {
  return app.request("/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), ...init });
}

describe("POST /chat", () => {
  it("streams one source per citation, then text deltas that add up to the answer, then the full response", async () => {
    const response = groundedAnswer(["Chancay Port opens on Thursday.", "Both presidents will attend the ceremony."]);
    const engine = scriptedEngine({ answer: () => response });
    const reply = await chat(appWith(engine), { question: "When does the port open?", history: [{ role: "user", content: "Hi" }] });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(reply.headers.get("x-accel-buffering")).toBe("no");
    expect(reply.headers.get("cache-control")).toBe("no-cache");
    const events = parseEvents(await reply.text());
    const names = events.map((event) => event.event);
    expect(names.slice(0, 2)).toEqual(["source", "source"]);
    expect(names.at(-1)).toBe("end");
    expect(names.slice(2, -1).every((name) => name === "text-delta")).toBe(true);
    expect(names.filter((name) => name === "text-delta").length).toBeGreaterThan(5);
    expect(events.slice(0, 2).map((event) => event.data)).toEqual(response.citations);
    const text = events
      .filter((event) => event.event === "text-delta")
      .map((event) => (event.data as { text: string }).text)
      .join("");
    expect(text).toBe(response.answer);
    // The full response, with the time it waited for an answer slot.
    const end = events.at(-1)?.data as typeof response;
    expect(end.timings.queueMs).toBeGreaterThanOrEqual(0);
    expect(end).toEqual(withAnswerLabels({ ...response, timings: { ...response.timings, queueMs: end.timings.queueMs } }));
    expect(engine.calls[0]?.request).toEqual({
      question: "When does the port open?",
      history: [{ role: "user", content: "Hi" }],
      topK: undefined,
    });
  });

  it("rejects a bad request with the JSON error of /ask before any stream starts", async () => {
    const engine = scriptedEngine({ answer: () => groundedAnswer(["Trade will grow."]) });
    const reply = await chat(appWith(engine), { question: "   " });
    expect(reply.status).toBe(400);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await reply.json()).toEqual({ error: { code: "invalid_request", message: "`question` must not be empty" } });
    const wrongType = await appWith(engine).request("/chat", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "hi" });
    expect(wrongType.status).toBe(415);
    expect(engine.calls).toHaveLength(0);
  });

  it("answers 503 not_ready with Retry-After while the engine loads", async () => {
    const reply = await chat(appWith(), { question: "When does the port open?" });
    expect(reply.status).toBe(503);
    expect(reply.headers.get("retry-after")).toBe("2");
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe("not_ready");
  });

  it("sends an error event, without internals, when answering fails mid-stream", async () => {
    const failing = scriptedEngine({
      answer: () => {
        throw new Error("ENOENT /secret/path/index.bin");
      },
    });
    const events = parseEvents(await (await chat(appWith(failing), { question: "When does the port open?" })).text());
    expect(events).toEqual([{ event: "error", data: { error: { code: "internal_error", message: "Something went wrong on our side" } } }]);

    const typed = scriptedEngine({
      answer: () => {
        throw new AppError({ code: "timeout", status: 504, message: "The request took longer than 100 ms" });
      },
    });
    const typedEvents = parseEvents(await (await chat(appWith(typed), { question: "When does the port open?" })).text());
    expect(typedEvents).toEqual([{ event: "error", data: { error: { code: "timeout", message: "The request took longer than 100 ms" } } }]);
  });

  it("stops the work when the client disconnects from a real server", async () => {
    let aborted: () => void = () => undefined;
    const abortSeen = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    const engine = scriptedEngine({
      // Slow work that only ends when told to stop.
      answer: (_request, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener("abort", () => {
            aborted();
            reject(signal.reason);
          });
        }),
    });
    const server = serve({ fetch: appWith(engine).fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new AbortController();
      const reply = await fetch(`http://127.0.0.1:${port}/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question: "When does the port open?" }),
        signal: client.signal,
      });
      expect(reply.status).toBe(200);
      expect(engine.calls).toHaveLength(1);
      expect(engine.calls[0]?.signal?.aborted).toBe(false);
      client.abort();
      await Promise.race([
        abortSeen,
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error("work went on after the disconnect")), 5000)),
      ]);
      expect(engine.calls[0]?.signal?.aborted).toBe(true);
    } finally {
      // Idle keep-alive sockets would hold close() open for seconds.
      (server as Server).closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("splitIntoDeltas", () => {
  it("splits after whitespace and joins back to exactly the text", () => {
    for (const text of ["The port opens.", "  leading and  double  spaces ", "line\nbreak\n\nparagraph", "one", ""]) {
      const deltas = splitIntoDeltas(text);
      expect(deltas.join("")).toBe(text);
      expect(deltas.every((delta) => delta !== "")).toBe(true);
    }
    expect(splitIntoDeltas("The port opens.")).toEqual(["The ", "port ", "opens."]);
  });
});
