import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SpanEmbedder } from "../../src/embed/span-embedder.ts";
import { IndexModelMismatchError } from "../../src/errors.ts";
import { buildIndex, corpusHash } from "../../src/ingest/build-index.ts";
import type { SourceDocument } from "../../src/ingest/document.ts";
import { loadCorpus } from "../../src/ingest/load-corpus.ts";
import { efSearchFor } from "../../src/store/ef-search.ts";
import { INDEX_FILES, toJsonLines } from "../../src/store/index-data.ts";
import { loadIndex, writeIndex } from "../../src/store/index-store.ts";
import { assertEmbedderMatches } from "../../src/store/manifest.ts";
import { MINILM_MODEL_ID, realEmbedder } from "../helpers/real-model.ts";

const documents: SourceDocument[] = [
  { id: "b-port", title: "Port", text: "Chancay Port opens on Thursday. It links Shanghai and Peru directly." },
  {
    id: "a-trade",
    title: "Trade",
    text: "China has been Peru's biggest trading partner for ten years.\n\nThe free trade agreement is being upgraded.",
  },
];

const directories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), "index-test-"));
  directories.push(directory);
  return directory;
}
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describe("buildIndex", () => {
  it("is deterministic: two builds give byte-identical chunk files and the same vectors", async () => {
    const embedder = await realEmbedder();
    const first = await buildIndex({ documents, embedder, counter: embedder });
    const second = await buildIndex({ documents: [...documents].reverse(), embedder, counter: embedder });
    expect(toJsonLines(second.data.chunks)).toBe(toJsonLines(first.data.chunks));
    expect(toJsonLines(second.data.documents)).toBe(toJsonLines(first.data.documents));
    expect(JSON.stringify(second.data.bm25)).toBe(JSON.stringify(first.data.bm25));
    expect(Buffer.from(second.data.chunkVectors.buffer).equals(Buffer.from(first.data.chunkVectors.buffer))).toBe(true);
    expect(first.data.documents.map((document) => document.id)).toEqual(["a-trade", "b-port"]);
  });

  it("reuses vectors of unchanged documents, embeds changed ones and drops removed ones", async () => {
    const embedder = await realEmbedder();
    const counting: SpanEmbedder & { calls: string[] } = {
      ...embedder,
      calls: [],
      async embed(texts, purpose) {
        counting.calls.push(...texts);
        return embedder.embed(texts, purpose);
      },
      async embedWithSpans(items, purpose) {
        counting.calls.push(...items.map((item) => item.text));
        return embedder.embedWithSpans(items, purpose);
      },
    };
    const first = await buildIndex({ documents, embedder: counting, counter: embedder });
    counting.calls = [];
    const changed: SourceDocument = { id: "c-apec", title: "APEC", text: "Peru hosts APEC in 2024." };
    const second = await buildIndex({
      documents: [documents[0] as SourceDocument, changed],
      embedder: counting,
      counter: embedder,
      previous: first.data,
    });
    expect(second.reusedDocuments).toBe(1);
    // The new document's one chunk and one sentence are the same text: it is embedded once.
    expect(counting.calls).toEqual(["Peru hosts APEC in 2024."]);
    expect(second.data.documents.map((document) => document.id)).toEqual(["b-port", "c-apec"]);
    expect(second.data.chunks.every((chunk) => chunk.docId !== "a-trade")).toBe(true);
    const fresh = await buildIndex({ documents: [documents[0] as SourceDocument, changed], embedder, counter: embedder });
    expect(toJsonLines(second.data.chunks)).toBe(toJsonLines(fresh.data.chunks));
  });

  it("refuses two files with the same document id", async () => {
    const embedder = await realEmbedder();
    await expect(
      buildIndex({ documents: [documents[0] as SourceDocument, documents[0] as SourceDocument], embedder, counter: embedder }),
    ).rejects.toThrow(/same document id: b-port/);
  });

  it("writes a loadable generation with a manifest of how it was built, and replaces it atomically", async () => {
    const embedder = await realEmbedder();
    const indexDir = await temporaryDirectory();
    const { data } = await buildIndex({ documents, embedder, counter: embedder });
    await writeIndex({ indexDir, data });
    const loaded = await loadIndex(indexDir);
    expect(loaded.data.manifest).toMatchObject({
      model: {
        id: "intfloat/multilingual-e5-small",
        dimensions: 384,
        pooling: "mean",
        normalized: true,
        maxTokens: 512,
        prompts: { query: "query: ", passage: "passage: " },
      },
      chunker: { maxTokens: 160, overlapSentences: 1 },
      sentenceVectors: "separate-pass",
      chunkVectors: "own-pass",
      hnsw: { space: "cosine", seed: 100, efSearch: efSearchFor(2) },
      counts: { documents: 2, chunks: 2, sentences: 4 },
    });
    const [query] = await embedder.embed(["When does the port open?"], "query");
    const hits = await loaded.hnsw.search(query as Float32Array, 1);
    expect(hits[0]?.chunkId).toBe("b-port#0");

    const { data: next } = await buildIndex({ documents: documents.slice(0, 1), embedder, counter: embedder, previous: data });
    await writeIndex({ indexDir, data: next });
    const entries = (await readdir(indexDir)).sort();
    expect(entries).toEqual(["CURRENT", (await loadIndex(indexDir)).generation]);
    expect((await loadIndex(indexDir)).data.documents.map((document) => document.id)).toEqual(["b-port"]);
  });

  it("refuses an index built with another model, naming both models", async () => {
    const loaded = await loadIndex("index");
    const minilm = await realEmbedder(MINILM_MODEL_ID);
    expect(() => assertEmbedderMatches(loaded.data.manifest, minilm)).toThrow(IndexModelMismatchError);
    expect(() => assertEmbedderMatches(loaded.data.manifest, minilm)).toThrow(
      /intfloat\/multilingual-e5-small.*sentence-transformers\/all-MiniLM-L6-v2/,
    );
  });

  it("builds with MiniLM when it is chosen, recording its 256-token length and no prefixes, and refuses it to e5", async () => {
    const minilm = await realEmbedder(MINILM_MODEL_ID);
    const { data } = await buildIndex({ documents, embedder: minilm, counter: minilm });
    expect(data.manifest.model).toEqual({
      id: MINILM_MODEL_ID,
      dimensions: 384,
      pooling: "mean",
      normalized: true,
      maxTokens: 256,
      prompts: { query: "", passage: "" },
    });
    const e5 = await realEmbedder("intfloat/multilingual-e5-small");
    expect(() => assertEmbedderMatches(data.manifest, e5)).toThrow(IndexModelMismatchError);
  });
});

describe("the committed index", () => {
  it("is up to date with corpus/ (rebuild with npm run index after changing the corpus)", async () => {
    const loaded = await loadIndex("index");
    const embedder = await realEmbedder();
    const { data } = await buildIndex({ documents: await loadCorpus("corpus"), embedder, counter: embedder, previous: loaded.data });
    expect(loaded.data.manifest.corpusHash).toBe(await corpusHash(data.documents));
    expect(await readFile(path.join(loaded.directory, INDEX_FILES.chunks), "utf8")).toBe(toJsonLines(data.chunks));
  });
});
