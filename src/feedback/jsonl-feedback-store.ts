// Node adapter: feedback as one JSON object per line, appended and fsynced before the reply. The file
// is capped: past `maxBytes` it is renamed to FILE.1 (FILE.1 to FILE.2, …) and a new one started, so
// disk use stays under (keep + 1) × maxBytes however much feedback arrives.
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { DEFAULT_FEEDBACK_KEEP, DEFAULT_FEEDBACK_MAX_BYTES } from "./feedback-limits.ts";
import type { FeedbackRecord, FeedbackStore } from "./feedback-store.ts";

export interface JsonlFeedbackStore extends FeedbackStore {
  close(): Promise<void>;
}

interface OpenFile {
  readonly handle: FileHandle;
  size: number;
}

export function createJsonlFeedbackStore(options: { file: string; maxBytes?: number; keep?: number }): JsonlFeedbackStore {
  const { file, maxBytes = DEFAULT_FEEDBACK_MAX_BYTES, keep = DEFAULT_FEEDBACK_KEEP } = options;
  const directory = dirname(file);
  let current: Promise<OpenFile> | undefined;
  // One write at a time, so concurrent requests cannot interleave lines or reorder an fsync.
  let queue: Promise<unknown> = Promise.resolve();

  const openFile = async (): Promise<OpenFile> => {
    await mkdir(directory, { recursive: true });
    const handle = await open(file, "a");
    try {
      // A new file is only durable once its directory entry is: sync the directory too.
      await syncDirectory(directory);
      return { handle, size: (await handle.stat()).size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  };

  /** FILE.keep is dropped, FILE.n becomes FILE.n+1, FILE becomes FILE.1; then the directory is synced. */
  const rotate = async (full: OpenFile): Promise<void> => {
    await full.handle.close();
    current = undefined;
    await rm(`${file}.${keep}`, { force: true });
    for (let generation = keep - 1; generation >= 1; generation -= 1) {
      await rename(`${file}.${generation}`, `${file}.${generation + 1}`).catch(ignoreMissing);
    }
    if (keep > 0) await rename(file, `${file}.1`);
    else await rm(file, { force: true });
    await syncDirectory(directory);
  };

  /** The open file, opened on first use; a failed open is retried by the next write. */
  const currentFile = async (): Promise<OpenFile> => {
    current ??= openFile();
    try {
      return await current;
    } catch (error) {
      current = undefined;
      throw error;
    }
  };

  const write = async (line: string): Promise<void> => {
    const bytes = Buffer.byteLength(line);
    let target = await currentFile();
    if (target.size > 0 && target.size + bytes > maxBytes) {
      await rotate(target);
      target = await currentFile();
    }
    await target.handle.appendFile(line, "utf8");
    target.size += bytes;
    await target.handle.sync();
  };

  return {
    append(record: FeedbackRecord): Promise<void> {
      const appended = queue.then(() => write(`${JSON.stringify(record)}\n`));
      queue = appended.catch(() => undefined);
      return appended;
    },
    async close(): Promise<void> {
      await queue;
      const open = await current?.catch(() => undefined);
      current = undefined;
      await open?.handle.close();
    },
  };
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== "ENOENT") throw error;
}
