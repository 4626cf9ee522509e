// Node adapter: feedback as one JSON object per line, appended and fsynced before the reply.
import { type FileHandle, mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import type { FeedbackRecord, FeedbackStore } from "./feedback-store.ts";

export interface JsonlFeedbackStore extends FeedbackStore {
  close(): Promise<void>;
}

export function createJsonlFeedbackStore(options: { file: string }): JsonlFeedbackStore {
  let handle: Promise<FileHandle> | undefined;
  // One write at a time, so concurrent requests cannot interleave lines or reorder an fsync.
  let queue: Promise<unknown> = Promise.resolve();

  const openFile = async (): Promise<FileHandle> => {
    const directory = dirname(options.file);
    await mkdir(directory, { recursive: true });
    const file = await open(options.file, "a");
    // A new file is only durable once its directory entry is: sync the directory too.
    const directoryHandle = await open(directory, "r");
    try {
      await directoryHandle.sync();
    } finally {
      await directoryHandle.close();
    }
    return file;
  };

  return {
    append(record: FeedbackRecord): Promise<void> {
      const line = `${JSON.stringify(record)}\n`;
      const write = queue.then(async () => {
        handle ??= openFile();
        const file = await handle.catch((error: unknown) => {
          handle = undefined;
          throw error;
        });
        await file.appendFile(line, "utf8");
        await file.sync();
      });
      queue = write.catch(() => undefined);
      return write;
    },
    async close(): Promise<void> {
      await queue;
      const file = await handle?.catch(() => undefined);
      handle = undefined;
      await file?.close();
    },
  };
}
