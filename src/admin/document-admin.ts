import { NotReadyError } from "../errors.ts";
import type { DocumentMetadata } from "../ingest/document.ts";

/** A corpus file as the loader will read it: `<name>` plus an optional `<base>.meta.json`. */
export interface CorpusEntry {
  readonly fileName: string;
  readonly content: string;
  readonly metadata?: DocumentMetadata;
}

export type DocumentChange =
  | { readonly kind: "upsert"; readonly docId: string; readonly entry: CorpusEntry }
  | { readonly kind: "delete"; readonly docId: string };

export type JobStatus = "queued" | "running" | "live" | "failed";

/** A re-indexing job as `GET /admin/jobs/{id}` shows it. */
export interface AdminJob {
  readonly id: string;
  readonly kind: DocumentChange["kind"];
  readonly docId: string;
  readonly status: JobStatus;
  readonly submittedAt: string;
  readonly startedAt?: string;
  /** When the change went live (status `live`) or the job gave up (`failed`). */
  readonly finishedAt?: string;
  readonly progress?: { readonly phase: string; readonly done: number; readonly total: number };
  /** The index generation that serves once the job is live. */
  readonly generation?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * Changes the corpus while serving. Jobs run one at a time in the background; the serving engine
 * is swapped only when a job's index is complete. Runtimes that cannot write files leave it out,
 * and the admin routes are then absent.
 */
export interface DocumentAdmin {
  /** Queues a change; a delete of a document that neither exists nor is queued throws NotFoundError. */
  submit(change: DocumentChange): Promise<AdminJob>;
  job(id: string): AdminJob | undefined;
}

/**
 * A DocumentAdmin to hand to the app before the model has loaded: changes are refused with 503
 * `not_ready` until the real one is attached.
 */
export function deferredDocumentAdmin(): { admin: DocumentAdmin; attach(admin: DocumentAdmin): void } {
  let target: DocumentAdmin | undefined;
  return {
    admin: {
      async submit(change) {
        if (!target) throw new NotReadyError("The model and index are still loading; try the change again shortly");
        return target.submit(change);
      },
      job(id) {
        // Unknown until the journal is read: "not ready", not "no such job".
        if (!target) throw new NotReadyError("The model and index are still loading; ask about the job again shortly");
        return target.job(id);
      },
    },
    attach(admin) {
      target = admin;
    },
  };
}
