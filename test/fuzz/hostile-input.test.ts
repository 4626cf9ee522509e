// Property-based hostile input against every route: never a 5xx, never a hang, always the JSON
// error shape. `npm test` runs a fast subset; `npm run test:fuzz` sets FUZZ_RUNS for >= 10,000 requests.
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminJob, DocumentAdmin } from "../../src/admin/document-admin.ts";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import type { FeedbackStore } from "../../src/feedback/feedback-store.ts";
import { createPrometheusMetrics } from "../../src/observe/prometheus-metrics.ts";
import { createFileAssetReader } from "../../src/web/file-asset-reader.ts";
import { realEngine } from "../helpers/real-model.ts";
import { groundedAnswer, scriptedEngine } from "../helpers/scripted-engine.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const TOKEN = "fuzz-admin-token-0123456789abcdef";
const HANG_MS = 5_000;
let requests = 0;

const silentLogger = { error: () => undefined };
const memoryFeedback: FeedbackStore = { append: async () => undefined };
const acceptingAdmin: DocumentAdmin = {
  async submit(change) {
    return {
      id: "job-1",
      kind: change.kind,
      docId: change.docId,
      status: "queued",
      submittedAt: new Date(0).toISOString(),
    } satisfies AdminJob;
  },
  job: () => undefined,
};

function buildApp(engines: EngineHolder) {
  return createApp({
    engines,
    logger: silentLogger,
    metrics: createPrometheusMetrics({ defaultMetrics: false }),
    feedback: memoryFeedback,
    assets: createFileAssetReader({ directory: fileURLToPath(new URL("../../web", import.meta.url)) }),
    admin: { documents: acceptingAdmin, token: TOKEN, maxDocumentBytes: 256 * 1024 },
    rateLimit: { perMinute: 1_000_000 },
  });
}

const doubleEngines = new EngineHolder();
doubleEngines.set(scriptedEngine({ answer: () => groundedAnswer(["Chancay Port opens on Thursday."]) }));
const app = buildApp(doubleEngines);

/** Every registered route, `:param` and `*` left for the generators to fill. */
const ROUTES = [...new Set(app.routes.map((route) => route.path))].filter((path) => path !== "*" && path !== "/*");
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
const JSON_ROUTES = ["/ask", "/chat", "/feedback", "/admin/documents"];

function withTimeout<T>(promise: Promise<T> | T, what: string): Promise<T> {
  return Promise.race([
    Promise.resolve(promise),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hang: ${what} took longer than ${HANG_MS} ms`)), HANG_MS)),
  ]);
}

/** In-process responses arrive as sent: compressed when the client allowed it (as browsers do). */
function decode(bytes: Buffer, encoding: string | null): string {
  if (encoding === "gzip") return gunzipSync(bytes).toString("utf8");
  if (encoding === "deflate") return inflateSync(bytes).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}

/** Sends one request and checks what every response must satisfy. */
async function send(target: ReturnType<typeof buildApp>, path: string, init: RequestInit): Promise<{ status: number; text: string }> {
  requests += 1;
  const what = `${init.method ?? "GET"} ${path.slice(0, 80)}`;
  const response = await withTimeout(target.request(path, init), what);
  const text = decode(Buffer.from(await withTimeout(response.arrayBuffer(), what)), response.headers.get("content-encoding"));
  expect(response.status, `${what} -> ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
  if (response.status >= 400 && init.method !== "HEAD") {
    let body: unknown;
    expect(
      () => {
        body = JSON.parse(text);
      },
      `${what}: error body is not JSON: ${text.slice(0, 120)}`,
    ).not.toThrow();
    expect(Object.keys(body as object)).toEqual(["error"]);
    const { error } = body as { error: Record<string, unknown> };
    expect(Object.keys(error).sort()).toEqual(["code", "message"]);
    expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(typeof error.message).toBe("string");
  }
  return { status: response.status, text };
}

/** Odd Unicode: astral characters, combining marks, bidi controls, lone surrogates, NULs. */
const oddString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme-composite", maxLength: 100 }),
  fc.constantFrom(
    "\u0000",
    "\u202e\u0645\u0631\u062d\u0628\u0627",
    "\ud800",
    "\udfff\ud800",
    "e\u0301\u0301\u0301",
    "\ufeff",
    "🇵🇪🇨🇳",
    "Ａ",
    "\u200b".repeat(50),
    " ".repeat(2000),
  ),
  fc.string({ maxLength: 2000 }),
);
/** Values of the wrong type wherever a field is expected. */
const anyValue = fc.oneof(
  oddString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [[]], { question: {} }),
);
const askLike = fc.record(
  {
    question: anyValue,
    history: fc.oneof(anyValue, fc.array(fc.record({ role: anyValue, content: anyValue }, { requiredKeys: [] }), { maxLength: 25 })),
    topK: anyValue,
  },
  { requiredKeys: [] },
);
const feedbackLike = fc.record(
  { rating: anyValue, question: anyValue, answer: anyValue, comment: anyValue, conversationId: anyValue },
  { requiredKeys: [] },
);
const documentLike = fc.record(
  { title: anyValue, text: anyValue, url: anyValue, publishedAt: anyValue, source: anyValue, id: anyValue },
  { requiredKeys: [] },
);
const jsonBody = fc.oneof(askLike, feedbackLike, documentLike, anyValue).map((value) => JSON.stringify(value) ?? "null");
const rawBody = fc.oneof(
  jsonBody,
  oddString,
  fc.uint8Array({ maxLength: 512 }).map((bytes) => new Uint8Array(bytes)),
  fc.constantFrom("", "{", "[1,2", '{"question":"a"', "\u0000\u0000", "null", '{"__proto__":{"x":1}}', '{"question":"x","question":{}}'),
);
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/vnd.api+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzz",
  "multipart/form-data",
  "",
  "application/json; charset=utf-16",
  "\u00e9/\u00e9",
);
/** A header value the Fetch API accepts (Latin-1, no CR/LF). */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 300 });
const headers = fc.record(
  {
    "x-request-id": headerValue,
    authorization: fc.oneof(
      headerValue,
      fc.constant(`Bearer ${TOKEN}`),
      headerValue.map((value) => `Bearer ${value}`),
    ),
    origin: fc.oneof(headerValue, fc.constantFrom("null", "http://localhost:3000", "https://evil.example", "file://")),
    "x-forwarded-for": headerValue,
    accept: headerValue,
    "accept-encoding": fc.constantFrom("gzip", "br", "identity", "*", "gzip;q=0"),
  },
  { requiredKeys: [] },
);
/** encodeURIComponent refuses lone surrogates; raw invalid encodings are sent separately below. */
function encode(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}

/** A path segment: Unicode, percent-encodings (valid or not), traversal, very long. */
const segment = fc.oneof(
  oddString.map((value) => encode(value).slice(0, 3000)),
  fc.constantFrom(
    "..",
    "%2e%2e",
    "%",
    "%zz",
    "%00",
    "%ff",
    "%ed%a0%80",
    "%c0%af",
    "a%2Fb",
    "port-news",
    "job-1",
    "x".repeat(5000),
    ";",
    "?",
    "#",
  ),
);
const pathFor = fc
  .tuple(fc.constantFrom(...ROUTES), fc.array(segment, { minLength: 1, maxLength: 3 }), fc.option(oddString))
  .map(([route, parts, query]) => {
    let index = 0;
    const path = route.replace(/:[A-Za-z]+|\*/g, () => parts[index++ % parts.length] ?? "x");
    return query === null ? path : `${path}?q=${encode(query).slice(0, 500)}`;
  });

const bodyFor = (method: string, body: string | Uint8Array<ArrayBuffer>) => (method === "GET" || method === "HEAD" ? undefined : body);

describe("hostile input", () => {
  it("covers every route", () => {
    expect(ROUTES).toEqual(
      expect.arrayContaining([
        "/ask",
        "/chat",
        "/feedback",
        "/documents/:docId",
        "/admin/documents",
        "/admin/jobs/:id",
        "/metrics",
        "/healthz",
        "/readyz",
        "/",
      ]),
    );
  });

  it("malformed and wrongly typed JSON bodies on the JSON routes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...JSON_ROUTES), jsonBody, fc.boolean(), async (route, body, authorized) => {
        const extra: Record<string, string> = authorized ? { Authorization: `Bearer ${TOKEN}` } : {};
        await send(app, route, { method: "POST", headers: { "Content-Type": "application/json", ...extra }, body });
      }),
      { numRuns: RUNS },
    );
  });

  it("raw bodies of any type and content type, any method, every route", async () => {
    await fc.assert(
      fc.asyncProperty(pathFor, fc.constantFrom(...METHODS), contentType, rawBody, async (path, method, type, body) => {
        await send(app, path, { method, headers: { "Content-Type": type, Authorization: `Bearer ${TOKEN}` }, body: bodyFor(method, body) });
      }),
      { numRuns: RUNS },
    );
  });

  it("odd paths, query strings and headers on every route", async () => {
    await fc.assert(
      fc.asyncProperty(pathFor, fc.constantFrom(...METHODS), headers, async (path, method, extra) => {
        await send(app, path, { method, headers: extra });
      }),
      { numRuns: RUNS },
    );
  });

  it("odd headers on the JSON routes with valid bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...JSON_ROUTES), headers, askLike, async (route, extra, body) => {
        await send(app, route, { method: "POST", headers: { ...extra, "Content-Type": "application/json" }, body: JSON.stringify(body) });
      }),
      { numRuns: RUNS },
    );
  });

  it("malformed multipart uploads to the admin API", async () => {
    const part = fc.record({
      name: fc.oneof(fc.constantFrom("file", "id", "url", "publishedAt", "source", "title"), oddString),
      fileName: fc.option(fc.oneof(fc.constantFrom("a.txt", "b.md", "c.html", "d.exe", ".txt", "../../x.txt", "..txt", ""), oddString)),
      content: oddString,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 4 }), fc.boolean(), async (parts, wellFormed) => {
        let body: string | FormData;
        const requestHeaders: Record<string, string> = { Authorization: `Bearer ${TOKEN}` };
        if (wellFormed) {
          body = new FormData();
          for (const { name, fileName, content } of parts) {
            if (fileName === null) body.append(name, content);
            else body.append(name, new File([content], fileName));
          }
        } else {
          requestHeaders["Content-Type"] = "multipart/form-data; boundary=b";
          body = parts
            .map(
              ({ name, fileName, content }) =>
                `--b\r\nContent-Disposition: form-data; name="${name}"${fileName === null ? "" : `; filename="${fileName}"`}\r\n\r\n${content}\r\n`,
            )
            .join("");
        }
        await send(app, "/admin/documents", { method: "POST", headers: requestHeaders, body });
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("oversized bodies get 413, with or without an honest size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/ask", "/chat", "/feedback", "/admin/documents"),
        fc.integer({ min: 0, max: 200 * 1024 }),
        fc.boolean(),
        async (route, extra, streamed) => {
          // Past 64 KiB on the public routes, past the admin API's document limit there.
          const size = (route === "/admin/documents" ? 256 * 1024 : 64 * 1024) + 1 + extra;
          const payload = JSON.stringify({ question: "q".repeat(size), title: "t", text: "x".repeat(size) });
          const body = streamed ? new Blob([payload]).stream() : payload;
          const response = await send(app, route, {
            method: "POST",
            headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
            body,
            ...(streamed ? { duplex: "half" } : {}),
          } as RequestInit);
          expect(response.status).toBe(413);
        },
      ),
      { numRuns: Math.max(20, Math.ceil(RUNS / 25)) },
    );
  });
});

describe("hostile input against the real engine", () => {
  let real: ReturnType<typeof buildApp>;
  beforeAll(async () => {
    const engines = new EngineHolder();
    engines.set(await realEngine());
    real = buildApp(engines);
  });

  it("odd-Unicode questions and histories on /ask and /chat", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/ask", "/chat"),
        oddString,
        fc.array(fc.record({ role: fc.constantFrom("user", "assistant"), content: oddString }), { maxLength: 4 }),
        fc.option(fc.integer({ min: -5, max: 30 })),
        async (route, question, history, topK) => {
          const response = await send(real, route, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ question, history, ...(topK === null ? {} : { topK }) }),
          });
          if (route === "/ask" && response.status === 200) {
            // Whatever the question, quotes stay exact slices of their documents.
            const answer = JSON.parse(response.text) as { citations: { docId: string; quote: string; start: number; end: number }[] };
            for (const citation of answer.citations) expect(citation.end - citation.start).toBe(citation.quote.length);
          }
        },
      ),
      { numRuns: Math.max(20, Math.ceil(RUNS / 5)) },
    );
  });

  afterAll(() => {
    console.log(`hostile input: ${requests} requests, FUZZ_RUNS=${RUNS}`);
    if (RUNS >= 2500) expect(requests).toBeGreaterThanOrEqual(10_000);
  });
});
