import type { AdminJob, DocumentChange } from "./document-admin.ts";
import type { JournalRecord } from "./job-journal.ts";

/** Finished jobs remembered (and kept in the journal) so their ids still answer. */
const MAX_REMEMBERED_JOBS = 1000;
/** Waiting jobs accepted before 503: their documents wait in memory and in the journal. */
export const MAX_WAITING_JOBS = 1000;
const MAX_WAITING_BYTES = 1024 * 1024 * 1024;
/** Jobs waiting together are committed together, as one new index. */
const MAX_BATCH_JOBS = 100;
const MAX_BATCH_BYTES = 32 * 1024 * 1024;

export interface JobRecord {
  job: AdminJob;
  /** Dropped once the job has finished: only its outcome is kept. */
  change?: DocumentChange;
}

export const isFinished = (record: JobRecord): boolean => record.job.status === "live" || record.job.status === "failed";
const sizeOf = (change: DocumentChange | undefined) => (change?.kind === "upsert" ? change.entry.content.length : 0);

/**
 * The admin jobs a server knows: those waiting (in submission order), the batch running, and the
 * last 1,000 finished. In memory; the job journal makes it durable.
 */
export class JobBook {
  readonly #jobs = new Map<string, JobRecord>();
  readonly #waiting: JobRecord[] = [];
  #running: JobRecord[] = [];
  #waitingBytes = 0;

  get(id: string): JobRecord | undefined {
    return this.#jobs.get(id);
  }

  get waitingCount(): number {
    return this.#waiting.length;
  }

  /** Whether one more change of this kind fits in the bounds on waiting jobs. */
  hasRoomFor(change: DocumentChange): boolean {
    return this.#waiting.length < MAX_WAITING_JOBS && this.#waitingBytes + sizeOf(change) <= MAX_WAITING_BYTES;
  }

  /** Running, then waiting: every change accepted and not finished, in order. */
  unfinished(): readonly JobRecord[] {
    return [...this.#running, ...this.#waiting];
  }

  add(record: JobRecord): void {
    this.#waiting.push(record);
    this.#waitingBytes += sizeOf(record.change);
    this.#remember(record);
  }

  /** Takes the next batch off the waiting list and marks it running: in order, bounded in count and size. */
  startBatch(): JobRecord[] {
    const batch: JobRecord[] = [];
    let bytes = 0;
    while (this.#waiting.length > 0 && batch.length < MAX_BATCH_JOBS) {
      const size = sizeOf(this.#waiting[0]?.change);
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
      batch.push(this.#waiting.shift() as JobRecord);
      this.#waitingBytes -= size;
      bytes += size;
    }
    this.#running = batch;
    return batch;
  }

  /** Marks `records`, already taken off the waiting list, as the ones running (a failed batch retried job by job). */
  restartBatch(records: JobRecord[]): void {
    this.#running = records;
  }

  endBatch(): void {
    this.#running = [];
  }

  update(record: JobRecord, fields: Partial<AdminJob>): void {
    record.job = { ...record.job, ...fields };
  }

  /** Marks finished jobs; those still waiting (found applied after a crash) leave the waiting list. */
  finish(records: readonly JobRecord[], fields: Partial<AdminJob> & { status: "live" | "failed" }): void {
    for (const record of records) {
      const index = this.#waiting.indexOf(record);
      if (index >= 0) {
        this.#waiting.splice(index, 1);
        this.#waitingBytes -= sizeOf(record.change);
      }
      this.update(record, fields);
      record.change = undefined;
      this.#remember(record);
    }
  }

  /** Rebuilds the book from the journal: a job is finished if it has a `finished` record; the rest wait, in order. */
  restore(records: readonly JournalRecord[]): void {
    const order: JobRecord[] = [];
    for (const record of records) {
      const known = this.#jobs.get(record.job.id);
      if (known && record.type === "finished") {
        known.job = record.job;
        known.change = undefined;
      }
      if (known) continue;
      const restored: JobRecord =
        record.type === "finished" ? { job: record.job } : { job: { ...record.job, status: "queued" }, change: record.change };
      this.#jobs.set(record.job.id, restored);
      order.push(restored);
    }
    for (const record of order) {
      if (isFinished(record) || !record.change) continue;
      this.#waiting.push(record);
      this.#waitingBytes += sizeOf(record.change);
    }
    for (const record of order) this.#remember(record);
  }

  /** What the journal must keep: the finished jobs remembered, then every unfinished one with its change. */
  journalRecords(): JournalRecord[] {
    return [
      ...[...this.#jobs.values()].filter(isFinished).map((record) => ({ type: "finished" as const, job: record.job })),
      ...this.unfinished().map((record) => ({
        type: "submitted" as const,
        job: { ...record.job, status: "queued" as const },
        change: record.change as DocumentChange,
      })),
    ];
  }

  #remember(record: JobRecord): void {
    this.#jobs.set(record.job.id, record);
    const pending = this.#waiting.length + this.#running.length;
    for (const [id, old] of this.#jobs) {
      if (this.#jobs.size <= MAX_REMEMBERED_JOBS + pending) break;
      if (isFinished(old)) this.#jobs.delete(id);
    }
  }
}
