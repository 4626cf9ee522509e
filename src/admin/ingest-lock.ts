// Node adapter: one writer of corpus/ and index/ at a time, across processes (the server's admin
// jobs and `npm run ingest`).
import { mkdir, open, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";

export const LOCK_FILE = ".ingest.lock";

export class IngestLockTimeoutError extends Error {
  readonly code = "ingest_locked";
}

/**
 * Takes `<indexDir>/.ingest.lock` (created exclusively, holding our pid). A lock whose process is
 * gone, or that names our own pid (a previous run that was killed, restarted with the same pid),
 * is stale and taken over. Resolves to the release function.
 */
export async function acquireIngestLock(options: {
  indexDir: string;
  waitMs?: number;
  pollMs?: number;
  onWait?: (holderPid: number) => void;
}): Promise<() => Promise<void>> {
  const { indexDir, waitMs = 10 * 60_000, pollMs = 200, onWait } = options;
  await mkdir(indexDir, { recursive: true });
  const file = path.join(indexDir, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await lockHolder(file);
    // A lock without a pid may be one being written this instant; only an old one is abandoned.
    const abandoned = holder === undefined ? await isOlderThan(file, 5_000) : holder === process.pid || !isAlive(holder);
    if (abandoned) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline)
      throw new IngestLockTimeoutError(`another process (pid ${holder ?? "?"}) is changing the index; try again later`);
    if (!told && holder !== undefined) onWait?.(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Whether a live process other than this one holds the lock. */
export async function isIngestLockedByOther(indexDir: string): Promise<boolean> {
  const holder = await lockHolder(path.join(indexDir, LOCK_FILE));
  return holder !== undefined && holder !== process.pid && isAlive(holder);
}

async function lockHolder(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(file, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function isOlderThan(file: string, ageMs: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > ageMs;
  } catch {
    return true;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
