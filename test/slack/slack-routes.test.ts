import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { BackgroundTasks } from "../../src/background-tasks.ts";
import { EngineHolder } from "../../src/engine.ts";
import { createFetchSlackPoster } from "../../src/slack/fetch-slack-poster.ts";
import { createWebApiPoster } from "../../src/slack/web-api-poster.ts";
import {
  BOT_TOKEN,
  BOT_USER_ID,
  createRecordingLogger,
  createSlackTestApp,
  createTestEngine,
  eventCallback,
  SIGNING_SECRET,
  sign,
  slackRequest,
  startSlackStandIn,
} from "./slack-test-kit.ts";

// 2023-11-14T22:13:20Z; any fixed time works, the clock is injected.
const NOW_SECONDS = 1_700_000_000;
const THREAD_TS = "1699999000.000100";
const REPLY_TS = "1699999900.000200";

const standIn = await startSlackStandIn({
  threads: {
    [`C0PORT:${THREAD_TS}`]: [
      { type: "message", user: "UASKER", text: `<@${BOT_USER_ID}> Which port will the presidents open?`, ts: THREAD_TS },
      { type: "message", user: BOT_USER_ID, bot_id: "B0001", text: "The Chancay port.", ts: "1699999100.000100", thread_ts: THREAD_TS },
      { type: "message", user: "UOTHERBOT", bot_id: "B0999", text: "I am another bot", ts: "1699999200.000100", thread_ts: THREAD_TS },
      { type: "message", user: "UASKER", text: `<@${BOT_USER_ID}> When will it open?`, ts: REPLY_TS, thread_ts: THREAD_TS },
    ],
  },
});
afterAll(() => standIn.close());

function setup(options: { engine?: ReturnType<typeof createTestEngine>; nowSeconds?: number } = {}) {
  const testEngine = options.engine ?? createTestEngine();
  const { app, tasks, logger, engines } = createSlackTestApp({
    engine: testEngine.engine,
    apiUrl: standIn.apiUrl,
    nowSeconds: options.nowSeconds ?? NOW_SECONDS,
    responseUrlOrigins: [standIn.origin],
  });
  const send = (path: "/slack/events" | "/slack/commands", body: string, headers?: Record<string, string>) =>
    app.request(path, slackRequest({ path, body, nowSeconds: NOW_SECONDS, headers }));
  return { app, tasks, logger, engines, asked: testEngine.asked, send };
}

beforeEach(() => {
  standIn.requests.length = 0;
});

/** The blocks the test engine's answer renders to, as Slack must receive them. */
function answerBlocks(question: string) {
  return [
    { type: "section", text: { type: "mrkdwn", text: `About: ${question}`, verbatim: true } },
    { type: "section", text: { type: "mrkdwn", text: ">The Chancay port opens on Thursday.", verbatim: true } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "Source: <https://example.com/news?id=1&amp;lang=en|Chancay port &lt;opens&gt; &amp; more>",
          verbatim: true,
        },
      ],
    },
  ];
}

function answerText(question: string) {
  return `About: ${question}\n\nSources: Chancay port &lt;opens&gt; &amp; more`;
}

describe("POST /slack/events", () => {
  it("answers the url_verification challenge", async () => {
    const { send } = setup();
    const body = JSON.stringify({
      token: "x",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const response = await send("/slack/events", body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("answers an app_mention in a new thread under the message, with the exact chat.postMessage payload", async () => {
    const { send, tasks, asked } = setup();
    const body = eventCallback({
      type: "app_mention",
      user: "UASKER",
      text: `<@${BOT_USER_ID}> When will the port open &amp; who opens it?`,
      ts: "1700000000.000100",
      channel: "C0PORT",
      event_ts: "1700000000.000100",
    });
    const response = await send("/slack/events", body);
    expect(response.status).toBe(200);
    await tasks.idle();
    expect(asked).toEqual([{ question: "When will the port open & who opens it?" }]);
    const question = "When will the port open &amp; who opens it?";
    expect(standIn.calls("chat.postMessage")).toEqual([
      {
        channel: "C0PORT",
        thread_ts: "1700000000.000100",
        text: answerText(question),
        blocks: JSON.stringify(answerBlocks(question)),
        unfurl_links: "false",
        unfurl_media: "false",
      },
    ]);
    const post = standIn.requests.find((request) => request.path === "/api/chat.postMessage");
    expect(post?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(standIn.calls("conversations.replies")).toEqual([]);
  });

  it("answers a direct message (message.im) in a thread", async () => {
    const { send, tasks, asked } = setup();
    const body = eventCallback(
      { type: "message", channel_type: "im", channel: "D0DM", user: "UASKER", text: "Who opened the port?", ts: "1700000001.000100" },
      "Ev0DM",
    );
    expect((await send("/slack/events", body)).status).toBe(200);
    await tasks.idle();
    expect(asked).toEqual([{ question: "Who opened the port?" }]);
    expect(standIn.calls("chat.postMessage")).toEqual([
      {
        channel: "D0DM",
        thread_ts: "1700000001.000100",
        text: answerText("Who opened the port?"),
        blocks: JSON.stringify(answerBlocks("Who opened the port?")),
        unfurl_links: "false",
        unfurl_media: "false",
      },
    ]);
  });

  it("answers a reply in a thread as a follow-up, with the thread's earlier messages as history", async () => {
    const { send, tasks, asked } = setup();
    const body = eventCallback(
      {
        type: "app_mention",
        user: "UASKER",
        text: `<@${BOT_USER_ID}> When will it open?`,
        ts: REPLY_TS,
        thread_ts: THREAD_TS,
        channel: "C0PORT",
      },
      "Ev0FOLLOW",
    );
    expect((await send("/slack/events", body)).status).toBe(200);
    await tasks.idle();
    expect(standIn.calls("conversations.replies")).toEqual([{ channel: "C0PORT", ts: THREAD_TS, limit: "200" }]);
    expect(asked).toEqual([
      {
        question: "When will it open?",
        history: [
          { role: "user", content: "Which port will the presidents open?" },
          { role: "assistant", content: "The Chancay port." },
        ],
      },
    ]);
    expect(standIn.calls("chat.postMessage")).toEqual([
      expect.objectContaining({ channel: "C0PORT", thread_ts: THREAD_TS, text: answerText("When will it open?") }),
    ]);
  });

  it("acknowledges before answering: the 200 comes back while the answer is still being worked out", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = createTestEngine({
      answer: async (request) => {
        await gate;
        return {
          answer: `Late: ${request.question}`,
          grounded: true,
          language: "en",
          citations: [],
          timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
        };
      },
    });
    const { send, tasks } = setup({ engine: slow });
    const body = eventCallback(
      { type: "app_mention", user: "UASKER", text: `<@${BOT_USER_ID}> Slow one?`, ts: "1700000002.000100", channel: "C0PORT" },
      "Ev0SLOW",
    );
    const response = await send("/slack/events", body);
    expect(response.status).toBe(200);
    expect(standIn.calls("chat.postMessage")).toEqual([]);
    release();
    await tasks.idle();
    expect(standIn.calls("chat.postMessage")).toHaveLength(1);
  });

  it("acknowledges a retry (X-Slack-Retry-Num) and a repeated event_id without answering twice", async () => {
    const { send, tasks, asked, logger } = setup();
    const body = eventCallback(
      { type: "app_mention", user: "UASKER", text: `<@${BOT_USER_ID}> Once only?`, ts: "1700000003.000100", channel: "C0PORT" },
      "Ev0ONCE",
    );
    expect((await send("/slack/events", body)).status).toBe(200);
    const retry = await send("/slack/events", body, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    expect(retry.status).toBe(200);
    expect((await send("/slack/events", body)).status).toBe(200);
    await tasks.idle();
    expect(asked).toHaveLength(1);
    expect(standIn.calls("chat.postMessage")).toHaveLength(1);
    expect(logger.withoutAccessLog().filter((line) => line.message === "slack event already handled")).toEqual([
      { level: "info", message: "slack event already handled", details: { eventId: "Ev0ONCE", retry: "1" } },
      { level: "info", message: "slack event already handled", details: { eventId: "Ev0ONCE", retry: null } },
    ]);
  });

  it("answers a retry of an event it has never seen (the first delivery was lost)", async () => {
    const { send, tasks } = setup();
    const body = eventCallback(
      { type: "app_mention", user: "UASKER", text: `<@${BOT_USER_ID}> Lost?`, ts: "1700000004.000100", channel: "C0PORT" },
      "Ev0LOST",
    );
    expect((await send("/slack/events", body, { "x-slack-retry-num": "2" })).status).toBe(200);
    await tasks.idle();
    expect(standIn.calls("chat.postMessage")).toHaveLength(1);
  });

  it("answers one message once even when it arrives as two events (mention inside a DM)", async () => {
    const { send, tasks } = setup();
    const message = { user: "UASKER", text: `<@${BOT_USER_ID}> Twice?`, ts: "1700000005.000100", channel: "D0DM" };
    await send("/slack/events", eventCallback({ type: "app_mention", ...message }, "Ev0A"));
    await send("/slack/events", eventCallback({ type: "message", channel_type: "im", ...message }, "Ev0B"));
    await tasks.idle();
    expect(standIn.calls("chat.postMessage")).toHaveLength(1);
  });

  it.each([
    [
      "another bot's message (bot_id)",
      { type: "message", channel_type: "im", user: "UOTHER", bot_id: "B0999", text: "hello", ts: "1.1", channel: "D0DM" },
    ],
    [
      "a bot_message subtype",
      { type: "message", subtype: "bot_message", channel_type: "im", bot_id: "B0999", text: "hello", ts: "1.2", channel: "D0DM" },
    ],
    [
      "the bot's own message",
      { type: "message", channel_type: "im", user: BOT_USER_ID, text: "The Chancay port.", ts: "1.3", channel: "D0DM" },
    ],
    ["an edit", { type: "message", subtype: "message_changed", channel_type: "im", ts: "1.4", channel: "D0DM" }],
    [
      "a channel message that is not a mention",
      { type: "message", channel_type: "channel", user: "UASKER", text: "hi", ts: "1.5", channel: "C0PORT" },
    ],
  ])("ignores %s", async (_name, event) => {
    const { send, tasks, asked } = setup();
    const response = await send("/slack/events", eventCallback(event, `Ev-ignore-${event.ts}`));
    expect(response.status).toBe(200);
    await tasks.idle();
    expect(asked).toEqual([]);
    expect(standIn.requests).toEqual([]);
  });

  it("replies with usage when the mention carries no question", async () => {
    const { send, tasks, asked } = setup();
    await send(
      "/slack/events",
      eventCallback(
        { type: "app_mention", user: "UASKER", text: `<@${BOT_USER_ID}>`, ts: "1700000006.000100", channel: "C0PORT" },
        "Ev0EMPTY",
      ),
    );
    await tasks.idle();
    expect(asked).toEqual([]);
    const [post] = standIn.calls("chat.postMessage");
    expect(post?.text).toMatch(/^Ask me about President Xi Jinping's 2024 state visit to Peru/);
  });

  it("says it is still loading when the engine is not ready", async () => {
    const { tasks } = setup();
    const empty = createApp({
      engines: new EngineHolder(),
      logger: createRecordingLogger(),
      slack: {
        signingSecret: SIGNING_SECRET,
        poster: createWebApiPoster({ token: BOT_TOKEN, slackApiUrl: standIn.apiUrl }),
        defer: tasks.defer,
        now: () => NOW_SECONDS * 1000,
      },
    });
    const body = eventCallback(
      { type: "app_mention", user: "UASKER", text: `<@${BOT_USER_ID}> Ready?`, ts: "1700000007.000100", channel: "C0PORT" },
      "Ev0LOAD",
    );
    await empty.request("/slack/events", slackRequest({ path: "/slack/events", body, nowSeconds: NOW_SECONDS }));
    await tasks.idle();
    expect(standIn.calls("chat.postMessage").map((post) => post.text)).toEqual([
      "I'm still loading my sources. Please ask again in a moment.",
    ]);
  });

  it.each([
    [
      "a platform error",
      "platform_error",
      { error: "chat.postMessage failed: An API error occurred: channel_not_found", code: "slack_webapi_platform_error" },
    ],
    [
      "an HTTP 500",
      "http_500",
      { error: "chat.postMessage failed: An HTTP protocol error occurred: statusCode = 500", code: "slack_webapi_http_error" },
    ],
  ] as const)("logs a post that fails with %s once, without the token, and does not retry it", async (_name, failPosts, details) => {
    const failing = await startSlackStandIn({ failPosts });
    try {
      const { app, tasks, logger } = createSlackTestApp({
        engine: createTestEngine().engine,
        apiUrl: failing.apiUrl,
        nowSeconds: NOW_SECONDS,
      });
      const body = eventCallback(
        { type: "app_mention", user: "UASKER", text: `<@${BOT_USER_ID}> Fail?`, ts: "1700000008.000100", channel: "C0GONE" },
        "Ev0FAIL",
      );
      expect((await app.request("/slack/events", slackRequest({ path: "/slack/events", body, nowSeconds: NOW_SECONDS }))).status).toBe(200);
      await tasks.idle();
      expect(failing.calls("chat.postMessage")).toHaveLength(1);
      expect(logger.withoutAccessLog()).toEqual([{ level: "error", message: "background task failed", details }]);
      expect(logger.text()).not.toContain(BOT_TOKEN);
    } finally {
      await failing.close();
    }
  });
});

describe("when Slack cannot be reached", () => {
  it("the background failure log names the call that failed, not only 'fetch failed'", async () => {
    // Nothing listens on port 9 of loopback: every call fails in fetch itself, as with a DNS or network error.
    const unreachable = "http://127.0.0.1:9";
    const logger = createRecordingLogger();
    const tasks = new BackgroundTasks({ logger });
    const engines = new EngineHolder();
    engines.set(createTestEngine().engine);
    const app = createApp({
      engines,
      logger,
      slack: {
        signingSecret: SIGNING_SECRET,
        poster: createFetchSlackPoster({ token: BOT_TOKEN, slackApiUrl: `${unreachable}/api/` }),
        defer: tasks.defer,
        now: () => NOW_SECONDS * 1000,
        responseUrlOrigins: [unreachable],
      },
    });
    const mention = eventCallback(
      { type: "app_mention", user: "UASKER", text: `<@${BOT_USER_ID}> Reachable?`, ts: "1700000010.000100", channel: "C0PORT" },
      "Ev0NET",
    );
    await app.request("/slack/events", slackRequest({ path: "/slack/events", body: mention, nowSeconds: NOW_SECONDS }));
    const command = new URLSearchParams({ command: "/visit", text: "Reachable?", response_url: `${unreachable}/commands/1` }).toString();
    await app.request("/slack/commands", slackRequest({ path: "/slack/commands", body: command, nowSeconds: NOW_SECONDS }));
    await tasks.idle();
    const failures = logger.withoutAccessLog().map((line) => `${line.message}: ${line.details?.error}`);
    expect(failures.sort()).toEqual([
      "background task failed: chat.postMessage failed: fetch failed",
      "background task failed: response_url failed: fetch failed",
    ]);
  });
});

describe("POST /slack/commands", () => {
  const commandBody = (text: string) =>
    new URLSearchParams({
      token: "legacy",
      team_id: "T0001",
      channel_id: "C0PORT",
      user_id: "UASKER",
      command: "/visit",
      text,
      response_url: `${standIn.origin}/commands/T0001/123/abc`,
      trigger_id: "1.2.3",
    }).toString();

  it("acknowledges at once and answers through response_url, ephemeral by default", async () => {
    const { send, tasks, asked } = setup();
    const response = await send("/slack/commands", commandBody("When will the Chancay port open?"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await tasks.idle();
    expect(asked).toEqual([{ question: "When will the Chancay port open?" }]);
    expect(standIn.responses()).toEqual([
      {
        response_type: "ephemeral",
        text: answerText("When will the Chancay port open?"),
        blocks: [
          { type: "context", elements: [{ type: "mrkdwn", text: "*Question:* When will the Chancay port open?", verbatim: true }] },
          ...answerBlocks("When will the Chancay port open?"),
        ],
      },
    ]);
    const [post] = standIn.requests;
    expect(post?.headers["content-type"]).toBe("application/json");
    expect(post?.headers.authorization).toBeUndefined();
  });

  it("shares the answer in the channel with --public", async () => {
    const { send, tasks, asked } = setup();
    await send("/slack/commands", commandBody("--public Who opened the port?"));
    await tasks.idle();
    expect(asked).toEqual([{ question: "Who opened the port?" }]);
    expect(standIn.responses()).toEqual([expect.objectContaining({ response_type: "in_channel" })]);
  });

  it("answers an empty command with usage text in the acknowledgement, privately", async () => {
    const { send, tasks, asked } = setup();
    const response = await send("/slack/commands", commandBody("   "));
    expect(response.status).toBe(200);
    const usage =
      "Usage: /visit &lt;question&gt;, for example: /visit When will the Chancay port be inaugurated? Only you see the answer; start with --public to share it with the channel.";
    expect(await response.json()).toEqual({
      response_type: "ephemeral",
      text: usage,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: usage, verbatim: true } }],
    });
    await tasks.idle();
    expect(asked).toEqual([]);
    expect(standIn.requests).toEqual([]);
  });

  it("answers a signed command replayed within 5 minutes once: the replays are acknowledged and not posted again", async () => {
    const { app, tasks, asked, logger } = setup();
    const init = slackRequest({ path: "/slack/commands", body: commandBody("Who opened the port?"), nowSeconds: NOW_SECONDS });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await app.request("/slack/commands", init);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
    }
    await tasks.idle();
    expect(asked).toHaveLength(1);
    expect(standIn.responses()).toHaveLength(1);
    expect(logger.withoutAccessLog().filter((line) => line.message === "slack command already handled")).toHaveLength(3);
    // The same command typed again is a new request (new timestamp and trigger): it is answered.
    const again = commandBody("Who opened the port?").replace("trigger_id=1.2.3", "trigger_id=1.2.4");
    await app.request("/slack/commands", slackRequest({ path: "/slack/commands", body: again, nowSeconds: NOW_SECONDS + 1 }));
    await tasks.idle();
    expect(standIn.responses()).toHaveLength(2);
  });

  it("refuses a response_url that is not Slack's", async () => {
    const { app, tasks } = setup();
    const body = commandBody("Who?").replace(encodeURIComponent(standIn.origin), encodeURIComponent("https://attacker.example"));
    const response = await app.request("/slack/commands", slackRequest({ path: "/slack/commands", body, nowSeconds: NOW_SECONDS }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: "`response_url` must be a Slack response URL" } });
    await tasks.idle();
    expect(standIn.requests).toEqual([]);
  });
});

describe("request signatures", () => {
  const body = eventCallback(
    { type: "app_mention", user: "UASKER", text: `<@${BOT_USER_ID}> Signed?`, ts: "1700000009.000100", channel: "C0PORT" },
    "Ev0SIG",
  );
  const signature = sign({ body, timestamp: NOW_SECONDS });

  it.each([
    ["no headers", {}, "X-Slack-Signature and X-Slack-Request-Timestamp headers are required", "missing_headers"],
    [
      "no signature",
      { "x-slack-request-timestamp": String(NOW_SECONDS) },
      "X-Slack-Signature and X-Slack-Request-Timestamp headers are required",
      "missing_headers",
    ],
    [
      "no timestamp",
      { "x-slack-signature": signature },
      "X-Slack-Signature and X-Slack-Request-Timestamp headers are required",
      "missing_headers",
    ],
    [
      "a wrong version",
      { "x-slack-request-timestamp": String(NOW_SECONDS), "x-slack-signature": signature.replace(/^v0=/, "v1=") },
      "Unsupported signature version; expected v0",
      "unsupported_version",
    ],
    [
      "a malformed signature",
      { "x-slack-request-timestamp": String(NOW_SECONDS), "x-slack-signature": "v0=zz" },
      "X-Slack-Signature must be v0= followed by 64 hexadecimal digits",
      "malformed_signature",
    ],
    [
      "a stale timestamp (5 minutes and 1 second old)",
      { "x-slack-request-timestamp": String(NOW_SECONDS - 301), "x-slack-signature": sign({ body, timestamp: NOW_SECONDS - 301 }) },
      "The request timestamp is more than 5 minutes old",
      "stale_timestamp",
    ],
    [
      "a future timestamp",
      { "x-slack-request-timestamp": String(NOW_SECONDS + 301), "x-slack-signature": sign({ body, timestamp: NOW_SECONDS + 301 }) },
      "The request timestamp is more than 5 minutes in the future",
      "future_timestamp",
    ],
    [
      "a non-numeric timestamp",
      { "x-slack-request-timestamp": "soon", "x-slack-signature": signature },
      "X-Slack-Request-Timestamp must be a Unix time in seconds",
      "malformed_timestamp",
    ],
    [
      "another secret",
      {
        "x-slack-request-timestamp": String(NOW_SECONDS),
        "x-slack-signature": sign({ body, timestamp: NOW_SECONDS, secret: "not-the-secret" }),
      },
      "The request signature does not match",
      "signature_mismatch",
    ],
  ])("refuses %s with 401", async (_name, headers, message, reason) => {
    const { app, tasks, asked, logger } = setup();
    const response = await app.request("/slack/events", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "invalid_signature", message } });
    await tasks.idle();
    expect(asked).toEqual([]);
    expect(logger.withoutAccessLog()).toEqual([
      { level: "warn", message: "slack request refused", details: { path: "/slack/events", reason } },
    ]);
    expect(logger.text()).not.toContain(SIGNING_SECRET);
  });

  it("refuses a tampered body (signature of the original) on both routes", async () => {
    const { app, tasks } = setup();
    const tampered = body.replace("Signed?", "Tampered?");
    for (const path of ["/slack/events", "/slack/commands"] as const) {
      const response = await app.request(path, {
        method: "POST",
        body: tampered,
        headers: { "content-type": "application/json", "x-slack-request-timestamp": String(NOW_SECONDS), "x-slack-signature": signature },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "invalid_signature", message: "The request signature does not match" } });
    }
    await tasks.idle();
    expect(standIn.requests).toEqual([]);
  });

  it("accepts exactly 5 minutes of age", async () => {
    const { app } = setup();
    const challenge = JSON.stringify({ type: "url_verification", challenge: "edge" });
    const timestamp = NOW_SECONDS - 300;
    const response = await app.request("/slack/events", {
      method: "POST",
      body: challenge,
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign({ body: challenge, timestamp }),
      },
    });
    expect(response.status).toBe(200);
  });

  it("refuses an oversized body with 413 before reading it all", async () => {
    const { app } = setup();
    const huge = "x".repeat(600 * 1024);
    const response = await app.request("/slack/events", slackRequest({ path: "/slack/events", body: huge, nowSeconds: NOW_SECONDS }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
  });

  it("answers 400 for a signed body that is not an Events API payload", async () => {
    const { send } = setup();
    const response = await send("/slack/events", "{not json");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: "Request body is not valid JSON" } });
  });
});

describe("without SLACK_SIGNING_SECRET", () => {
  it("answers 404 slack_not_configured under /slack and serves everything else", async () => {
    const engines = new EngineHolder();
    engines.set(createTestEngine().engine);
    const app = createApp({ engines, logger: createRecordingLogger() });
    for (const path of ["/slack/events", "/slack/commands", "/slack"]) {
      const response = await app.request(path, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "slack_not_configured", message: "The Slack integration is off: SLACK_SIGNING_SECRET is not set" },
      });
    }
    expect((await app.request("/healthz")).status).toBe(200);
    const ask = await app.request("/ask", {
      method: "POST",
      body: JSON.stringify({ question: "Port?" }),
      headers: { "content-type": "application/json" },
    });
    expect(ask.status).toBe(200);
    expect((await ask.json()).answer).toBe("About: Port?");
  });
});
