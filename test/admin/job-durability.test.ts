// Accepted means durable: admin jobs survive a crash at any point and are applied exactly once.
// In-process, with a hash embedder; "a crash" is an admin abandoned mid-job and a new one started
// over the same folders, as a restarted server would.
import { appendFile, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeBatchMarker } from "../../src/admin/batch-marker.ts";
import { commitChange } from "../../src/admin/commit-change.ts";
import type { DocumentChange } from "../../src/admin/document-admin.ts";
import { JOB_JOURNAL_FILE } from "../../src/admin/job-journal.ts";
import { createNodeDocumentAdmin, type NodeDocumentAdmin } from "../../src/admin/node-document-admin.ts";
import type { Reindexer } from "../../src/admin/worker-reindexer.ts";
import { createEngine } from "../../src/create-engine.ts";
import { EngineHolder } from "../../src/engine.ts";
import { currentGeneration } from "../../src/store/index-store.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { removeAll, smallCorpus } from "../helpers/small-corpus.ts";
import { corpusMatchesIndex } from "../helpers/temp-corpus.ts";
import { wordCounter } from "../helpers/word-counter.ts";

const embedder = Object.assign(Object.create(hashEmbedder), wordCounter()) as typeof hashEmbedder & ReturnType<typeof wordCounter>;
const roots: string[] = [];
const admins: NodeDocumentAdmin[] = [];
afterAll(async () => {
  for (const admin of admins) admin.stop();
  await removeAll(roots);
});

async function setUp() {
  const directories = await smallCorpus({ "port.txt": "Port\nChancay Port opens on Thursday.\n" });
  roots.push(directories.root);
  return directories;
}

/**
 * Runs commitChange in-process and counts what it was asked to apply; `hang` stops it before or
 * after the commit point; `gate` holds the first run until it resolves.
 */
function inProcessReindexer(
  directories: { corpusDir: string; indexDir: string },
  hang?: "before-commit" | "after-commit",
  gate?: Promise<void>,
) {
  const runs: string[][] = [];
  const reindexer: Reindexer = {
    async run({ changes, jobIds, onProgress }) {
      runs.push([...(jobIds ?? [])]);
      if (hang === "before-commit") return new Promise(() => undefined);
      if (runs.length === 1) await gate;
      const result = await commitChange({ ...directories, embedder, changes, jobIds, onProgress });
      if (hang === "after-commit") return new Promise(() => undefined);
      const { changed, generation, reusedDocuments, embeddedTexts, recovered } = result;
      return { changed, generation, reusedDocuments, embeddedTexts, recovered, counts: result.data.manifest.counts };
    },
    async close() {},
  };
  return { reindexer, runs };
}

async function startAdmin(directories: { corpusDir: string; indexDir: string }, reindexer: Reindexer, compactionSlackBytes?: number) {
  const engines = new EngineHolder();
  const admin = createNodeDocumentAdmin({
    ...directories,
    engines,
    reindexer,
    serving: { generation: (await currentGeneration(directories.indexDir)) as string },
    makeEngine: ({ data, vectorIndex }) => createEngine({ data, vectorIndex, embedder }),
    logger: { error: () => undefined },
    watchIntervalMs: 0,
    compactionSlackBytes,
  });
  admins.push(admin);
  await admin.start();
  return admin;
}

function upsert(docId: string, text = `${docId} met officials in Lima on Friday.`): DocumentChange {
  return { kind: "upsert", docId, entry: { fileName: `${docId}.txt`, content: `${docId}\n${text}\n` } };
}

async function settled(admin: NodeDocumentAdmin, id: string) {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    const job = admin.job(id);
    if (job?.status === "live" || job?.status === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`job ${id} did not finish`);
}

async function documentIds(indexDir: string) {
  return (await corpusMatchesIndex({ corpusDir: path.join(indexDir, "..", "corpus"), indexDir })).indexIds;
}

describe("admin jobs across a crash", () => {
  it("has a change on disk before it is accepted", async () => {
    const directories = await setUp();
    const admin = await startAdmin(directories, inProcessReindexer(directories, "before-commit").reindexer);
    const job = await admin.submit(upsert("alpha"));
    const journal = await readFile(path.join(directories.corpusDir, JOB_JOURNAL_FILE), "utf8");
    const line = journal.split("\n").find((candidate) => candidate.includes(job.id));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ type: "submitted", job: { id: job.id, status: "queued" }, change: upsert("alpha") });
    admin.stop();
  });

  it("killed before the commit point: the job runs again on start, once, and its id answers throughout", async () => {
    const directories = await setUp();
    const first = await startAdmin(directories, inProcessReindexer(directories, "before-commit").reindexer);
    const job = await first.submit(upsert("alpha"));
    first.stop();
    const { reindexer, runs } = inProcessReindexer(directories);
    const second = await startAdmin(directories, reindexer);
    expect(second.job(job.id)?.status).toMatch(/queued|running/);
    expect(await settled(second, job.id)).toMatchObject({ status: "live", submittedAt: job.submittedAt });
    expect(runs).toEqual([[job.id]]);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true, indexIds: ["alpha", "port"] });
  });

  it("killed after the commit point but before the job was recorded live: live on start, not applied again", async () => {
    const directories = await setUp();
    const crashed = inProcessReindexer(directories, "after-commit");
    const first = await startAdmin(directories, crashed.reindexer);
    const job = await first.submit(upsert("alpha"));
    await waitFor(async () => (await documentIds(directories.indexDir)).includes("alpha"));
    first.stop();
    const { reindexer, runs } = inProcessReindexer(directories);
    const second = await startAdmin(directories, reindexer);
    expect(second.job(job.id)).toMatchObject({ status: "live", generation: await currentGeneration(directories.indexDir) });
    expect(runs).toEqual([]);
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true, indexIds: ["alpha", "port"] });
  });

  it("npm run ingest in between settles the crashed commit's fate first: applied stays applied, not applied runs once", async () => {
    const applied = await setUp();
    const first = await startAdmin(applied, inProcessReindexer(applied, "after-commit").reindexer);
    const committed = await first.submit(upsert("alpha"));
    await waitFor(async () => (await documentIds(applied.indexDir)).includes("alpha"));
    first.stop();
    // The command-line ingest commits its own change while the server is down.
    await commitChange({ ...applied, embedder, changes: [upsert("alpha", "The CLI's newer text about alpha.")] });
    const second = inProcessReindexer(applied);
    const restarted = await startAdmin(applied, second.reindexer);
    expect(restarted.job(committed.id)?.status).toBe("live");
    expect(second.runs).toEqual([]);
    expect(await readFile(path.join(applied.corpusDir, "alpha.txt"), "utf8")).toContain("newer text");

    const notApplied = await setUp();
    const third = await startAdmin(notApplied, inProcessReindexer(notApplied, "before-commit").reindexer);
    const lost = await third.submit(upsert("beta"));
    third.stop();
    await writeBatchMarker({ corpusDir: notApplied.corpusDir, jobIds: [lost.id], corpusHash: "0".repeat(64) });
    await commitChange({ ...notApplied, embedder, changes: [upsert("gamma")] });
    const fourth = inProcessReindexer(notApplied);
    const resumed = await startAdmin(notApplied, fourth.reindexer);
    expect(await settled(resumed, lost.id)).toMatchObject({ status: "live" });
    expect(fourth.runs).toEqual([[lost.id]]);
    expect(await corpusMatchesIndex(notApplied)).toMatchObject({ matches: true, indexIds: ["beta", "gamma", "port"] });
  });

  it("commits the jobs waiting together as one change, in submission order, and retries a failed batch job by job", async () => {
    const directories = await setUp();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { reindexer, runs } = inProcessReindexer(directories, undefined, gate);
    const admin = await startAdmin(directories, reindexer);
    const held = await admin.submit(upsert("alpha"));
    await waitFor(async () => runs.length === 1);
    const waiting = [
      await admin.submit(upsert("beta")),
      await admin.submit({ kind: "delete", docId: "beta" }),
      await admin.submit(upsert("gamma")),
      await admin.submit({ kind: "delete", docId: "port" }),
      await admin.submit(upsert("delta")),
    ];
    // The delete of port is refused once it runs (its file is removed by hand meanwhile): the batch
    // fails as a whole and its jobs are retried one at a time, so only that one fails.
    await rm(path.join(directories.corpusDir, "port.txt"));
    open();
    expect((await settled(admin, held.id)).status).toBe("live");
    const outcomes = await Promise.all(waiting.map((job) => settled(admin, job.id)));
    expect(runs.slice(1)).toEqual([waiting.map((job) => job.id), ...waiting.map((job) => [job.id])]);
    expect(outcomes.map((job) => job.status)).toEqual(["live", "live", "live", "failed", "live"]);
    expect(outcomes[3]?.error).toMatchObject({ code: "not_found" });
    expect(await corpusMatchesIndex(directories)).toMatchObject({ matches: true, indexIds: ["alpha", "delta", "gamma"] });
  });

  it("compacts the journal as jobs finish, keeps finished ids answering after a restart, and skips a torn last line", async () => {
    const directories = await setUp();
    const admin = await startAdmin(directories, inProcessReindexer(directories).reindexer, 16 * 1024);
    const text = "Delegates discussed trade and ports. ".repeat(1500);
    const jobs = [];
    for (let index = 0; index < 12; index += 1) {
      jobs.push(await admin.submit(upsert(`record-${index}`, `${index} ${text}`)));
      await settled(admin, jobs.at(-1)?.id as string);
    }
    for (const job of jobs) expect(admin.job(job.id)?.status).toBe("live");
    const submittedBytes = 12 * text.length;
    const journalFile = path.join(directories.corpusDir, JOB_JOURNAL_FILE);
    expect((await stat(journalFile)).size).toBeLessThan(submittedBytes / 2);
    admin.stop();
    await appendFile(journalFile, '{"v":1,"type":"submitted","job":{"id":"torn');
    const restarted = await startAdmin(directories, inProcessReindexer(directories).reindexer, 16 * 1024);
    for (const job of jobs) expect(restarted.job(job.id)?.status).toBe("live");
    expect(await readFile(journalFile, "utf8")).not.toContain('"torn');
    // Only the finished jobs' outcomes are left, not their documents.
    expect((await stat(journalFile)).size).toBeLessThan(12 * 1000);
  });

  it("refuses changes past 1,000 waiting with 503 admin_queue_full", async () => {
    const directories = await setUp();
    const admin = await startAdmin(directories, inProcessReindexer(directories, "before-commit").reindexer);
    await Promise.all(Array.from({ length: 1001 }, (_, index) => admin.submit(upsert(`note-${index}`))));
    await expect(admin.submit(upsert("one-too-many"))).rejects.toMatchObject({ status: 503, code: "admin_queue_full" });
  });
});

async function waitFor(probe: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("condition not reached");
}
