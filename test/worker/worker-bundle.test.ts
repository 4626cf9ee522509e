// `npm run index:worker`'s work: the Worker's asset bundle and Vectorize NDJSON from the local index.
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseBundleEmbedder } from "../../src/ingest/bundle-embedder.ts";
import { VECTORIZE_FILE, writeWorkerBundle } from "../../src/ingest/worker-bundle.ts";
import { readIndexData, vectorRow } from "../../src/store/index-data.ts";
import { loadIndex } from "../../src/store/index-store.ts";
import type { VectorizeRecord } from "../../src/store/vectorize-index.ts";

const MODEL = "@cf/baai/bge-small-en-v1.5";
const ACCOUNT = "0123456789abcdef0123456789abcdef";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "worker-bundle-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function readBundle(outDir: string) {
  const dir = path.join(outDir, "assets", "index");
  return readIndexData({
    text: (name) => readFile(path.join(dir, name), "utf8"),
    bytes: async (name) => new Uint8Array(await readFile(path.join(dir, name))),
  });
}

/** The REST API's success envelope; the vector of text i has its weight on dimension (i mod 384), scaled by 3. */
function restFetch() {
  const bodies: { text: string[]; pooling: string }[] = [];
  const seen = new Map<string, number>();
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { text: string[]; pooling: string };
    bodies.push(body);
    const data = body.text.map((text) => {
      if (!seen.has(text)) seen.set(text, seen.size);
      return Array.from({ length: 384 }, (_, column) => (column === (seen.get(text) as number) % 384 ? 3 : 0));
    });
    return new Response(JSON.stringify({ result: { shape: [data.length, 384], data }, success: true, errors: [], messages: [] }), {
      status: 200,
    });
  }) as typeof globalThis.fetch;
  return { fetch, bodies, seen };
}

describe("npm run index:worker", () => {
  it("without credentials bundles the local index as it is and writes no Vectorize file", async () => {
    const outDir = path.join(root, "plain");
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, VECTORIZE_FILE), "stale vectors of an earlier bundle\n");
    const choice = await chooseBundleEmbedder({ workerModel: MODEL, environment: {}, modelsDir: "models" });
    expect(choice.embedder).toBeUndefined();
    expect(choice.description).toContain("CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN are not set");

    const summary = await writeWorkerBundle({ indexDir: "index", corpusDir: "corpus", outDir, workerModel: MODEL });
    expect(summary).toMatchObject({ denseInWorker: false, vectorizeFile: undefined });
    await expect(readFile(path.join(outDir, VECTORIZE_FILE))).rejects.toMatchObject({ code: "ENOENT" });
    const bundled = await readBundle(outDir);
    const local = (await loadIndex("index")).data;
    expect(bundled.manifest).toEqual(local.manifest);
    expect(bundled.chunks).toEqual(local.chunks);
    expect(bundled.documents).toEqual(local.documents);
    expect(bundled.sentenceVectors).toEqual(local.sentenceVectors);
  });

  it("with credentials embeds every chunk and sentence through the REST API and writes Vectorize NDJSON", async () => {
    const outDir = path.join(root, "rest");
    const { fetch, bodies, seen } = restFetch();
    const environment = { CLOUDFLARE_ACCOUNT_ID: ACCOUNT, CLOUDFLARE_API_TOKEN: "token" };
    const choice = await chooseBundleEmbedder({ workerModel: MODEL, environment, modelsDir: "models", fetch });
    expect(choice.description).toContain("Workers AI REST API");
    const summary = await writeWorkerBundle({
      indexDir: "index",
      corpusDir: "corpus",
      outDir,
      workerModel: MODEL,
      embedder: choice.embedder,
    });

    const local = (await loadIndex("index")).data;
    const chunkTexts = local.chunks.map((chunk) => chunk.text);
    const texts = new Map(local.documents.map((document) => [document.id, document.text]));
    const sentenceTexts = local.sentences.map((sentence) => (texts.get(sentence.docId) as string).slice(sentence.start, sentence.end));
    expect(bodies).toEqual([{ text: [...chunkTexts, ...sentenceTexts], pooling: "mean" }]);

    expect(summary.denseInWorker).toBe(true);
    const bundled = await readBundle(outDir);
    expect(bundled.manifest.model).toEqual({ id: MODEL, dimensions: 384, pooling: "mean", normalized: true });
    expect(bundled.manifest.corpusHash).toBe(local.manifest.corpusHash);
    expect(bundled.chunks).toEqual(local.chunks);
    // Sentence i's vector is the unit vector the fake service gave its text.
    local.sentences.forEach((_, row) => {
      const vector = vectorRow(bundled.sentenceVectors, 384, row);
      expect(vector.indexOf(1)).toBe((seen.get(sentenceTexts[row] as string) as number) % 384);
    });

    const lines = (await readFile(path.join(outDir, VECTORIZE_FILE), "utf8")).trimEnd().split("\n");
    const records = lines.map((line) => JSON.parse(line) as VectorizeRecord);
    expect(records).toHaveLength(local.chunks.length);
    records.forEach((record, row) => {
      const chunk = local.chunks[row] as (typeof local.chunks)[number];
      expect(Object.keys(record)).toEqual(["id", "values", "metadata"]);
      expect(record.id).toBe(chunk.id);
      expect(record.metadata).toEqual({ docId: chunk.docId, chunkId: chunk.id, start: chunk.start, end: chunk.end });
      expect(record.values).toHaveLength(384);
      expect(record.values.indexOf(1)).toBe((seen.get(chunk.text) as number) % 384);
    });
  });

  it("refuses to bundle an index built from another version of the corpus", async () => {
    const corpusDir = path.join(root, "changed-corpus");
    await cp("corpus", corpusDir, { recursive: true });
    await appendFile(
      path.join(corpusDir, "chinadaily-2024-11-xi-peru-agreements.txt"),
      "\nOne more sentence that the index does not hold.\n",
    );
    await expect(writeWorkerBundle({ indexDir: "index", corpusDir, outDir: path.join(root, "stale"), workerModel: MODEL })).rejects.toThrow(
      "run npm run index first",
    );
  });

  it("refuses a bundle with a file over the per-asset size limit and keeps the bundle already there", async () => {
    const outDir = path.join(root, "too-large");
    await writeWorkerBundle({ indexDir: "index", corpusDir: "corpus", outDir, workerModel: MODEL });
    await expect(
      writeWorkerBundle({ indexDir: "index", corpusDir: "corpus", outDir, workerModel: MODEL, maxAssetBytes: 20_000 }),
    ).rejects.toThrow(/sentence-vectors\.f32 would be 32256 bytes, over the 20000-byte limit/);
    expect((await readBundle(outDir)).chunks).toHaveLength(10);
  });

  it("wants both Cloudflare credentials or neither", async () => {
    await expect(
      chooseBundleEmbedder({ workerModel: MODEL, environment: { CLOUDFLARE_API_TOKEN: "token" }, modelsDir: "models" }),
    ).rejects.toThrow("set both CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN");
  });

  it("refuses an embedder of another model than the Worker's", async () => {
    const embedder = { modelId: "other", dimensions: 384, pooling: "mean" as const, normalized: true, embed: async () => [] };
    await expect(
      writeWorkerBundle({ indexDir: "index", corpusDir: "corpus", outDir: path.join(root, "other"), workerModel: MODEL, embedder }),
    ).rejects.toThrow("not the Worker's");
  });
});
