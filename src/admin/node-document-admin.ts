// Node adapter: runs admin changes as background jobs, one at a time, and keeps the serving engine
// in step with the index on disk (also when `npm run ingest` changed it).

import type { Engine, EngineHolder } from "../engine.ts";
import { NotFoundError } from "../errors.ts";
import type { Logger } from "../observe/logger.ts";
import type { Metrics } from "../observe/metrics.ts";
import type { IndexData } from "../store/index-data.ts";
import { currentGeneration, loadIndex } from "../store/index-store.ts";
import type { VectorIndex } from "../store/vector-index.ts";
import { corpusHasDocument, hasJournal, recoverCorpus } from "./corpus-change.ts";
import type { AdminJob, DocumentAdmin, DocumentChange } from "./document-admin.ts";
import { acquireIngestLock, isIngestLockedByOther } from "./ingest-lock.ts";
import type { Reindexer } from "./worker-reindexer.ts";

const MAX_REMEMBERED_JOBS = 1000;

export interface NodeDocumentAdmin extends DocumentAdmin {
  /** Recovers from a crash left on disk, then watches `index/CURRENT` for changes by other processes. */
  start(): Promise<void>;
  stop(): void;
}

interface JobRecord {
  job: AdminJob;
  readonly change: DocumentChange;
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
}): NodeDocumentAdmin {
  const { corpusDir, indexDir, engines, reindexer, makeEngine, logger, metrics, watchIntervalMs = 2_000 } = options;
  let serving = options.serving;
  const jobs = new Map<string, JobRecord>();
  const queued: JobRecord[] = [];
  let tail: Promise<void> = Promise.resolve();
  let busy = 0;
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

  const update = (record: JobRecord, fields: Partial<AdminJob>) => {
    record.job = { ...record.job, ...fields };
  };

  const run = async (record: JobRecord) => {
    queued.splice(queued.indexOf(record), 1);
    const started = performance.now();
    update(record, { status: "running", startedAt: new Date().toISOString() });
    let release: (() => Promise<void>) | undefined;
    try {
      release = await acquireIngestLock({
        indexDir,
        onWait: (pid) => logger.warn?.("waiting for another process to finish changing the index", { pid }),
      });
      const result = await reindexer.run({
        corpusDir,
        indexDir,
        changes: [record.change],
        onProgress: (progress) => update(record, { progress }),
      });
      if (result.generation !== serving.generation) await serveCurrent();
      update(record, { status: "live", finishedAt: new Date().toISOString(), generation: result.generation });
      metrics?.recordAdminJob({ status: "live", seconds: (performance.now() - started) / 1000 });
      logger.info?.("admin change live", {
        jobId: record.job.id,
        kind: record.change.kind,
        docId: record.change.docId,
        generation: result.generation,
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      update(record, {
        status: "failed",
        finishedAt: new Date().toISOString(),
        error: { code: typeof code === "string" ? code : "reindex_failed", message: errorMessage(error) },
      });
      metrics?.recordAdminJob({ status: "failed", seconds: (performance.now() - started) / 1000 });
      logger.error("admin change failed", { jobId: record.job.id, docId: record.change.docId, error: errorMessage(error) });
    } finally {
      await release?.();
    }
  };

  const remember = (record: JobRecord) => {
    jobs.set(record.job.id, record);
    for (const [id, old] of jobs) {
      if (jobs.size <= MAX_REMEMBERED_JOBS) break;
      if (old.job.status === "live" || old.job.status === "failed") jobs.delete(id);
    }
  };

  /** A delete must name a document that exists now or once the queued jobs ran. */
  const willExist = async (docId: string): Promise<boolean> => {
    let exists = await corpusHasDocument(corpusDir, docId);
    for (const record of queued) if (record.change.docId === docId) exists = record.change.kind === "upsert";
    return exists;
  };

  const reloadIfChanged = async () => {
    const generation = await currentGeneration(indexDir);
    if (!generation || generation === serving.generation) return;
    logger.info?.("index reloaded", { generation: await serveCurrent() });
  };

  return {
    async submit(change) {
      if (change.kind === "delete" && !(await willExist(change.docId))) throw new NotFoundError("No document with that id");
      const record: JobRecord = {
        change,
        job: { id: crypto.randomUUID(), kind: change.kind, docId: change.docId, status: "queued", submittedAt: new Date().toISOString() },
      };
      remember(record);
      queued.push(record);
      void schedule(() => run(record));
      return record.job;
    },
    job(id) {
      return jobs.get(id)?.job;
    },
    async start() {
      if ((await hasJournal(corpusDir)) && !(await isIngestLockedByOther(indexDir))) {
        await schedule(async () => {
          const release = await acquireIngestLock({ indexDir });
          try {
            const outcome = await recoverCorpus({ corpusDir, indexDir });
            logger.warn?.("recovered an interrupted change", { outcome });
          } finally {
            await release();
          }
        });
      }
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
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
