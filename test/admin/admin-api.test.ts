import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeDocumentAdmin, type NodeDocumentAdmin } from "../../src/admin/node-document-admin.ts";
import { createWorkerReindexer } from "../../src/admin/worker-reindexer.ts";
import { createApp } from "../../src/app.ts";
import { createEngine } from "../../src/create-engine.ts";
import { EngineHolder } from "../../src/engine.ts";
import { loadNodeEngine } from "../../src/entry/node/load-node-engine.ts";
import { readConfig } from "../../src/entry/node/node-config.ts";
import { copyCorpusAndIndex, corpusMatchesIndex } from "../helpers/temp-corpus.ts";

const TOKEN = "test-admin-token-0123456789abcdef";
const auth = { Authorization: `Bearer ${TOKEN}` };
const silentLogger = { error: () => undefined };

const ZOO = {
  title: "President Xi visits the Lima zoo",
  text: "On Saturday President Xi visited the Parque de las Leyendas zoo in Lima.\n\nHe saw a spectacled bear named Yanapay and fed it fruit.",
  url: "https://example.org/zoo",
  publishedAt: "2024-11-16",
};

let directories: Awaited<ReturnType<typeof copyCorpusAndIndex>>;
let engines: EngineHolder;
let admin: NodeDocumentAdmin;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  directories = await copyCorpusAndIndex();
  const config = readConfig({}, { corpusDir: directories.corpusDir, indexDir: directories.indexDir });
  const loaded = await loadNodeEngine(config);
  engines = new EngineHolder();
  engines.set(loaded.engine);
  admin = createNodeDocumentAdmin({
    corpusDir: directories.corpusDir,
    indexDir: directories.indexDir,
    engines,
    reindexer: createWorkerReindexer({ modelsDir: config.modelsDir, modelId: config.embedModel }),
    serving: { generation: loaded.index.generation },
    makeEngine: ({ data, vectorIndex }) => createEngine({ data, vectorIndex, embedder: loaded.embedder }),
    logger: silentLogger,
    watchIntervalMs: 0,
  });
  await admin.start();
  app = createApp({ engines, logger: silentLogger, admin: { documents: admin, token: TOKEN, maxDocumentBytes: 64 * 1024 } });
});

afterAll(async () => {
  admin?.stop();
  if (directories) await rm(directories.root, { recursive: true, force: true });
});

async function waitForJob(id: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const response = await app.request(`/admin/jobs/${id}`, { headers: auth });
    expect(response.status).toBe(200);
    const { job } = (await response.json()) as { job: Record<string, unknown> };
    if (job.status === "live" || job.status === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${id} did not finish`);
}

function postJson(body: unknown, headers: Record<string, string> = auth) {
  return app.request("/admin/documents", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("admin API", () => {
  it("does not exist without a token configured", async () => {
    const bare = createApp({ engines: new EngineHolder(), logger: silentLogger });
    for (const [method, route] of [
      ["POST", "/admin/documents"],
      ["DELETE", "/admin/documents/x"],
      ["GET", "/admin/jobs/x"],
    ] as const) {
      const response = await bare.request(route, { method, headers: auth });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: "No such route" } });
    }
  });

  it("refuses a missing or wrong token with 401 and the JSON error shape", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: "Bearer nope" },
      { Authorization: `Basic ${TOKEN}` },
      { Authorization: `Bearer ${TOKEN}0` },
    ];
    for (const headers of attempts) {
      const response = await postJson(ZOO, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "A valid bearer token is required" } });
    }
  });

  it("validates documents before queueing anything", async () => {
    const cases: [unknown, number, string][] = [
      [{ text: "no title" }, 400, "title"],
      [{ title: "No text" }, 400, "text"],
      [{ title: "Bad url", text: "Body.", url: "javascript:alert(1)" }, 400, "url"],
      [{ title: "Bad date", text: "Body.", publishedAt: "someday" }, 400, "publishedAt"],
      [{ title: "Bad id", text: "Body.", id: "../etc/passwd" }, 400, "id"],
      [{ title: "!!!", text: "Body." }, 400, "id"],
    ];
    for (const [body, status, field] of cases) {
      const response = await postJson(body);
      expect(response.status).toBe(status);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("invalid_request");
      expect(error.message).toContain(field);
    }
    const text = await app.request("/admin/documents", {
      method: "POST",
      headers: { ...auth, "Content-Type": "text/plain" },
      body: "hello",
    });
    expect(text.status).toBe(415);
    const huge = await postJson({ title: "Huge", text: "word ".repeat(20_000) });
    expect(huge.status).toBe(413);
    expect((await app.request("/admin/documents/no-such-document", { method: "DELETE", headers: auth })).status).toBe(404);
    expect((await app.request("/admin/jobs/no-such-job", { headers: auth })).status).toBe(404);
  });

  it("adds a JSON document in the background, keeps serving the old index meanwhile, then swaps to the complete new one", async () => {
    const before = engines.current;
    const response = await postJson(ZOO);
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { job: { id: string; status: string; docId: string }; poll: string };
    expect(accepted.job).toMatchObject({ status: "queued", docId: "president-xi-visits-the-lima-zoo", kind: "upsert" });
    expect(response.headers.get("location")).toBe(`/admin/jobs/${accepted.job.id}`);
    // Answers keep coming from a complete engine while the job runs: the old one, then the new one.
    const seen = new Set<number>();
    let job: Record<string, unknown> = {};
    for (;;) {
      const ask = await app.request("/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question: "Which bear did Xi feed?" }),
      });
      expect(ask.status).toBe(200);
      const ready = (await (await app.request("/readyz")).json()) as { documents: number };
      seen.add(ready.documents);
      job = (await (await app.request(`/admin/jobs/${accepted.job.id}`, { headers: auth })).json()).job;
      if (job.status === "live" || job.status === "failed") break;
    }
    expect(job.status, JSON.stringify(job)).toBe("live");
    expect(engines.current).not.toBe(before);
    expect([...seen].every((count) => count === 1 || count === 2)).toBe(true);
    const document = (await (await app.request("/documents/president-xi-visits-the-lima-zoo")).json()) as Record<string, unknown>;
    expect(document).toMatchObject({ title: ZOO.title, url: ZOO.url, publishedAt: ZOO.publishedAt });
    const answer = (await (
      await app.request("/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question: "What was the name of the bear Xi fed?" }),
      })
    ).json()) as { citations: { docId: string; quote: string }[] };
    expect(
      answer.citations.some((citation) => citation.docId === "president-xi-visits-the-lima-zoo" && citation.quote.includes("Yanapay")),
    ).toBe(true);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
    expect(await readFile(path.join(directories.corpusDir, "president-xi-visits-the-lima-zoo.meta.json"), "utf8")).toContain(ZOO.url);
  });

  it("takes a file upload, replacing the same document's earlier file", async () => {
    const form = new FormData();
    const markdown =
      "---\ntitle: President Xi visits the Lima zoo\n---\nOn Saturday he visited the zoo and saw **two** spectacled bears.\n";
    form.set("file", new File([markdown], "President Xi visits the Lima zoo.md", { type: "text/markdown" }));
    form.set("source", "Example Wire");
    const response = await app.request("/admin/documents", { method: "POST", headers: auth, body: form });
    expect(response.status).toBe(202);
    const { job } = (await response.json()) as { job: { id: string } };
    expect(await waitForJob(job.id)).toMatchObject({ status: "live" });
    const files = await readdir(directories.corpusDir);
    expect(files.filter((name) => name.startsWith("president-xi-visits-the-lima-zoo"))).toEqual([
      "president-xi-visits-the-lima-zoo.md",
      "president-xi-visits-the-lima-zoo.meta.json",
    ]);
    const document = (await (await app.request("/documents/president-xi-visits-the-lima-zoo")).json()) as Record<string, unknown>;
    expect(document).toMatchObject({ source: "Example Wire", text: "On Saturday he visited the zoo and saw two spectacled bears." });
    expect(document.url).toBeUndefined();
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
  });

  it("refuses uploads that are not documents", async () => {
    const wrongType = new FormData();
    wrongType.set("file", new File(["MZ\u0000"], "tool.exe"));
    expect((await app.request("/admin/documents", { method: "POST", headers: auth, body: wrongType })).status).toBe(400);
    const notUtf8 = new FormData();
    notUtf8.set("file", new File([new Uint8Array([0xff, 0xfe, 0x41])], "bad.txt"));
    expect((await app.request("/admin/documents", { method: "POST", headers: auth, body: notUtf8 })).status).toBe(400);
    const noFile = new FormData();
    noFile.set("title", "x");
    expect((await app.request("/admin/documents", { method: "POST", headers: auth, body: noFile })).status).toBe(400);
    const broken = await app.request("/admin/documents", {
      method: "POST",
      headers: { ...auth, "Content-Type": "multipart/form-data; boundary=xyz" },
      body: "--xyz\r\ngarbage",
    });
    expect(broken.status).toBe(400);
  });

  it("serialises concurrent changes and applies them all, in order", async () => {
    const submissions = await Promise.all(
      ["alpha", "beta", "gamma"].map((name) =>
        postJson({ title: `Delegation note ${name}`, text: `The ${name} delegation met officials in Lima on Friday.` }),
      ),
    );
    const jobs = await Promise.all(submissions.map(async (response) => ((await response.json()) as { job: { id: string } }).job.id));
    const deletion = await app.request("/admin/documents/delegation-note-beta", { method: "DELETE", headers: auth });
    expect(deletion.status).toBe(202);
    jobs.push(((await deletion.json()) as { job: { id: string } }).job.id);
    const finished = await Promise.all(jobs.map(waitForJob));
    expect(finished.map((job) => job.status)).toEqual(["live", "live", "live", "live"]);
    // In submission order: jobs waiting together are committed together, never one before an earlier one.
    for (let index = 1; index < finished.length; index += 1) {
      const [before, after] = [finished[index - 1] as Record<string, string>, finished[index] as Record<string, string>];
      expect(Date.parse(after.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(before.startedAt as string));
      expect(Date.parse(after.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(before.finishedAt as string));
      const sameBatch = after.startedAt === before.startedAt;
      if (!sameBatch) expect(Date.parse(after.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(before.finishedAt as string));
    }
    const ids = ((await (await app.request("/documents")).json()) as { documents: { id: string }[] }).documents.map(
      (document) => document.id,
    );
    expect(ids).toContain("delegation-note-alpha");
    expect(ids).toContain("delegation-note-gamma");
    expect(ids).not.toContain("delegation-note-beta");
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
  });

  it("deletes a document", async () => {
    const response = await app.request("/admin/documents/president-xi-visits-the-lima-zoo", { method: "DELETE", headers: auth });
    expect(response.status).toBe(202);
    const { job } = (await response.json()) as { job: { id: string } };
    expect(await waitForJob(job.id)).toMatchObject({ status: "live", kind: "delete" });
    expect((await app.request("/documents/president-xi-visits-the-lima-zoo")).status).toBe(404);
    expect((await readdir(directories.corpusDir)).some((name) => name.startsWith("president-xi-visits-the-lima-zoo"))).toBe(false);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
  });
});
