// `npm run index` is a writer of index/ like the server's admin jobs and `npm run ingest`: it must wait
// for the ingest lock, or a document ingested meanwhile would vanish from the index it writes.
import { type ChildProcess, spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/admin/ingest-lock.ts";
import { currentGeneration } from "../../src/store/index-store.ts";
import { stop, waitUntil } from "../helpers/child-server.ts";
import { copyCorpusAndIndex, corpusMatchesIndex } from "../helpers/temp-corpus.ts";

const cleanUp: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
});

describe("npm run index and the ingest lock", () => {
  it("waits while another live process holds the lock, then builds over what the corpus holds by then", async () => {
    const directories = await copyCorpusAndIndex();
    cleanUp.push(() => rm(directories.root, { recursive: true, force: true }));
    // Another writer: a live process whose pid is in the lock file.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 600000)"], { stdio: "ignore" });
    cleanUp.push(() => stop(holder));
    await writeFile(path.join(directories.indexDir, LOCK_FILE), `${holder.pid}\n`);
    const before = await currentGeneration(directories.indexDir);

    const build = spawn(process.execPath, ["--import", "tsx", "src/ingest/cli.ts", "--full"], {
      env: { ...process.env, CORPUS_DIR: directories.corpusDir, INDEX_DIR: directories.indexDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanUp.push(() => stop(build));
    let output = "";
    build.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = exitCode(build);

    await waitUntil(
      async () => {
        if (build.exitCode !== null) throw new Error(`the build ended without waiting for the lock:\n${output}`);
        return output.includes(`waiting for process ${holder.pid}`) ? true : undefined;
      },
      {
        what: "the build to say it waits for the lock holder",
        timeoutMs: 60_000,
      },
    );
    // The holder changes the corpus while it holds the lock; the waiting build has not written anything.
    await writeFile(path.join(directories.corpusDir, "late-arrival.txt"), "Late arrival\nChancay opened on a Thursday.\n");
    expect(await currentGeneration(directories.indexDir)).toBe(before);

    await rm(path.join(directories.indexDir, LOCK_FILE));
    expect(await exited, output).toBe(0);
    expect(await currentGeneration(directories.indexDir)).not.toBe(before);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
  }, 180_000);
});

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
