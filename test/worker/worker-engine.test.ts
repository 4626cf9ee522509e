// The Worker's engine in-process, over bundles written by the index:worker code, with binding doubles
// that answer in the documented Workers AI and Vectorize shapes.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.ts";
import type { Embedder } from "../../src/embed/embedder.ts";
import { type Engine, EngineHolder } from "../../src/engine.ts";
import { loadWorkerEngine, type WorkerBindings } from "../../src/entry/worker/load-worker-engine.ts";
import { readWorkerConfig } from "../../src/entry/worker/worker-config.ts";
import { ConfigError } from "../../src/errors.ts";
import { chooseBundleEmbedder } from "../../src/ingest/bundle-embedder.ts";
import { VECTORIZE_FILE, writeWorkerBundle } from "../../src/ingest/worker-bundle.ts";
import { createWorkerAssetReader } from "../../src/web/worker-asset-reader.ts";
import { directoryAssets, embeddingAi, ndjsonVectorize } from "./worker-doubles.ts";

const MODEL = "@cf/baai/bge-small-en-v1.5";
const PORT_QUESTION = "When will the port be inaugurated?";

let root: string;
let workerModelEmbedder: Embedder;
const bundle = (name: string) => path.join(root, name);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "worker-engine-"));
  await writeWorkerBundle({ indexDir: "index", corpusDir: "corpus", outDir: bundle("default"), workerModel: MODEL });
  // "A local copy of the Worker's model": the MiniLM weights filed under bge's name stand in for it, so the
  // dense path runs end to end with real vectors while the manifest names the Worker's model.
  await mkdir(path.join(root, "models", "BAAI"), { recursive: true });
  await symlink(path.resolve("models/sentence-transformers/all-MiniLM-L6-v2"), path.join(root, "models", "BAAI", "bge-small-en-v1.5"));
  const choice = await chooseBundleEmbedder({ workerModel: MODEL, environment: {}, modelsDir: path.join(root, "models") });
  expect(choice.description).toContain("local copy");
  workerModelEmbedder = choice.embedder as Embedder;
  await writeWorkerBundle({
    indexDir: "index",
    corpusDir: "corpus",
    outDir: bundle("dense"),
    workerModel: MODEL,
    embedder: workerModelEmbedder,
  });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function appFor(engine: Engine) {
  const engines = new EngineHolder();
  engines.set(engine);
  return createApp({ engines });
}

async function askAndCheckQuotes(engine: Engine, question: string) {
  const app = appFor(engine);
  const response = await app.request("/ask", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ question }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    answer: string;
    grounded: boolean;
    citations: { docId: string; quote: string; start: number; end: number }[];
  };
  for (const citation of body.citations) {
    const document = (await (await app.request(`/documents/${encodeURIComponent(citation.docId)}`)).json()) as { text: string };
    expect(citation.quote).toBe(document.text.slice(citation.start, citation.end));
  }
  return body;
}

describe("the Worker's engine", () => {
  it("refuses the local index's multilingual-e5-small vectors, says why and which Workers AI model would match, and answers from BM25", async () => {
    const ai = { run: vi.fn(() => Promise.reject(new Error("Binding AI needs to be run remotely"))) };
    const vectorize = { query: vi.fn(() => Promise.reject(new Error("Binding VECTORIZE needs to be run remotely"))) };
    const bindings: WorkerBindings = { ASSETS: directoryAssets(path.join(bundle("default"), "assets")), AI: ai, VECTORIZE: vectorize };
    const engine = await loadWorkerEngine({ bindings, config: readWorkerConfig({}) });
    const facts = engine.describe();
    expect(facts).toMatchObject({ modelId: "intfloat/multilingual-e5-small", denseSearch: false, documents: 1 });
    expect(facts.notes.join(" ")).toMatch(
      /dense search is off.*intfloat\/multilingual-e5-small.*@cf\/baai\/bge-small-en-v1\.5.*BM25 alone/,
    );
    expect(facts.notes.join(" ")).toMatch(/Workers AI does not serve.*@cf\/baai\/bge-m3 is multilingual/);

    const body = await askAndCheckQuotes(engine, PORT_QUESTION);
    expect(body.grounded).toBe(true);
    expect(body.answer).toContain("The inauguration of the port on Thursday by both presidents");
    expect(body.citations.length).toBeGreaterThan(0);
    expect(ai.run).not.toHaveBeenCalled();
    expect(vectorize.query).not.toHaveBeenCalled();
  });

  it("with vectors of its own model, embeds the question through AI and searches Vectorize", async () => {
    const ai = embeddingAi(workerModelEmbedder);
    const vectorize = ndjsonVectorize(await readFile(path.join(bundle("dense"), VECTORIZE_FILE), "utf8"));
    const bindings: WorkerBindings = { ASSETS: directoryAssets(path.join(bundle("dense"), "assets")), AI: ai, VECTORIZE: vectorize };
    const engine = await loadWorkerEngine({ bindings, config: readWorkerConfig({ EMBED_MODEL: MODEL, VECTOR_SEARCH: "vectorize" }) });
    expect(engine.describe()).toMatchObject({ modelId: MODEL, denseSearch: true, notes: [] });

    const body = await askAndCheckQuotes(engine, PORT_QUESTION);
    expect(body.grounded).toBe(true);
    expect(body.answer).toContain("on Thursday by both presidents");
    expect(ai.calls).toEqual([{ model: MODEL, text: [PORT_QUESTION] }]);
    expect(vectorize.calls).toEqual([{ topK: 20 }]);
  });

  it("with VECTOR_SEARCH=flat searches the bundled vectors and needs no Vectorize", async () => {
    const ai = embeddingAi(workerModelEmbedder);
    const bindings: WorkerBindings = { ASSETS: directoryAssets(path.join(bundle("dense"), "assets")), AI: ai };
    const engine = await loadWorkerEngine({ bindings, config: readWorkerConfig({ VECTOR_SEARCH: "flat" }) });
    expect(engine.describe().denseSearch).toBe(true);
    const body = await askAndCheckQuotes(engine, "What will the ambassador's country become for South American trade with Asia?");
    expect(body.grounded).toBe(true);
    expect(ai.calls).toHaveLength(1);
  });

  it("with LLM=workers-ai writes through the AI binding, verified, and /readyz-style facts name the writer", async () => {
    const embedding = embeddingAi(workerModelEmbedder);
    const textCalls: { model: string; inputs: Record<string, unknown> }[] = [];
    // One binding serves both: embedding requests get vectors, chat requests the streamed SSE bytes Workers AI sends.
    const ai = {
      async run(model: string, inputs: Record<string, unknown>) {
        if (!("messages" in inputs)) return embedding.run(model, inputs as { text: string[]; pooling: "mean" });
        textCalls.push({ model, inputs });
        const user = (inputs.messages as { role: string; content: string }[])[1]?.content ?? "";
        const number = /^\[(\d+)\] The inauguration of the port/m.exec(user)?.[1];
        const events = [`${number}: Thursday`].map((piece) => `data: ${JSON.stringify({ response: piece })}\n\n`).join("");
        return new Response(`${events}data: [DONE]\n\n`).body;
      },
    };
    const bindings: WorkerBindings = { ASSETS: directoryAssets(path.join(bundle("dense"), "assets")), AI: ai };
    const engine = await loadWorkerEngine({ bindings, config: readWorkerConfig({ VECTOR_SEARCH: "flat", LLM: "workers-ai" }) });
    expect(engine.describe().writer).toEqual({ provider: "workers-ai", model: "@cf/meta/llama-3.1-8b-instruct" });
    const body = (await askAndCheckQuotes(engine, PORT_QUESTION)) as Awaited<ReturnType<typeof askAndCheckQuotes>> & { writer?: unknown };
    expect(body).toMatchObject({
      answer: "Thursday [1].",
      grounded: true,
      writer: { provider: "workers-ai", outcome: "verified", mode: "reader" },
    });
    expect(textCalls[0]).toMatchObject({ model: "@cf/meta/llama-3.1-8b-instruct", inputs: { stream: true, temperature: 0 } });
  });

  it("refuses LLM=workers-ai without an AI binding, naming the fix", async () => {
    const bindings: WorkerBindings = { ASSETS: directoryAssets(path.join(bundle("dense"), "assets")) };
    await expect(loadWorkerEngine({ bindings, config: readWorkerConfig({ LLM: "workers-ai" }) })).rejects.toThrow(
      /no AI binding.*set LLM to off/,
    );
  });

  it("without an AI binding answers from BM25 alone and says why", async () => {
    const bindings: WorkerBindings = { ASSETS: directoryAssets(path.join(bundle("dense"), "assets")) };
    const engine = await loadWorkerEngine({ bindings, config: readWorkerConfig({}) });
    expect(engine.describe().denseSearch).toBe(false);
    expect(engine.describe().notes.join(" ")).toContain("no AI binding");
    expect((await askAndCheckQuotes(engine, PORT_QUESTION)).grounded).toBe(true);
  });

  it("refuses VECTOR_SEARCH=vectorize without a VECTORIZE binding when dense search would run", async () => {
    const bindings: WorkerBindings = {
      ASSETS: directoryAssets(path.join(bundle("dense"), "assets")),
      AI: embeddingAi(workerModelEmbedder),
    };
    await expect(loadWorkerEngine({ bindings, config: readWorkerConfig({}) })).rejects.toThrow(/no VECTORIZE binding/);
  });

  it("names the command to run when the assets hold no index", async () => {
    const empty = path.join(root, "empty");
    await mkdir(empty, { recursive: true });
    await expect(loadWorkerEngine({ bindings: { ASSETS: directoryAssets(empty) }, config: readWorkerConfig({}) })).rejects.toMatchObject({
      code: "invalid_index",
      message: expect.stringContaining("run npm run index:worker"),
    });
  });
});

describe("the Worker's settings", () => {
  it("defaults to bge-small through Vectorize, no writer, and reads allowed origins", () => {
    expect(readWorkerConfig({ ALLOWED_ORIGINS: "https://example.org, https://news.example" })).toEqual({
      embedModel: MODEL,
      vectorSearch: "vectorize",
      allowedOrigins: ["https://example.org", "https://news.example"],
      writer: { kind: "off", timeoutMs: 20_000 },
    });
  });

  it.each([
    [{ VECTOR_SEARCH: "hnsw" }, /VECTOR_SEARCH must be vectorize or flat/],
    [{ EMBED_MODEL: "sentence-transformers/all-MiniLM-L6-v2" }, /EMBED_MODEL must be one of/],
    [{ EMBED_MODEL: 384 }, /EMBED_MODEL must be a string/],
    [{ ALLOWED_ORIGINS: "example.org/path" }, /ALLOWED_ORIGINS/],
  ])("refuses %j", (vars, message) => {
    expect(() => readWorkerConfig(vars)).toThrow(ConfigError);
    expect(() => readWorkerConfig(vars)).toThrow(message);
  });
});

describe("the Worker's web files", () => {
  it("reads web/ files from the assets and nothing outside that folder", async () => {
    const assets = path.join(root, "web-assets");
    await mkdir(path.join(assets, "web"), { recursive: true });
    await writeFile(path.join(assets, "web", "widget.js"), "console.log('widget');\n");
    const fetcher = directoryAssets(assets);
    const reader = createWorkerAssetReader({ assets: fetcher });
    expect(await reader.read("widget.js")).toBe("console.log('widget');\n");
    expect(await reader.read("demo.html")).toBeUndefined();
    expect(await reader.read("../index/manifest.json")).toBeUndefined();
    expect(fetcher.paths).toEqual(["/web/widget.js", "/web/demo.html"]);
  });
});
