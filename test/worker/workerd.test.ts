// The Worker as Cloudflare would run it: bundled by wrangler (dry run, nothing leaves this machine)
// and served by workerd through `npm run dev:worker` (wrangler dev --local), over the bundle the build
// step writes when it is missing, as on a fresh clone.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWidgetMessages } from "../../src/web/widget-messages.ts";

const run = promisify(execFile);
const WRANGLER = path.resolve("node_modules/.bin/wrangler");
/** The script bundle's budget, gzipped, assets aside: Cloudflare's free plan allows 3 MiB, we aim far lower. */
const SCRIPT_BUDGET_GZIP_BYTES = 1024 * 1024;
const FORBIDDEN = ["hnswlib-node", "onnxruntime-node", "@xenova/transformers", "node:fs"];

let root: string;
let environment: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "workerd-"));
  const { CLOUDFLARE_ACCOUNT_ID: _account, CLOUDFLARE_API_TOKEN: _token, CLOUDFLARE_CF_FETCH_ENABLED: _cf, ...inherited } = process.env;
  environment = {
    ...inherited,
    // Nothing may depend on reaching Cloudflare: no metrics, no update check. (dev:worker turns the
    // Request.cf download off by itself: that is tested below.)
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CI: "true",
    NO_COLOR: "1",
    // The build step in wrangler.toml lays out this folder instead of dist/worker; nothing is there yet.
    WORKER_BUNDLE_DIR: root,
  };
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("wrangler deploy --dry-run", () => {
  it("on a fresh clone writes the missing index bundle, then bundles the Worker without Node-only code, within budget", async () => {
    const outDir = path.join(root, "out");
    const metafile = path.join(outDir, "meta.json");
    const built = await run(
      WRANGLER,
      ["deploy", "--dry-run", "--outdir", outDir, "--metafile", metafile, "--assets", path.join(root, "assets")],
      { env: environment },
    );
    const buildLog = `${built.stdout}${built.stderr}`;
    expect(buildLog).toContain(`no Worker index in ${path.join(root, "assets", "index")}: writing one from the local index`);
    expect(buildLog).toContain("Dense search in the Worker: OFF");
    // wrangler.toml still has its [[vectorize]] block, which this bundle does not use.
    expect(buildLog).toContain("Next: remove the [[vectorize]] block from wrangler.toml");
    const script = await readFile(path.join(outDir, "worker.js"), "utf8");
    for (const name of FORBIDDEN) expect(script, `the bundle contains ${name}`).not.toContain(name);
    const meta = JSON.parse(await readFile(metafile, "utf8")) as { inputs: Record<string, { imports: { path: string }[] }> };
    const inputs = Object.keys(meta.inputs);
    expect(inputs).toContain("src/entry/worker.ts");
    expect(inputs.filter((input) => FORBIDDEN.some((name) => input.includes(name)))).toEqual([]);
    const nodeImports = Object.values(meta.inputs).flatMap((input) => input.imports.filter((entry) => entry.path.startsWith("node:")));
    expect(nodeImports).toEqual([]);
    expect(gzipSync(script).byteLength).toBeLessThan(SCRIPT_BUDGET_GZIP_BYTES);
    // The build step copied web/ beside the index.
    expect(await readFile(path.join(root, "assets", "web", "widget.js"), "utf8")).toBe(await readFile("web/widget.js", "utf8"));
  }, 120_000);
});

describe("the Worker in local workerd", () => {
  let child: ChildProcess;
  let output = "";
  let base: string;

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/dev-worker.ts",
        "--ip",
        "127.0.0.1",
        "--port",
        "0",
        "--inspector-port",
        "0",
        "--assets",
        path.join(root, "assets"),
      ],
      { env: environment, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    base = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /Ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 100);
      child.once("exit", (code) => {
        clearInterval(timer);
        reject(new Error(`wrangler dev exited with ${code}:\n${output}`));
      });
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // wrangler runs workerd and esbuild as children: end the whole process group it leads.
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  });

  const post = (route: string, body: unknown) =>
    fetch(`${base}${route}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  async function expectVerbatim(citations: { docId: string; quote: string; start: number; end: number }[]) {
    expect(citations.length).toBeGreaterThan(0);
    for (const citation of citations) {
      const document = (await (await fetch(`${base}/documents/${encodeURIComponent(citation.docId)}`)).json()) as { text: string };
      expect(citation.quote).toBe(document.text.slice(citation.start, citation.end));
    }
  }

  it("starts with one build and no false change, and prints no ENOTFOUND stack trace offline", () => {
    expect(output).not.toMatch(/changed, restarting build/);
    expect(output).not.toContain("ENOTFOUND");
    expect(output).not.toContain("[custom build]");
  });

  it("is healthy, and ready with dense search refused for the multilingual-e5-small vectors, in /readyz and the logs", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const facts = (await ready.json()) as { denseSearch: boolean; notes: string[]; chunks: number };
    expect(facts.denseSearch).toBe(false);
    expect(facts.chunks).toBe(10);
    expect(facts.notes.join(" ")).toMatch(/intfloat\/multilingual-e5-small.*@cf\/baai\/bge-small-en-v1\.5.*BM25 alone/);
    expect(facts.notes.join(" ")).toMatch(/@cf\/baai\/bge-m3 is multilingual/);
    // The log line is written as /readyz is answered; on a busy machine its output can arrive a little later.
    await expect.poll(() => output, { timeout: 10_000 }).toMatch(/"message":"ready".*dense search is off/);
  });

  it("answers /ask with a grounded answer whose quotes are verbatim spans of /documents", async () => {
    const response = await post("/ask", { question: "When will the port be inaugurated?" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      answer: string;
      grounded: boolean;
      citations: { docId: string; quote: string; start: number; end: number }[];
    };
    expect(body.grounded).toBe(true);
    expect(body.answer).toContain("The inauguration of the port on Thursday by both presidents");
    await expectVerbatim(body.citations);
  });

  it("answers Spanish and Chinese in their language, Chinese cut into words by workerd's Intl.Segmenter", async () => {
    // "2024年APEC会议" is one run of letters and digits: only word segmentation lets "2024" and "APEC" match.
    const chinese = await post("/ask", { question: "2024年APEC会议的重点是什么？" });
    const chineseBody = (await chinese.json()) as { answer: string; grounded: boolean; language: string; labels: { sources: string } };
    expect(chineseBody).toMatchObject({ grounded: true, language: "zh", labels: { sources: "资料来源" } });
    expect(chineseBody.answer).toMatch(/^根据资料：\nIn this context, APEC 2024 represents a key platform/);
    const spanish = await post("/ask", { question: "¿Qué dijo el Embajador Balarezo sobre Chancay?" });
    const spanishBody = (await spanish.json()) as { answer: string; grounded: boolean; language: string };
    expect(spanishBody).toMatchObject({ grounded: true, language: "es" });
    expect(spanishBody.answer).toMatch(/^Según las fuentes:\nBalarezo said that Chancay Port/);
  });

  it("serves /documents/{id} and answers errors in the JSON error shape", async () => {
    const document = await fetch(`${base}/documents/chinadaily-2024-11-xi-peru-agreements`);
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({
      id: "chinadaily-2024-11-xi-peru-agreements",
      title: "Agreements in a range of fields expected to be signed during President Xi's visit",
    });
    const missing = await fetch(`${base}/documents/no-such-document`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
    const invalid = await fetch(`${base}/ask`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{not json" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("streams /chat as server-sent events: sources, text deltas, then the whole answer", async () => {
    const response = await post("/chat", { question: "When will the port be inaugurated?" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = (await response.text())
      .split("\n\n")
      .filter((block) => block.trim() !== "")
      .map((block) => ({
        event: /^event: (.*)$/m.exec(block)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null") as unknown,
      }));
    const end = events.at(-1);
    expect(end?.event).toBe("end");
    const final = end?.data as {
      answer: string;
      grounded: boolean;
      citations: { docId: string; quote: string; start: number; end: number }[];
    };
    expect(final.grounded).toBe(true);
    expect(events.filter((event) => event.event === "source").map((event) => event.data)).toEqual(final.citations);
    const deltas = events.filter((event) => event.event === "text-delta").map((event) => (event.data as { text: string }).text);
    expect(deltas.join("")).toBe(final.answer);
    await expectVerbatim(final.citations);
  });

  it("serves the widget and the demo page from its assets", async () => {
    const widget = await fetch(`${base}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get("content-type")).toContain("javascript");
    expect(await widget.text()).toBe(withWidgetMessages(await readFile("web/widget.js", "utf8")));
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Agreements in a range of fields expected to be signed");
    // Every request runs the Worker first: the bundled index files are not served as they are.
    expect((await fetch(`${base}/index/manifest.json`)).status).toBe(404);
  });
});
