// Node adapter: runs admin changes as background jobs and keeps the serving engine in step with the
// index on disk (also when `npm run ingest` changed it). A change is accepted only once it is in the
// job journal on disk; after a crash, the jobs that had not finished run on start, each applied once.

import { access } from "node:fs/promises";
import path from "node:path";
import type { Engine, EngineHolder } from "../engine.ts";
import { AppError, NotFoundError, NotReadyError } from "../errors.ts";
import type { Logger } from "../observe/logger.ts";
import type { Metrics } from "../observe/metrics.ts";
import type { IndexData } from "../store/index-data.ts";
import { currentGeneration, loadIndex } from "../store/index-store.ts";
import type { VectorIndex } from "../store/vector-index.ts";
import { BATCH_MARKER_FILE, clearBatchMarker, resolveBatchMarker } from "./batch-marker.ts";
import { corpusHasDocument, hasJournal, recoverCorpus } from "./corpus-change.ts";
import type { AdminJob, DocumentAdmin, DocumentChange } from "./document-admin.ts";
import { acquireIngestLock, isIngestLockedByOther } from "./ingest-lock.ts";
import { isFinished, JobBook, type JobRecord, MAX_WAITING_JOBS } from "./job-book.ts";
import { type JobJournal, openJobJournal } from "./job-journal.ts";
import type { Reindexer } from "./worker-reindexer.ts";

/** The journal is compacted once it is this much larger than twice its size after the last compaction. */
const DEFAULT_COMPACTION_SLACK_BYTES = 8 * 1024 * 1024;

export interface NodeDocumentAdmin extends DocumentAdmin {
  /** Reads the job journal, settles what a crash left, resumes unfinished jobs, then watches `index/CURRENT`. */
  start(): Promise<void>;
  stop(): void;
}

export class AdminQueueFullError extends AppError {
  constructor() {
    super({
      code: "admin_queue_full",
      status: 503,
      message: `${MAX_WAITING_JOBS} document changes (or 1 GiB of documents) are already waiting; try again once some are live`,
      headers: { "Retry-After": "10" },
    });
  }
}

export function createNodeDocumentAdmin(options: {
  corpusDir: string;
  indexDir: string;
  engines: EngineHolder;
  /** Builds and commits the new index off the event loop (a worker thread in production). */
  reindexer: Reindexer;
  /** The index generation the engine was loaded from. */
  serving: { generation: string };
  makeEngine: (options: { data: IndexData; vectorIndex: VectorIndex }) => Engine;
  logger: Logger;
  metrics?: Metrics;
  /** How often to look for an index written by another process; 0 turns watching off. */
  watchIntervalMs?: number;
  /** Finished jobs' documents the journal may hold beyond twice its compacted size before it is compacted. */
  compactionSlackBytes?: number;
}): NodeDocumentAdmin {
  const { corpusDir, indexDir, engines, reindexer, makeEngine, logger, metrics, watchIntervalMs = 2_000 } = options;
  const { compactionSlackBytes = DEFAULT_COMPACTION_SLACK_BYTES } = options;
  let serving = options.serving;
  const book = new JobBook();
  let journal: JobJournal | undefined;
  let compactedBytes = 0;
  let tail: Promise<void> = Promise.resolve();
  let busy = 0;
  let pumping = false;
  let watcher: ReturnType<typeof setInterval> | undefined;

  /** Everything that reads or writes the index runs here, one task at a time. */
  const schedule = (task: () => Promise<void>): Promise<void> => {
    busy += 1;
    tail = tail
      .then(task)
      .catch((error: unknown) => logger.error("index task failed", { error: errorMessage(error) }))
      .finally(() => {
        busy -= 1;
      });
    return tail;
  };

  /** Loads the generation `CURRENT` names and swaps it in once it is complete in memory. */
  const serveCurrent = async () => {
    const index = await loadIndex(indexDir);
    engines.set(makeEngine({ data: index.data, vectorIndex: index.hnsw }));
    serving = { generation: index.generation };
    return index.generation;
  };

  /** Rewrites the journal with what is still needed: unfinished jobs with their changes, and the finished ones remembered. */
  const compact = async () => {
    if (!journal) return;
    await journal.rewrite(book.journalRecords());
    compactedBytes = journal.bytes;
  };

  /** Records the outcome of `records` durably, then in metrics and logs. */
  const finish = async (records: readonly JobRecord[], outcome: Partial<AdminJob> & { status: "live" | "failed" }) => {
    const finishedAt = new Date().toISOString();
    book.finish(records, { ...outcome, finishedAt });
    for (const { job } of records) {
      const startedAt = job.startedAt ? Date.parse(job.startedAt) : Date.parse(finishedAt);
      metrics?.recordAdminJob({ status: outcome.status, seconds: (Date.parse(finishedAt) - startedAt) / 1000 });
      const details = { jobId: job.id, kind: job.kind, docId: job.docId };
      if (outcome.status === "live") logger.info?.("admin change live", { ...details, generation: outcome.generation });
      else logger.error("admin change failed", { ...details, error: outcome.error?.message });
    }
    await Promise.all(records.map((record) => journal?.append({ type: "finished", job: record.job })));
    if (journal && journal.bytes > 2 * compactedBytes + compactionSlackBytes) await compact();
  };

  /**
   * Gives a crashed or just-finished commit its verdict (the caller holds the ingest lock): the jobs
   * it carried are live when the serving index has its corpus hash. Returns the ids found applied.
   */
  const settleMarker = async (): Promise<Set<string>> => {
    const marker = await resolveBatchMarker({ corpusDir, indexDir });
    if (!marker) return new Set();
    const applied = new Set(marker.verdict === "applied" ? marker.jobIds : []);
    const records = [...applied].flatMap((id) => {
      const record = book.get(id);
      return record && !isFinished(record) ? [record] : [];
    });
    if (records.length > 0) {
      const generation = (await currentGeneration(indexDir)) ?? serving.generation;
      // Applied either way; should loading fail, the watcher tries again.
      if (generation !== serving.generation)
        await serveCurrent().catch((error: unknown) => logger.error("loading the new index failed", { error: errorMessage(error) }));
      await finish(records, { status: "live", generation });
    }
    await clearBatchMarker(corpusDir);
    return applied;
  };

  /** Applies `batch` as one commit. "split": it failed uncommitted, and its jobs should be retried one by one. */
  const runBatch = async (batch: JobRecord[]): Promise<"done" | "split"> => {
    const startedAt = new Date().toISOString();
    for (const record of batch) book.update(record, { status: "running", startedAt });
    let release: (() => Promise<void>) | undefined;
    try {
      try {
        release = await acquireIngestLock({
          indexDir,
          onWait: (pid) => logger.warn?.("waiting for another process to finish changing the index", { pid }),
        });
      } catch (error) {
        // Nothing was applied: the jobs fail cleanly rather than stay "running".
        await finish(batch, { status: "failed", error: { code: errorCode(error), message: errorMessage(error) } });
        return "done";
      }
      let failure: unknown;
      await reindexer
        .run({
          corpusDir,
          indexDir,
          changes: batch.map((record) => record.change as DocumentChange),
          jobIds: batch.map((record) => record.job.id),
          onProgress: (progress) => {
            for (const record of batch) book.update(record, { progress });
          },
        })
        .catch((error: unknown) => {
          failure = error;
        });
      const applied = await settleMarker();
      if (batch.every((record) => applied.has(record.job.id))) {
        if (failure)
          logger.warn?.("a change was committed but a step after it failed; the next change completes it", {
            error: errorMessage(failure),
          });
        return "done";
      }
      if (batch.length > 1) return "split";
      await finish(batch, { status: "failed", error: { code: errorCode(failure), message: errorMessage(failure) } });
      return "done";
    } finally {
      book.endBatch();
      await release?.();
    }
  };

  /** Runs batches until no job waits. */
  const pump = () => {
    if (pumping) return;
    pumping = true;
    void schedule(async () => {
      try {
        while (book.waitingCount > 0) {
          const batch = book.startBatch();
          if ((await runBatch(batch)) !== "split") continue;
          for (const [index, record] of batch.entries()) {
            book.restartBatch(batch.slice(index));
            await runBatch([record]);
          }
        }
      } finally {
        pumping = false;
      }
    });
  };

  /** A delete must name a document that exists now or once the accepted jobs ran. */
  const willExist = async (docId: string): Promise<boolean> => {
    let exists = await corpusHasDocument(corpusDir, docId);
    for (const { change } of book.unfinished()) if (change?.docId === docId) exists = change.kind === "upsert";
    return exists;
  };

  const reloadIfChanged = async () => {
    const generation = await currentGeneration(indexDir);
    if (!generation || generation === serving.generation) return;
    logger.info?.("index reloaded", { generation: await serveCurrent() });
  };

  /** What a crash left: the fate of the commit it interrupted, and a half-applied corpus change. */
  const recoverUnderLock = async () => {
    if (!(await hasJournal(corpusDir)) && !(await fileExists(path.join(corpusDir, BATCH_MARKER_FILE)))) return;
    const release = await acquireIngestLock({ indexDir });
    try {
      const applied = await settleMarker();
      const outcome = await recoverCorpus({ corpusDir, indexDir });
      logger.warn?.("recovered an interrupted change", { outcome, jobsFoundApplied: applied.size });
    } finally {
      await release();
    }
  };

  return {
    async submit(change) {
      if (!journal) throw new NotReadyError("Document changes are not accepted yet; try again shortly");
      if (change.kind === "delete" && !(await willExist(change.docId))) throw new NotFoundError("No document with that id");
      if (!book.hasRoomFor(change)) throw new AdminQueueFullError();
      const record: JobRecord = {
        change,
        job: { id: crypto.randomUUID(), kind: change.kind, docId: change.docId, status: "queued", submittedAt: new Date().toISOString() },
      };
      // Accepted means durable: the 202 goes out only once the job is on disk.
      await journal.append({ type: "submitted", job: record.job, change });
      book.add(record);
      pump();
      return record.job;
    },
    job(id) {
      return book.get(id)?.job;
    },
    async start() {
      const opened = await openJobJournal(corpusDir);
      journal = opened.journal;
      if (opened.skipped > 0) logger.warn?.("skipped unreadable lines of the admin job journal", { lines: opened.skipped });
      book.restore(opened.records);
      const settled = schedule(async () => {
        await recoverUnderLock();
        await compact();
        if (book.waitingCount > 0) logger.info?.("resuming accepted document changes", { jobs: book.waitingCount });
      });
      // Waiting for another process's lock would keep the admin API unready; its jobs run once it is free.
      if (!(await isIngestLockedByOther(indexDir))) await settled;
      pump();
      if (watchIntervalMs > 0) {
        watcher = setInterval(() => {
          if (busy === 0) void schedule(reloadIfChanged);
        }, watchIntervalMs);
        watcher.unref();
      }
    },
    stop() {
      if (watcher) clearInterval(watcher);
      void reindexer.close();
      void journal?.close();
    },
  };
}

function fileExists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : "reindex_failed";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
