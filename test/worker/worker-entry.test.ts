// src/entry/worker.ts in-process: the module a Worker runs, called as workerd calls it.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { writeWorkerBundle } from "../../src/ingest/worker-bundle.ts";
import { BOT_USER_ID, eventCallback, SIGNING_SECRET, slackRequest } from "../slack/slack-test-kit.ts";
import { directoryAssets } from "./worker-doubles.ts";

let root: string;
const executionContext = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "worker-entry-"));
  await writeWorkerBundle({ indexDir: "index", corpusDir: "corpus", outDir: root, workerModel: "@cf/baai/bge-small-en-v1.5" });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  // The entry keeps its app per isolate (module); a fresh module is a fresh isolate.
  vi.resetModules();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function freshWorker() {
  return (await import("../../src/entry/worker.ts")).default;
}

describe("the Worker entry", () => {
  it("loads the bundled index on the first request, logs why dense search is off and serves the app", async () => {
    const worker = await freshWorker();
    const logged = vi.spyOn(console, "log").mockImplementation(() => {});
    const env = {
      ASSETS: directoryAssets(path.join(root, "assets")),
      EMBED_MODEL: "@cf/baai/bge-small-en-v1.5",
      VECTOR_SEARCH: "vectorize",
    };
    const health = await worker.fetch(new Request("https://worker.example/healthz"), env, executionContext);
    expect(await health.json()).toEqual({ status: "ok" });
    // No feedback store in a Worker: the widget must not offer thumbs that would post to a 404.
    const capabilities = await worker.fetch(new Request("https://worker.example/capabilities"), env, executionContext);
    expect(await capabilities.json()).toEqual({ feedback: false });
    const ready = (await (await worker.fetch(new Request("https://worker.example/readyz"), env, executionContext)).json()) as {
      denseSearch: boolean;
      notes: string[];
    };
    expect(ready.denseSearch).toBe(false);
    expect(ready.notes[0]).toContain("dense search is off");
    const lines = logged.mock.calls.map((call) => JSON.parse(String(call[0])) as { message: string; notes?: string[] });
    const readyLine = lines.find((line) => line.message === "ready");
    expect(readyLine?.notes?.[0]).toContain("answering from BM25 alone");
    const answer = await worker.fetch(
      new Request("https://worker.example/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question: "When will the port be inaugurated?" }),
      }),
      env,
      executionContext,
    );
    expect(((await answer.json()) as { grounded: boolean }).grounded).toBe(true);
    logged.mockRestore();
  });

  it("reports a failed load in /readyz and tries again on the next request", async () => {
    const worker = await freshWorker();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const assetsDir = path.join(root, "late-assets");
    const env = { ASSETS: directoryAssets(assetsDir) };
    const first = await worker.fetch(new Request("https://worker.example/readyz"), env, executionContext);
    expect(first.status).toBe(503);
    expect(((await first.json()) as { error: { message: string } }).error.message).toContain("run npm run index:worker");
    expect(String(errors.mock.calls[0]?.[0])).toContain("loading failed");

    await cp(path.join(root, "assets"), assetsDir, { recursive: true });
    const second = await worker.fetch(new Request("https://worker.example/readyz"), env, executionContext);
    expect(second.status).toBe(200);
    errors.mockRestore();
  });

  it("answers a Slack mention after the acknowledgement, through waitUntil and Slack's Web API over fetch", async () => {
    const worker = await freshWorker();
    const posted: { url: string; fields: Record<string, string>; authorization: string | null }[] = [];
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      posted.push({
        url: request.url,
        fields: Object.fromEntries(new URLSearchParams(await request.text())),
        authorization: request.headers.get("Authorization"),
      });
      return Response.json({ ok: true, channel: "C0PORT", ts: "1731499002.000100" });
    });
    const deferred: Promise<unknown>[] = [];
    const context = { ...executionContext, waitUntil: (promise: Promise<unknown>) => void deferred.push(promise) };
    const env = {
      ASSETS: directoryAssets(path.join(root, "assets")),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: "xoxb-worker-test",
    };
    const body = eventCallback({
      type: "app_mention",
      user: "UASKER",
      text: `<@${BOT_USER_ID}> When will the port be inaugurated?`,
      ts: "1731499000.000100",
      channel: "C0PORT",
    });
    const init = slackRequest({ path: "/slack/events", body, nowSeconds: Math.floor(Date.now() / 1000) });
    const ack = await worker.fetch(new Request("https://worker.example/slack/events", init), env, context);
    expect(ack.status).toBe(200);
    expect(deferred).toHaveLength(1);
    await Promise.all(deferred);
    const post = posted.find((entry) => entry.url === "https://slack.com/api/chat.postMessage");
    expect(post?.authorization).toBe("Bearer xoxb-worker-test");
    expect(post?.fields).toMatchObject({ channel: "C0PORT", thread_ts: "1731499000.000100" });
    expect(post?.fields.text).toContain("on Thursday by both presidents");
  });

  it("answers any host unless ALLOWED_HOSTS is set (Cloudflare routes only the Worker's own names to it)", async () => {
    const worker = await freshWorker();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const documents = (host: string, env: Record<string, unknown>) =>
      worker.fetch(
        new Request(`https://${host}/documents`),
        { ASSETS: directoryAssets(path.join(root, "assets")), ...env },
        executionContext,
      );
    expect((await documents("xi-peru-qa.example.workers.dev", {})).status).toBe(200);
    expect((await documents("qa.example.org", {})).status).toBe(200);
    // Vars are read once per isolate: a fresh module is a fresh isolate.
    vi.resetModules();
    const pinned = await freshWorker();
    const env = { ASSETS: directoryAssets(path.join(root, "assets")), ALLOWED_HOSTS: ".workers.dev" };
    const allowed = await pinned.fetch(new Request("https://xi-peru-qa.example.workers.dev/documents"), env, executionContext);
    expect(allowed.status).toBe(200);
    const refused = await pinned.fetch(new Request("https://qa.example.org/documents"), env, executionContext);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "host_not_allowed" } });
  });

  it("reports invalid settings in /readyz instead of crashing", async () => {
    const worker = await freshWorker();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const env = { ASSETS: directoryAssets(path.join(root, "assets")), VECTOR_SEARCH: "everything" };
    const ready = await worker.fetch(new Request("https://worker.example/readyz"), env, executionContext);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { message: string } }).error.message).toContain("VECTOR_SEARCH must be vectorize or flat");
    const ask = await worker.fetch(
      new Request("https://worker.example/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: '{"question":"port?"}',
      }),
      env,
      executionContext,
    );
    expect(ask.status).toBe(503);
    errors.mockRestore();
  });
});
