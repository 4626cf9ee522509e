import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIndex } from "../../src/ingest/build-index.ts";
import { loadCorpus } from "../../src/ingest/load-corpus.ts";
import { writeIndex } from "../../src/store/index-store.ts";
import { hashEmbedder } from "./hash-embedder.ts";
import { wordCounter } from "./word-counter.ts";

/** A temporary corpus of `files` (name → content) and its index, built with the hash embedder. */
export async function smallCorpus(files: Record<string, string>): Promise<{ root: string; corpusDir: string; indexDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "small-corpus-"));
  const corpusDir = path.join(root, "corpus");
  const indexDir = path.join(root, "index");
  await mkdir(corpusDir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(corpusDir, name), content);
  const built = await buildIndex({ documents: await loadCorpus(corpusDir), embedder: hashEmbedder, counter: wordCounter() });
  await writeIndex({ indexDir, data: built.data });
  return { root, corpusDir, indexDir };
}

export async function removeAll(roots: readonly string[]): Promise<void> {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
}
