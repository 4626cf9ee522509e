import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JOURNAL_FILE, planChange, recoverCorpus, writeJournal } from "../../src/admin/corpus-change.ts";
import type { DocumentChange } from "../../src/admin/document-admin.ts";
import { NotFoundError } from "../../src/errors.ts";
import { buildIndex } from "../../src/ingest/build-index.ts";
import { currentGeneration, writeIndex } from "../../src/store/index-store.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { removeAll, smallCorpus } from "../helpers/small-corpus.ts";
import { corpusMatchesIndex } from "../helpers/temp-corpus.ts";
import { wordCounter } from "../helpers/word-counter.ts";

const roots: string[] = [];
afterAll(() => removeAll(roots));

/** A corpus of two documents (one with a .meta.json) and its index. */
async function setUp() {
  const directories = await smallCorpus({
    "port.txt": "Port\nChancay Port opens on Thursday.\n",
    "trade.md": "# Trade\n\nChina is Peru's biggest trading partner.\n",
    "trade.meta.json": '{ "url": "https://example.org/trade" }\n',
  });
  roots.push(directories.root);
  return directories;
}

const upsertTrade: DocumentChange = {
  kind: "upsert",
  docId: "trade",
  entry: { fileName: "trade.txt", content: "Trade\nTrade grew by a third in ten years.\n" },
};

/** Runs a change up to the point a kill would interrupt it: journal written, index maybe committed. */
async function interruptedChange(options: { corpusDir: string; indexDir: string; commitIndex: boolean }) {
  const planned = await planChange(options.corpusDir, [upsertTrade]);
  const built = await buildIndex({ documents: planned.documents, embedder: hashEmbedder, counter: wordCounter() });
  await writeJournal({ corpusDir: options.corpusDir, change: planned.change, corpusHash: built.data.manifest.corpusHash });
  if (options.commitIndex) await writeIndex({ indexDir: options.indexDir, data: built.data });
}

describe("planChange", () => {
  it("replaces every file of the document (other extension, stale metadata) and leaves the rest", async () => {
    const { corpusDir } = await setUp();
    const planned = await planChange(corpusDir, [upsertTrade]);
    expect(planned.change.writes).toEqual([{ name: "trade.txt", content: "Trade\nTrade grew by a third in ten years.\n" }]);
    expect([...planned.change.removes].sort()).toEqual(["trade.md", "trade.meta.json"]);
    expect(planned.documents.map((document) => [document.id, document.text])).toEqual([
      ["port", "Chancay Port opens on Thursday."],
      ["trade", "Trade grew by a third in ten years."],
    ]);
    expect(planned.documents[1]?.url).toBeUndefined();
  });

  it("writes metadata beside the file, deletes all of a document's files, and refuses unknown ids", async () => {
    const { corpusDir } = await setUp();
    const withMeta = await planChange(corpusDir, [
      { kind: "upsert", docId: "visit", entry: { fileName: "visit.txt", content: "Visit\nXi arrived.", metadata: { source: "Wire" } } },
    ]);
    expect(withMeta.change.writes.map((write) => write.name)).toEqual(["visit.txt", "visit.meta.json"]);
    expect(withMeta.documents.find((document) => document.id === "visit")?.source).toBe("Wire");
    const deletion = await planChange(corpusDir, [{ kind: "delete", docId: "trade" }]);
    expect(deletion.change.writes).toEqual([]);
    expect([...deletion.change.removes].sort()).toEqual(["trade.md", "trade.meta.json"]);
    expect(deletion.documents.map((document) => document.id)).toEqual(["port"]);
    await expect(planChange(corpusDir, [{ kind: "delete", docId: "nothing" }])).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("recoverCorpus after a kill", () => {
  it("before the index swap: discards the journal, the corpus stays as it was", async () => {
    const directories = await setUp();
    const generation = await currentGeneration(directories.indexDir);
    await interruptedChange({ ...directories, commitIndex: false });
    await writeFile(path.join(directories.corpusDir, ".ingest-tmp-0badc0de"), "half a file");
    expect(await recoverCorpus(directories)).toBe("discarded");
    expect((await readdir(directories.corpusDir)).sort()).toEqual(["port.txt", "trade.md", "trade.meta.json"]);
    expect(await currentGeneration(directories.indexDir)).toBe(generation);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
  });

  it("after the index swap: rolls the journal forward, so the corpus catches up with the index", async () => {
    const directories = await setUp();
    await interruptedChange({ ...directories, commitIndex: true });
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: false });
    expect(await recoverCorpus(directories)).toBe("applied");
    expect((await readdir(directories.corpusDir)).sort()).toEqual(["port.txt", "trade.txt"]);
    expect(await readFile(path.join(directories.corpusDir, "trade.txt"), "utf8")).toContain("grew by a third");
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
    // Nothing left to do the second time.
    expect(await recoverCorpus(directories)).toBe("none");
  });

  it("discards a journal it cannot read", async () => {
    const directories = await setUp();
    await writeFile(path.join(directories.corpusDir, JOURNAL_FILE), "{ not json");
    expect(await recoverCorpus(directories)).toBe("discarded");
    expect(await readdir(directories.corpusDir)).not.toContain(JOURNAL_FILE);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
  });
});
