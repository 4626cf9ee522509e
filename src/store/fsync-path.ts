// Node adapter: durability for the index and corpus writers.
import { open } from "node:fs/promises";

/** Flushes a file, or a folder's entries (so a rename in it survives a crash), to disk. */
export async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
