import { spawn } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { currentGeneration } from "../../src/store/index-store.ts";
import { startChildServer, stop, waitUntil } from "../helpers/child-server.ts";
import { copyCorpusAndIndex, corpusMatchesIndex } from "../helpers/temp-corpus.ts";

const TOKEN = "crash-test-admin-token-0123456789";
const auth = { Authorization: `Bearer ${TOKEN}` };
const roots: string[] = [];
const children: Parameters<typeof stop>[0][] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map(stop));
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** A long, varied article: embedding its ~300 sentences and their chunks takes seconds, a window to kill in. */
function longArticle(): string {
  const places = ["Lima", "Chancay", "Cusco", "Arequipa", "Callao", "Trujillo", "Piura", "Iquitos"];
  const topics = ["trade", "ports", "mining", "agriculture", "education", "tourism", "fisheries", "energy", "railways", "health"];
  const lines: string[] = [];
  for (let index = 0; index < 300; index += 1) {
    const place = places[index % places.length];
    const topic = topics[(index * 7) % topics.length];
    lines.push(
      `Delegates in ${place} discussed ${topic} cooperation item ${index}, with ${(index * 37) % 997} projects reviewed in session ${index % 13}.`,
    );
  }
  return lines.join("\n");
}

async function snapshot(directories: { corpusDir: string; indexDir: string }) {
  return { corpus: (await readdir(directories.corpusDir)).sort(), generation: await currentGeneration(directories.indexDir) };
}

describe("a re-index killed half-way", () => {
  it("server: on restart the last complete index serves, the change is cleanly not applied, and the next change works", async () => {
    const directories = await copyCorpusAndIndex();
    roots.push(directories.root);
    const before = await snapshot(directories);
    const environment = { CORPUS_DIR: directories.corpusDir, INDEX_DIR: directories.indexDir, ADMIN_TOKEN: TOKEN, INDEX_WATCH_MS: "0" };
    const first = await startChildServer(environment);
    children.push(first.child);
    await waitUntil(async () => ((await fetch(`${first.url}/readyz`)).ok ? true : undefined), { what: "ready" });
    const submitted = await fetch(`${first.url}/admin/documents`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Long delegation record", text: longArticle() }),
    });
    expect(submitted.status).toBe(202);
    const { job } = (await submitted.json()) as { job: { id: string } };
    await waitUntil(
      async () => {
        const state = (
          (await (await fetch(`${first.url}/admin/jobs/${job.id}`, { headers: auth })).json()) as { job: Record<string, unknown> }
        ).job;
        const progress = state.progress as { phase: string; done: number; total: number } | undefined;
        if (state.status === "live") throw new Error("finished before it could be killed");
        return progress?.phase === "embed" && progress.done < progress.total ? true : undefined;
      },
      { what: "the job to be embedding", timeoutMs: 120_000 },
    );
    first.child.kill("SIGKILL");
    await stop(first.child);

    // What the kill left: the corpus and the serving index untouched, only a stale lock.
    expect(await snapshot(directories)).toEqual(before);
    expect(await readdir(directories.indexDir)).toContain(".ingest.lock");

    const second = await startChildServer(environment);
    children.push(second.child);
    const ready = await waitUntil(
      async () => {
        const response = await fetch(`${second.url}/readyz`);
        return response.ok ? ((await response.json()) as { documents: number }) : undefined;
      },
      { what: "ready after restart" },
    );
    expect(ready.documents).toBe(1);
    expect((await fetch(`${second.url}/documents/long-delegation-record`)).status).toBe(404);
    const ask = await fetch(`${second.url}/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"question":"When will the port open?"}',
    });
    expect(ask.status).toBe(200);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true });

    // The stale lock does not block the next change.
    const retry = await fetch(`${second.url}/admin/documents`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Short note", text: "President Xi left Lima on Sunday." }),
    });
    const retried = ((await retry.json()) as { job: { id: string } }).job;
    const finished = await waitUntil(
      async () => {
        const state = (
          (await (await fetch(`${second.url}/admin/jobs/${retried.id}`, { headers: auth })).json()) as { job: { status: string } }
        ).job;
        return state.status === "live" || state.status === "failed" ? state : undefined;
      },
      { what: "the retry to finish", timeoutMs: 120_000 },
    );
    expect(finished.status).toBe("live");
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true, corpusIds: expect.arrayContaining(["short-note"]) });
    expect(await readdir(directories.indexDir)).not.toContain(".ingest.lock");
  }, 240_000);

  it("ingest CLI: killed while embedding, it changes nothing; run again, it applies the change", async () => {
    const directories = await copyCorpusAndIndex();
    roots.push(directories.root);
    const before = await snapshot(directories);
    const article = path.join(directories.root, "long-record.txt");
    await writeFile(article, `Long delegation record\n${longArticle()}\n`);
    const environment = { ...process.env, CORPUS_DIR: directories.corpusDir, INDEX_DIR: directories.indexDir };
    const cli = spawn(process.execPath, ["--import", "tsx", "src/admin/ingest-cli.ts", article], {
      env: environment,
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(cli);
    let progress = "";
    await new Promise<void>((resolve, reject) => {
      cli.stderr?.on("data", (chunk: Buffer) => {
        progress += chunk.toString();
        // The first "embed: 0/N" line means the documents are chunked and embedding is under way.
        if (/embed: \d+\/\d+/.test(progress)) resolve();
      });
      cli.once("exit", (code) => reject(new Error(`ingest exited (${code}) before it could be killed:\n${progress}`)));
    });
    cli.kill("SIGKILL");
    await stop(cli);
    expect(await snapshot(directories)).toEqual(before);

    const rerun = spawn(process.execPath, ["--import", "tsx", "src/admin/ingest-cli.ts", article], {
      env: environment,
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(rerun);
    let rerunOutput = "";
    rerun.stderr?.on("data", (chunk: Buffer) => {
      rerunOutput += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => rerun.once("exit", resolve));
    expect(code, rerunOutput).toBe(0);
    expect(rerunOutput).toMatch(/2 documents/);
    expect(await corpusMatchesIndex(directories)).toEqual({
      matches: true,
      corpusIds: ["chinadaily-2024-11-xi-peru-agreements", "long-record"],
      indexIds: ["chinadaily-2024-11-xi-peru-agreements", "long-record"],
    });
    expect(await readFile(path.join(directories.corpusDir, "long-record.txt"), "utf8")).toContain("item 299");
  }, 240_000);
});
