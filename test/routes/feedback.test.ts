import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import { readOperationsConfig } from "../../src/entry/operations-config.ts";
import type { FeedbackRecord } from "../../src/feedback/feedback-store.ts";
import { createJsonlFeedbackStore } from "../../src/feedback/jsonl-feedback-store.ts";

const VALID = {
  rating: "down",
  question: "When does the port open?",
  answer: "On Thursday.",
  comment: "  Too short  ",
  conversationId: "a1b2c3",
};

function appWithStore() {
  const records: FeedbackRecord[] = [];
  const app = createApp({ engines: new EngineHolder(), feedback: { append: async (record) => void records.push(record) } });
  const post = (body: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
    app.request("/feedback", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { records, post };
}

describe("POST /feedback", () => {
  it("stores the feedback with an id and time, trimmed, and answers 201 with the id (even before the engine is ready)", async () => {
    const { records, post } = appWithStore();
    const reply = await post(VALID);
    expect(reply.status).toBe(201);
    const { id } = (await reply.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({
      id,
      rating: "down",
      question: VALID.question,
      answer: VALID.answer,
      comment: "Too short",
      conversationId: "a1b2c3",
    });
    expect(Date.parse(record?.receivedAt ?? "")).not.toBeNaN();
    const minimal = await post({ rating: "up", question: "Q?", answer: "A.", comment: "   " });
    expect(minimal.status).toBe(201);
    expect(Object.keys(records[1] ?? {}).sort()).toEqual(["answer", "id", "question", "rating", "receivedAt"]);
  });

  it.each([
    [{ ...VALID, rating: "meh" }, "rating"],
    [{ ...VALID, rating: undefined }, "rating"],
    [{ ...VALID, question: "" }, "question"],
    [{ ...VALID, question: 42 }, "question"],
    [{ ...VALID, answer: undefined }, "answer"],
    [{ ...VALID, answer: "x".repeat(8001) }, "answer"],
    [{ ...VALID, comment: "x".repeat(2001) }, "comment"],
    [{ ...VALID, comment: ["list"] }, "comment"],
    [{ ...VALID, conversationId: "../../etc" }, "conversationId"],
    [[VALID], "body"],
  ])("rejects bad input with 400 naming the field (%#)", async (body, field) => {
    const { records, post } = appWithStore();
    const reply = await post(body);
    expect(reply.status).toBe(400);
    const { error } = (await reply.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain(field === "body" ? "JSON object" : `\`${field}\``);
    expect(records).toHaveLength(0);
  });

  it("answers 400 for broken JSON and 415 for other content types", async () => {
    const { records, post } = appWithStore();
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify(VALID), { "Content-Type": "text/plain" })).status).toBe(415);
    expect(records).toHaveLength(0);
  });

  it("is not served when no store is configured", async () => {
    const app = createApp({ engines: new EngineHolder() });
    const reply = await app.request("/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(VALID),
    });
    expect(reply.status).toBe(404);
  });
});

describe("GET /capabilities", () => {
  it("tells the widget whether feedback is kept, so it offers thumbs only where POST /feedback exists", async () => {
    const withStore = createApp({ engines: new EngineHolder(), feedback: { append: async () => undefined } });
    const reply = await withStore.request("/capabilities", { headers: { Origin: "http://localhost:5173" } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ feedback: true });
    // The widget usually runs on another site's page.
    expect(reply.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const withoutStore = createApp({ engines: new EngineHolder() });
    expect(await (await withoutStore.request("/capabilities")).json()).toEqual({ feedback: false });
  });
});

describe("JSONL feedback store", () => {
  let directory: string | undefined;
  afterEach(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  function record(index: number): FeedbackRecord {
    return {
      id: `id-${index}`,
      receivedAt: new Date(0).toISOString(),
      rating: index % 2 ? "up" : "down",
      question: `Q${index}\nline`,
      answer: "A",
    };
  }

  it("appends one JSON line per record, creating the directory, and never interleaves concurrent appends", async () => {
    directory = await mkdtemp(join(tmpdir(), "feedback-"));
    const file = join(directory, "nested", "feedback.jsonl");
    const store = createJsonlFeedbackStore({ file });
    await Promise.all(Array.from({ length: 25 }, (_, index) => store.append(record(index))));
    await store.close();
    const lines = (await readFile(file, "utf8")).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => JSON.parse(line))).toEqual(Array.from({ length: 25 }, (_, index) => record(index)));
  });

  it("keeps earlier records when reopened: the file is only ever appended to", async () => {
    directory = await mkdtemp(join(tmpdir(), "feedback-"));
    const file = join(directory, "feedback.jsonl");
    const first = createJsonlFeedbackStore({ file });
    await first.append(record(1));
    await first.close();
    const second = createJsonlFeedbackStore({ file });
    await second.append(record(2));
    await second.close();
    const ids = (await readFile(file, "utf8"))
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as FeedbackRecord).id);
    expect(ids).toEqual(["id-1", "id-2"]);
  });

  it("caps the file: past maxBytes it rotates to feedback.jsonl.1, .2, … keeping `keep` old files, losing no record in between", async () => {
    directory = await mkdtemp(join(tmpdir(), "feedback-"));
    const file = join(directory, "feedback.jsonl");
    const lineBytes = Buffer.byteLength(`${JSON.stringify(record(10))}\n`);
    // Room for three lines per file; 21 records make 7 files' worth, of which the current one and 2 old ones stay.
    const store = createJsonlFeedbackStore({ file, maxBytes: lineBytes * 3, keep: 2 });
    for (let index = 10; index < 31; index += 1) await store.append(record(index));
    await store.close();
    const ids = async (name: string) =>
      (await readFile(join(directory as string, name), "utf8"))
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as FeedbackRecord).id);
    expect((await readdir(directory)).sort()).toEqual(["feedback.jsonl", "feedback.jsonl.1", "feedback.jsonl.2"]);
    expect(await ids("feedback.jsonl.2")).toEqual(["id-22", "id-23", "id-24"]);
    expect(await ids("feedback.jsonl.1")).toEqual(["id-25", "id-26", "id-27"]);
    expect(await ids("feedback.jsonl")).toEqual(["id-28", "id-29", "id-30"]);
    for (const name of await readdir(directory)) expect((await stat(join(directory, name))).size).toBeLessThanOrEqual(lineBytes * 3);
    // A reopened store counts what the file already holds.
    const reopened = createJsonlFeedbackStore({ file, maxBytes: lineBytes * 3, keep: 2 });
    await reopened.append(record(31));
    await reopened.close();
    expect(await ids("feedback.jsonl")).toEqual(["id-31"]);
    expect(await ids("feedback.jsonl.1")).toEqual(["id-28", "id-29", "id-30"]);
  });

  it("reads the cap from FEEDBACK_MAX_BYTES and FEEDBACK_KEEP, refusing values that are not counts", () => {
    expect(readOperationsConfig({})).toMatchObject({ feedbackMaxBytes: 10 * 1024 * 1024, feedbackKeep: 5 });
    expect(readOperationsConfig({ FEEDBACK_MAX_BYTES: "1048576", FEEDBACK_KEEP: "0" })).toMatchObject({
      feedbackMaxBytes: 1048576,
      feedbackKeep: 0,
    });
    expect(() => readOperationsConfig({ FEEDBACK_MAX_BYTES: "10MB" })).toThrow(/FEEDBACK_MAX_BYTES must be an integer/);
    expect(() => readOperationsConfig({ FEEDBACK_KEEP: "-1" })).toThrow(/FEEDBACK_KEEP must be an integer/);
  });

  it("rejects an append it could not store, and recovers for the next one", async () => {
    directory = await mkdtemp(join(tmpdir(), "feedback-"));
    const blocker = join(directory, "not-a-directory");
    await writeFile(blocker, "");
    const store = createJsonlFeedbackStore({ file: join(blocker, "feedback.jsonl") });
    await expect(store.append(record(1))).rejects.toThrow();
    await rm(blocker);
    await store.append(record(2));
    await store.close();
    expect(JSON.parse(await readFile(join(blocker, "feedback.jsonl"), "utf8"))).toEqual(record(2));
  });
});
