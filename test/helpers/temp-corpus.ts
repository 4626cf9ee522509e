import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { contentHash, corpusHash } from "../../src/ingest/build-index.ts";
import { loadCorpus } from "../../src/ingest/load-corpus.ts";
import { loadIndex } from "../../src/store/index-store.ts";

/** A private copy of the committed corpus and index, for tests that change them. */
export async function copyCorpusAndIndex(): Promise<{ root: string; corpusDir: string; indexDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "xiperu-admin-"));
  const corpusDir = path.join(root, "corpus");
  const indexDir = path.join(root, "index");
  await cp("corpus", corpusDir, { recursive: true });
  await cp("index", indexDir, { recursive: true });
  return { root, corpusDir, indexDir };
}

/** Whether the serving index holds exactly the documents of the corpus folder. */
export async function corpusMatchesIndex(options: { corpusDir: string; indexDir: string }): Promise<{
  matches: boolean;
  corpusIds: string[];
  indexIds: string[];
}> {
  const documents = await loadCorpus(options.corpusDir);
  const stored = await Promise.all(documents.map(async (document) => ({ ...document, contentHash: await contentHash(document) })));
  stored.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = await loadIndex(options.indexDir);
  return {
    matches: (await corpusHash(stored)) === index.data.manifest.corpusHash,
    corpusIds: stored.map((document) => document.id),
    indexIds: index.data.documents.map((document) => document.id),
  };
}
