// Node adapter: one re-indexing step, shared by the server's admin jobs and `npm run ingest`.
// The caller holds the ingest lock.
import type { Embedder, TokenCounter } from "../embed/embedder.ts";
import { type BuildProgress, buildIndex } from "../ingest/build-index.ts";
import type { IndexData } from "../store/index-data.ts";
import { currentGeneration, loadIndexIfPresent, writeIndex } from "../store/index-store.ts";
import { resolveBatchMarker, writeBatchMarker } from "./batch-marker.ts";
import { applyJournaledChange, planChange, recoverCorpus, servingCorpusHash, writeJournal } from "./corpus-change.ts";
import type { DocumentChange } from "./document-admin.ts";

export class EmptyCorpusError extends Error {
  readonly code = "empty_corpus";
}

export interface CommittedChange {
  /** False when the corpus already matched the serving index: nothing was rebuilt. */
  readonly changed: boolean;
  readonly generation: string;
  readonly data: IndexData;
  readonly reusedDocuments: number;
  readonly embeddedTexts: number;
  readonly recovered: "none" | "applied" | "discarded";
}

/**
 * Recovers from any earlier crash, then builds the index of the corpus with `changes` applied
 * (reusing the vectors of unchanged documents) and commits it: journal, `CURRENT` swap, corpus
 * files. With no changes it reconciles: rebuilds only if the corpus differs from the index.
 */
export async function commitChange(options: {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder & TokenCounter;
  changes: readonly DocumentChange[];
  /** The server's admin jobs these changes come from: recorded before the commit point (batch-marker.ts). */
  jobIds?: readonly string[];
  /** What the caller already has in memory, to skip reloading the index from disk. */
  loaded?: { generation: string; data: IndexData };
  onProgress?: (progress: BuildProgress) => void;
}): Promise<CommittedChange> {
  const { corpusDir, indexDir, embedder, changes, jobIds, loaded, onProgress } = options;
  // A server killed mid-commit left its jobs' fate open: settle it before anything else commits.
  await resolveBatchMarker({ corpusDir, indexDir });
  const recovered = await recoverCorpus({ corpusDir, indexDir });
  const generation = await currentGeneration(indexDir);
  const previous =
    loaded && loaded.generation === generation ? loaded.data : (await loadIndexIfPresent(indexDir).catch(() => undefined))?.data;
  const planned = await planChange(corpusDir, changes);
  if (planned.documents.length === 0) throw new EmptyCorpusError("the change would leave the corpus empty; add a document first");
  const built = await buildIndex({ documents: planned.documents, embedder, counter: embedder, previous, onProgress });
  const { corpusHash } = built.data.manifest;
  if (jobIds) await writeBatchMarker({ corpusDir, jobIds, corpusHash });
  const stats = { reusedDocuments: built.reusedDocuments, embeddedTexts: built.embeddedTexts, recovered };
  const hasFileChanges = planned.change.writes.length > 0 || planned.change.removes.length > 0;
  if (generation && previous && corpusHash === (await servingCorpusHash(indexDir))) {
    // Same documents as the serving index (a reconcile, or a re-upload of identical content).
    if (hasFileChanges) {
      await writeJournal({ corpusDir, change: planned.change, corpusHash });
      await applyJournaledChange({ corpusDir, change: planned.change });
    }
    return { changed: false, generation, data: previous, ...stats };
  }
  if (hasFileChanges) await writeJournal({ corpusDir, change: planned.change, corpusHash });
  const written = await writeIndex({ indexDir, data: built.data });
  if (hasFileChanges) await applyJournaledChange({ corpusDir, change: planned.change });
  return { changed: true, generation: written.generation, data: built.data, ...stats };
}
