// Node adapter: runs `commitChange` in a worker thread, one request at a time (the caller
// serialises jobs and holds the ingest lock).
import type { Worker } from "node:worker_threads";
import type { TransformersEmbedderOptions } from "../embed/transformers-embedder.ts";
import type { BuildProgress } from "../ingest/build-index.ts";
import { startTypeScriptWorker } from "../threads/typescript-worker.ts";
import type { CommittedChange } from "./commit-change.ts";
import type { DocumentChange } from "./document-admin.ts";

export interface ReindexRequest {
  readonly corpusDir: string;
  readonly indexDir: string;
  readonly changes: readonly DocumentChange[];
  readonly jobIds?: readonly string[];
  readonly model: TransformersEmbedderOptions;
}

export type ReindexSummary = Pick<CommittedChange, "changed" | "generation" | "reusedDocuments" | "embeddedTexts" | "recovered"> & {
  readonly counts: CommittedChange["data"]["manifest"]["counts"];
};

export type ReindexWorkerMessage =
  | { readonly type: "progress"; readonly progress: BuildProgress }
  | { readonly type: "done"; readonly summary: ReindexSummary }
  | { readonly type: "failed"; readonly code: string; readonly message: string };

export class ReindexError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface Reindexer {
  run(options: {
    corpusDir: string;
    indexDir: string;
    changes: readonly DocumentChange[];
    /** The admin jobs the changes come from (see commitChange). */
    jobIds?: readonly string[];
    onProgress?: (progress: BuildProgress) => void;
  }): Promise<ReindexSummary>;
  close(): Promise<void>;
}

const WORKER_MODULE = new URL("./reindex-worker.ts", import.meta.url);

/** The worker is started on first use and kept (with its model loaded) for later jobs. */
export function createWorkerReindexer(model: TransformersEmbedderOptions): Reindexer {
  let worker: Worker | undefined;
  const start = (): Worker => {
    const created = startTypeScriptWorker(WORKER_MODULE);
    created.unref();
    created.once("exit", () => {
      if (worker === created) worker = undefined;
    });
    return created;
  };
  return {
    run({ corpusDir, indexDir, changes, jobIds, onProgress }) {
      worker ??= start();
      const current = worker;
      return new Promise<ReindexSummary>((resolve, reject) => {
        const cleanUp = () => {
          current.off("message", onMessage);
          current.off("error", onError);
          current.off("exit", onExit);
        };
        const onMessage = (message: ReindexWorkerMessage) => {
          if (message.type === "progress") onProgress?.(message.progress);
          else {
            cleanUp();
            if (message.type === "done") resolve(message.summary);
            else reject(new ReindexError(message.code, message.message));
          }
        };
        const onError = (error: Error) => {
          cleanUp();
          reject(new ReindexError("reindex_worker_failed", error.message));
        };
        const onExit = (code: number) => {
          cleanUp();
          reject(new ReindexError("reindex_worker_failed", `the re-index worker exited with code ${code}`));
        };
        current.on("message", onMessage);
        current.on("error", onError);
        current.on("exit", onExit);
        current.postMessage({ corpusDir, indexDir, changes, jobIds, model } satisfies ReindexRequest);
      });
    },
    async close() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
