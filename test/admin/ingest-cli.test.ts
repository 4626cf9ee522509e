import { spawn } from "node:child_process";
import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { currentGeneration } from "../../src/store/index-store.ts";
import { startChildServer, stop, waitUntil } from "../helpers/child-server.ts";
import { copyCorpusAndIndex, corpusMatchesIndex } from "../helpers/temp-corpus.ts";

const cleanUp: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
});

function ingest(argumentsList: string[], environment: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/admin/ingest-cli.ts", ...argumentsList], {
      env: { ...process.env, ...environment },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("npm run ingest", () => {
  it("adds and removes documents while a server keeps serving and picks up each new index", async () => {
    const directories = await copyCorpusAndIndex();
    cleanUp.push(() => rm(directories.root, { recursive: true, force: true }));
    const environment = { CORPUS_DIR: directories.corpusDir, INDEX_DIR: directories.indexDir };
    const server = await startChildServer({ ...environment, INDEX_WATCH_MS: "100" });
    cleanUp.push(() => stop(server.child));
    const documentStatus = async (id: string) => (await fetch(`${server.url}/documents/${id}`)).status;
    await waitUntil(async () => ((await fetch(`${server.url}/readyz`)).ok ? true : undefined), { what: "ready" });

    const source = path.join(directories.root, "Chancay Port Opening.md");
    await writeFile(source, "---\ntitle: Chancay port opening\n---\nXi and Boluarte opened the Chancay port by video link on Thursday.\n");
    await writeFile(path.join(directories.root, "Chancay Port Opening.meta.json"), '{ "url": "https://example.org/chancay" }');
    const added = await ingest([source], environment);
    expect(added.code, added.output).toBe(0);
    expect(added.output).toMatch(/2 documents/);
    expect(await readdir(directories.corpusDir)).toEqual(
      expect.arrayContaining(["chancay-port-opening.md", "chancay-port-opening.meta.json"]),
    );
    await waitUntil(async () => ((await documentStatus("chancay-port-opening")) === 200 ? true : undefined), {
      what: "the server to load the new index",
    });
    const document = (await (await fetch(`${server.url}/documents/chancay-port-opening`)).json()) as Record<string, unknown>;
    expect(document).toMatchObject({ title: "Chancay port opening", url: "https://example.org/chancay" });
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });

    // A file that would not load changes nothing and says why.
    const generation = await currentGeneration(directories.indexDir);
    const empty = path.join(directories.root, "empty.txt");
    await writeFile(empty, "Only a title\n");
    const refused = await ingest([empty], environment);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("has no text");
    expect(await currentGeneration(directories.indexDir)).toBe(generation);

    const removed = await ingest(["--remove", "chancay-port-opening"], environment);
    expect(removed.code, removed.output).toBe(0);
    await waitUntil(async () => ((await documentStatus("chancay-port-opening")) === 404 ? true : undefined), {
      what: "the server to drop the document",
    });
    expect((await readdir(directories.corpusDir)).filter((name) => name.startsWith("chancay"))).toEqual([]);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });
  }, 240_000);
});
