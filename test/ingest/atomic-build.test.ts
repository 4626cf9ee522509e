import { type ChildProcess, spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/create-engine.ts";
import { buildIndex } from "../../src/ingest/build-index.ts";
import { loadCorpus } from "../../src/ingest/load-corpus.ts";
import { loadIndex, writeIndex } from "../../src/store/index-store.ts";
import { realEmbedder } from "../helpers/real-model.ts";

const SEED = "corpus/chinadaily-2024-11-xi-peru-agreements.txt";
let workspace = "";
afterAll(async () => {
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

/** Starts `npm run index` on the given folders and resolves once it is embedding. */
function startBuild(
  corpusDir: string,
  indexDir: string,
): { child: ChildProcess; embedding: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/ingest/cli.ts", "--corpus", corpusDir, "--out", indexDir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  const embedding = new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (data: Buffer) => {
      log += data.toString();
      if (/embed: [1-9]\d*\//.test(log)) resolve();
    });
    child.on("exit", () => reject(new Error(`build ended before embedding: ${log}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, embedding, exited };
}

describe("an index build killed midway", () => {
  it("leaves the previous index serving answers, and the next build cleans up and completes", async () => {
    workspace = await mkdtemp(path.join(tmpdir(), "atomic-build-"));
    const corpusDir = path.join(workspace, "corpus");
    const indexDir = path.join(workspace, "index");
    await mkdir(corpusDir);
    await copyFile(SEED, path.join(corpusDir, "seed.txt"));
    const embedder = await realEmbedder();
    const { data: before } = await buildIndex({ documents: await loadCorpus(corpusDir), embedder, counter: embedder });
    const { generation } = await writeIndex({ indexDir, data: before });

    // Enough new text that embedding takes a while: shuffled copies of the article's paragraphs.
    const paragraphs = (await readFile(SEED, "utf8")).split("\n").slice(1);
    for (let copy = 0; copy < 15; copy += 1) {
      const shuffled = paragraphs.map((_, index) => paragraphs[(index * 7 + copy) % paragraphs.length]);
      await writeFile(path.join(corpusDir, `copy-${copy}.txt`), `Copy ${copy}\n${shuffled.join("\n")}`);
    }
    const build = startBuild(corpusDir, indexDir);
    await build.embedding;
    build.child.kill("SIGKILL");
    await build.exited;

    const survivor = await loadIndex(indexDir);
    expect(survivor.generation).toBe(generation);
    expect(survivor.data.documents.map((document) => document.id)).toEqual(["seed"]);
    const engine = createEngine({ data: survivor.data, vectorIndex: survivor.hnsw, embedder });
    const response = await engine.answerer.ask({ question: "When will the port be inaugurated?" });
    expect(response.grounded).toBe(true);
    expect(response.answer).toMatch(/Thursday/);

    // Keep the rebuild short: drop most of the copies first.
    for (let copy = 1; copy < 15; copy += 1) await rm(path.join(corpusDir, `copy-${copy}.txt`));
    const rebuild = startBuild(corpusDir, indexDir);
    expect(await rebuild.exited).toBe(0);
    const after = await loadIndex(indexDir);
    expect(after.data.documents.map((document) => document.id)).toEqual(["copy-0", "seed"]);
    expect((await readdir(indexDir)).sort()).toEqual(["CURRENT", after.generation]);
  }, 180_000);
});
