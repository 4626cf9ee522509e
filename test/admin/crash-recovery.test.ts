import { spawn } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { currentGeneration } from "../../src/store/index-store.ts";
import { logLines, startChildServer, stop, waitUntil } from "../helpers/child-server.ts";
import { copyCorpusAndIndex, corpusMatchesIndex } from "../helpers/temp-corpus.ts";

const TOKEN = "crash-test-admin-token-0123456789";
const auth = { Authorization: `Bearer ${TOKEN}` };
const roots: string[] = [];
const children: Parameters<typeof stop>[0][] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map(stop));
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

const UPLOADS = 300;

/** A short record of its own for each upload: four sentences, so a batch of a hundred takes a while to embed. */
function recordText(index: number): string {
  return Array.from(
    { length: 4 },
    (_, sentence) =>
      `In record ${index}, delegates in Lima reviewed project ${index * 10 + sentence} on ports and trade, session ${sentence}.`,
  ).join(" ");
}

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
  it("server: 300 accepted uploads, killed mid-job; after a restart all 300 are applied, none twice, and every job id answers", async () => {
    const directories = await copyCorpusAndIndex();
    roots.push(directories.root);
    // One client sends 300 changes and polls their jobs: past the admin rate limit, which is off here.
    const environment = {
      CORPUS_DIR: directories.corpusDir,
      INDEX_DIR: directories.indexDir,
      ADMIN_TOKEN: TOKEN,
      ADMIN_RATE_LIMIT_PER_MINUTE: "0",
      INDEX_WATCH_MS: "0",
    };
    const first = await startChildServer(environment);
    children.push(first.child);
    await waitUntil(async () => ((await fetch(`${first.url}/readyz`)).ok ? true : undefined), { what: "ready" });

    // Half as JSON documents, half as file uploads, all at once.
    const responses = await Promise.all(
      Array.from({ length: UPLOADS }, (_, index) => {
        const title = `Delegation record ${index}`;
        if (index % 2 === 0) {
          return fetch(`${first.url}/admin/documents`, {
            method: "POST",
            headers: { ...auth, "Content-Type": "application/json" },
            body: JSON.stringify({ title, text: recordText(index) }),
          });
        }
        const form = new FormData();
        form.set("file", new File([`${title}\n${recordText(index)}`], `${title}.txt`, { type: "text/plain" }));
        return fetch(`${first.url}/admin/documents`, { method: "POST", headers: auth, body: form });
      }),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(UPLOADS).fill(202));
    const ids = await Promise.all(responses.map(async (response) => ((await response.json()) as { job: { id: string } }).job.id));
    const jobState = async (url: string, id: string) =>
      ((await (await fetch(`${url}/admin/jobs/${id}`, { headers: auth })).json()) as { job: Record<string, unknown> }).job;

    // Kill once an earlier batch is live and a later one is half-way through embedding.
    const sample = ids.filter((_, index) => index % 10 === 0);
    await waitUntil(
      async () => {
        const states = await Promise.all(sample.map((id) => jobState(first.url, id)));
        if (states.every((state) => state.status === "live")) throw new Error("finished before it could be killed");
        const embedding = states.some((state) => {
          const progress = state.progress as { phase: string; done: number; total: number } | undefined;
          return state.status === "running" && progress?.phase === "embed" && progress.done < progress.total;
        });
        return embedding && states.some((state) => state.status === "live") ? true : undefined;
      },
      { what: "a batch to be embedding after an earlier one went live", timeoutMs: 180_000 },
    );
    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    await stop(first.child);

    const second = await startChildServer(environment);
    children.push(second.child);
    await waitUntil(async () => ((await fetch(`${second.url}/readyz`)).ok ? true : undefined), { what: "ready after restart" });
    // Every job id answers at once after the restart, with its state.
    const afterRestart = new Map<string, Record<string, unknown>>();
    for (const id of ids) {
      const response = await fetch(`${second.url}/admin/jobs/${id}`, { headers: auth });
      expect(response.status).toBe(200);
      const { job } = (await response.json()) as { job: Record<string, unknown> };
      expect(["queued", "running", "live"]).toContain(job.status);
      afterRestart.set(id, job);
    }
    const finished = await waitUntil(
      async () => {
        const states = await Promise.all(ids.map((id) => jobState(second.url, id)));
        return states.every((state) => state.status === "live" || state.status === "failed") ? states : undefined;
      },
      { what: "every job to finish after the restart", timeoutMs: 400_000 },
    );
    expect(finished.map((state) => state.status)).toEqual(Array(UPLOADS).fill("live"));
    // The jobs that went live before the kill kept their state through the restart, unchanged.
    const liveBeforeKill = new Set(ids.filter((_, index) => Date.parse(finished[index]?.finishedAt as string) < killedAt));
    expect(liveBeforeKill.size).toBeGreaterThan(0);
    expect(liveBeforeKill.size).toBeLessThan(UPLOADS);
    for (const [index, id] of ids.entries()) if (liveBeforeKill.has(id)) expect(afterRestart.get(id)).toEqual(finished[index]);

    const expectedIds = [
      "chinadaily-2024-11-xi-peru-agreements",
      ...Array.from({ length: UPLOADS }, (_, index) => `delegation-record-${index}`),
    ];
    expect(await corpusMatchesIndex(directories)).toEqual({ matches: true, corpusIds: expectedIds.sort(), indexIds: expectedIds.sort() });
    // None twice: after the restart each of the others went live exactly once, and none live before.
    const liveAfterRestart = await waitUntil(
      async () => {
        const lines = logLines<{ msg: string; jobId: string }>(second.output())
          .filter((line) => line.msg === "admin change live")
          .map((line) => line.jobId);
        return lines.length >= UPLOADS - liveBeforeKill.size ? lines : undefined;
      },
      { what: "the restarted server's log lines" },
    );
    expect(liveAfterRestart.filter((id) => liveBeforeKill.has(id))).toEqual([]);
    expect(liveAfterRestart).toHaveLength(UPLOADS - liveBeforeKill.size);
    expect(new Set([...liveBeforeKill, ...liveAfterRestart])).toEqual(new Set(ids));
    const document = (await (await fetch(`${second.url}/documents/delegation-record-299`)).json()) as { text: string };
    expect(document.text).toContain("record 299");
  }, 600_000);

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
