// Node adapter: the admin job journal, `corpus/.admin-jobs.jsonl`. A change is accepted (202) only
// once its `submitted` line is on disk (fsync); a `finished` line records how it ended. Only the
// server writes it, one writer at a time (appends and rewrites are queued).
import { createReadStream } from "node:fs";
import { type FileHandle, mkdir, open, rename, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { fsyncPath } from "../store/fsync-path.ts";
import type { AdminJob, DocumentChange } from "./document-admin.ts";

export const JOB_JOURNAL_FILE = ".admin-jobs.jsonl";

export type JournalRecord =
  | { readonly type: "submitted"; readonly job: AdminJob; readonly change: DocumentChange }
  | { readonly type: "finished"; readonly job: AdminJob };

export interface JobJournal {
  /** Resolves once the record is on disk. Records appended together share one fsync. */
  append(record: JournalRecord): Promise<void>;
  /** Replaces the whole file with `records` (temporary file, fsync, rename): compaction. */
  rewrite(records: readonly JournalRecord[]): Promise<void>;
  /** Size of the file now. */
  readonly bytes: number;
  close(): Promise<void>;
}

/**
 * Reads the journal (a line cut short by a crash, or anything else unreadable, is skipped: it was
 * never acknowledged) and opens it for appending.
 */
export async function openJobJournal(corpusDir: string): Promise<{ journal: JobJournal; records: JournalRecord[]; skipped: number }> {
  await mkdir(corpusDir, { recursive: true });
  const file = path.join(corpusDir, JOB_JOURNAL_FILE);
  const { records, skipped } = await readRecords(file);
  let handle: FileHandle = await open(file, "a");
  let bytes = (await stat(file)).size;
  let tail: Promise<unknown> = Promise.resolve();
  const pending: { line: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let flushing = false;

  /** Runs one file operation after the ones before it. */
  const serially = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = tail.then(operation);
    tail = result.catch(() => undefined);
    return result;
  };

  const flush = async () => {
    flushing = true;
    while (pending.length > 0) {
      const batch = pending.splice(0);
      const text = batch.map((entry) => entry.line).join("");
      try {
        await serially(async () => {
          await handle.write(text);
          await handle.datasync();
          bytes += Buffer.byteLength(text);
        });
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    flushing = false;
  };

  const journal: JobJournal = {
    append(record) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ line: journalLine(record), resolve, reject });
        if (!flushing) void flush();
      });
    },
    rewrite(next) {
      return serially(async () => {
        const temporary = `${file}.tmp`;
        const output = await open(temporary, "w");
        let written = 0;
        try {
          for (const record of next) {
            const line = journalLine(record);
            await output.write(line);
            written += Buffer.byteLength(line);
          }
          await output.sync();
        } finally {
          await output.close();
        }
        await rename(temporary, file);
        await fsyncPath(corpusDir);
        await handle.close();
        handle = await open(file, "a");
        bytes = written;
      });
    },
    get bytes() {
      return bytes;
    },
    close() {
      return serially(() => handle.close());
    },
  };
  return { journal, records, skipped };
}

/** One record as the journal stores it: a versioned JSON line. */
function journalLine(record: JournalRecord): string {
  return `${JSON.stringify({ v: 1, ...record })}\n`;
}

async function readRecords(file: string): Promise<{ records: JournalRecord[]; skipped: number }> {
  const records: JournalRecord[] = [];
  let skipped = 0;
  try {
    await stat(file);
  } catch {
    return { records, skipped };
  }
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const record = parseRecord(line);
    if (record) records.push(record);
    else skipped += 1;
  }
  return { records, skipped };
}

function parseRecord(line: string): JournalRecord | undefined {
  try {
    const value = JSON.parse(line) as { type?: unknown; job?: { id?: unknown; status?: unknown }; change?: { kind?: unknown } };
    if (typeof value.job?.id !== "string" || typeof value.job.status !== "string") return undefined;
    if (value.type === "submitted" && (value.change?.kind === "upsert" || value.change?.kind === "delete"))
      return value as unknown as JournalRecord;
    if (value.type === "finished") return value as unknown as JournalRecord;
    return undefined;
  } catch {
    return undefined;
  }
}
