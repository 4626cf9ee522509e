// Node adapter: which admin jobs a commit carried, so that after a crash each is applied exactly once.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fsyncPath } from "../store/fsync-path.ts";
import { servingCorpusHash, writeDurably } from "./corpus-change.ts";

/**
 * `corpus/.admin-batch.json`: written (durably) by a server job just before its commit point, with
 * the corpus hash the commit will serve. Whoever next holds the ingest lock, a restarted server or
 * `npm run ingest`, gives it its verdict before changing anything: `applied` when the serving index
 * has that hash (the commit happened), `not-applied` otherwise. Nobody else commits in between, so
 * the verdict is exact; the server removes the marker once the jobs' outcome is in its job journal.
 */
export const BATCH_MARKER_FILE = ".admin-batch.json";

export interface BatchMarker {
  readonly jobIds: readonly string[];
  readonly corpusHash: string;
  readonly verdict?: "applied" | "not-applied";
}

export async function writeBatchMarker(options: { corpusDir: string; jobIds: readonly string[]; corpusHash: string }): Promise<void> {
  const { corpusDir, jobIds, corpusHash } = options;
  await writeDurably({
    directory: corpusDir,
    name: BATCH_MARKER_FILE,
    content: JSON.stringify({ jobIds, corpusHash } satisfies BatchMarker),
  });
}

/** The marker, given its verdict if it had none. The caller holds the ingest lock. */
export async function resolveBatchMarker(options: { corpusDir: string; indexDir: string }): Promise<BatchMarker | undefined> {
  const { corpusDir, indexDir } = options;
  let marker: BatchMarker;
  try {
    marker = JSON.parse(await readFile(path.join(corpusDir, BATCH_MARKER_FILE), "utf8")) as BatchMarker;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    // Written by rename, so never half-written; anything unreadable is not ours.
    await clearBatchMarker(corpusDir);
    return undefined;
  }
  if (!Array.isArray(marker.jobIds) || typeof marker.corpusHash !== "string") {
    await clearBatchMarker(corpusDir);
    return undefined;
  }
  if (marker.verdict) return marker;
  const resolved: BatchMarker = {
    ...marker,
    verdict: (await servingCorpusHash(indexDir)) === marker.corpusHash ? "applied" : "not-applied",
  };
  await writeDurably({ directory: corpusDir, name: BATCH_MARKER_FILE, content: JSON.stringify(resolved) });
  return resolved;
}

export async function clearBatchMarker(corpusDir: string): Promise<void> {
  await rm(path.join(corpusDir, BATCH_MARKER_FILE), { force: true });
  await fsyncPath(corpusDir);
}
