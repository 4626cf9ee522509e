// Shared pieces of the Slack tests: a Slack stand-in on loopback, request signing, a test engine.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Answerer, AskRequest, AskResponse, Citation } from "../../src/answer/types.ts";
import { createApp } from "../../src/app.ts";
import { BackgroundTasks } from "../../src/background-tasks.ts";
import type { Engine } from "../../src/engine.ts";
import { EngineHolder } from "../../src/engine.ts";
import { createWebApiPoster } from "../../src/slack/web-api-poster.ts";
import type { StoredDocument } from "../../src/store/index-data.ts";

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-test-token-do-not-log";
export const BOT_USER_ID = "UBOT0001";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** `performance.now()` when the request had fully arrived. */
  readonly receivedAt: number;
}

/**
 * A stand-in for Slack on 127.0.0.1: answers the Web API methods the bot calls (recording each
 * request) and accepts posts to response URLs under /commands/.
 */
export async function startSlackStandIn(options: { threads?: Record<string, unknown[]>; failPosts?: "platform_error" | "http_500" } = {}) {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => {
      const body = Buffer.concat(parts).toString("utf8");
      const path = request.url ?? "/";
      requests.push({ method: request.method ?? "", path, headers: request.headers, body, receivedAt: performance.now() });
      response.setHeader("content-type", "application/json");
      if (path.startsWith("/commands/")) {
        response.end(JSON.stringify({ ok: true }));
      } else if (path === "/api/chat.postMessage") {
        const form = new URLSearchParams(body);
        if (options.failPosts === "http_500") response.statusCode = 500;
        response.end(
          JSON.stringify(
            options.failPosts
              ? { ok: false, error: "channel_not_found" }
              : { ok: true, channel: form.get("channel"), ts: "1800000000.000900" },
          ),
        );
      } else if (path === "/api/conversations.replies") {
        const form = new URLSearchParams(body);
        const key = `${form.get("channel")}:${form.get("ts")}`;
        const messages = options.threads?.[key];
        response.end(JSON.stringify(messages ? { ok: true, messages, has_more: false } : { ok: false, error: "thread_not_found" }));
      } else {
        response.statusCode = 404;
        response.end(JSON.stringify({ ok: false, error: "unknown_method" }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    apiUrl: `${origin}/api/`,
    requests,
    /** Requests to one Web API method (e.g. "chat.postMessage") with their form fields decoded. */
    calls(method: string): Array<Record<string, string>> {
      return requests
        .filter((request) => request.path === `/api/${method}`)
        .map((request) => Object.fromEntries(new URLSearchParams(request.body)));
    },
    /** JSON bodies posted to response URLs. */
    responses(): unknown[] {
      return requests.filter((request) => request.path.startsWith("/commands/")).map((request) => JSON.parse(request.body));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function sign(options: { body: string; timestamp: number | string; secret?: string }): string {
  const mac = createHmac("sha256", options.secret ?? SIGNING_SECRET);
  return `v0=${mac.update(`v0:${options.timestamp}:${options.body}`).digest("hex")}`;
}

/** A request as Slack sends it: signed over the exact body with the given clock. */
export function slackRequest(options: {
  path: "/slack/events" | "/slack/commands";
  body: string;
  nowSeconds: number;
  headers?: Record<string, string>;
}): RequestInit & { headers: Record<string, string> } {
  const contentType = options.path === "/slack/events" ? "application/json" : "application/x-www-form-urlencoded";
  return {
    method: "POST",
    body: options.body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(options.nowSeconds),
      "x-slack-signature": sign({ body: options.body, timestamp: options.nowSeconds }),
      ...options.headers,
    },
  };
}

export function eventCallback(event: Record<string, unknown>, eventId = "Ev0001"): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: "T0001",
    api_app_id: "A0001",
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ enterprise_id: null, team_id: "T0001", user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    event,
  });
}

export const PORT_DOCUMENT: StoredDocument = {
  id: "port-article",
  title: "Chancay port <opens> & more",
  text: "The Chancay port opens on Thursday. It links Shanghai and Peru.",
  url: "https://example.com/news?id=1&lang=en",
  contentHash: "hash",
};

/** A deterministic engine: answers "About: <question>" quoting the first sentence of one document. */
export function createTestEngine(
  options: {
    grounded?: boolean;
    answer?: (request: AskRequest, askOptions?: Parameters<Answerer["ask"]>[1]) => Promise<AskResponse> | AskResponse;
  } = {},
) {
  const asked: AskRequest[] = [];
  const citation: Citation = {
    docId: PORT_DOCUMENT.id,
    chunkId: `${PORT_DOCUMENT.id}#0`,
    title: PORT_DOCUMENT.title,
    quote: PORT_DOCUMENT.text.slice(0, 35),
    start: 0,
    end: 35,
    score: 0.9,
  };
  const engine: Engine = {
    answerer: {
      async ask(request, askOptions) {
        asked.push(request);
        if (options.answer) return options.answer(request, askOptions);
        return {
          answer: `About: ${request.question}`,
          grounded: options.grounded ?? true,
          language: "en",
          citations: [citation],
          timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
        };
      },
    },
    getDocument: (docId) => (docId === PORT_DOCUMENT.id ? PORT_DOCUMENT : undefined),
    listDocuments: () => [{ id: PORT_DOCUMENT.id, title: PORT_DOCUMENT.title }],
    describe: () => ({ modelId: "test", documents: 1, chunks: 1, denseSearch: false, writer: "off", notes: [] }),
  };
  return { engine, asked, citation };
}

/** Collects log lines so tests can check what was logged, and that no secret was. */
export function createRecordingLogger() {
  const lines: Array<{ level: string; message: string; details?: Record<string, unknown> }> = [];
  const logger = {
    lines,
    error: (message: string, details?: Record<string, unknown>) => lines.push({ level: "error", message, details }),
    warn: (message: string, details?: Record<string, unknown>) => lines.push({ level: "warn", message, details }),
    info: (message: string, details?: Record<string, unknown>) => lines.push({ level: "info", message, details }),
    child: () => logger,
    /** Everything but the per-request access line the app writes for every request. */
    withoutAccessLog: () => lines.filter((line) => line.message !== "request"),
    text: () => JSON.stringify(lines),
  };
  return logger;
}

/** The app with Slack on, posting through the real WebClient to a stand-in, its clock fixed at `nowSeconds`. */
export function createSlackTestApp(options: { engine: Engine; apiUrl: string; nowSeconds: number; responseUrlOrigins?: string[] }) {
  const logger = createRecordingLogger();
  const tasks = new BackgroundTasks({ logger });
  const engines = new EngineHolder();
  engines.set(options.engine);
  const app = createApp({
    engines,
    logger,
    slack: {
      signingSecret: SIGNING_SECRET,
      poster: createWebApiPoster({ token: BOT_TOKEN, slackApiUrl: options.apiUrl }),
      defer: tasks.defer,
      now: () => options.nowSeconds * 1000,
      ...(options.responseUrlOrigins ? { responseUrlOrigins: options.responseUrlOrigins } : {}),
    },
  });
  return { app, tasks, logger, engines };
}
