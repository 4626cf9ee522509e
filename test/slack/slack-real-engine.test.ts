// End to end with the real model and the shipped index: Slack event in, Block Kit answer out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine.ts";
import { loadNodeEngine } from "../../src/entry/node/load-node-engine.ts";
import { readConfig } from "../../src/entry/node/node-config.ts";
import { escapeSlackText } from "../../src/slack/slack-text.ts";
import { BOT_USER_ID, createSlackTestApp, eventCallback, slackRequest, startSlackStandIn } from "./slack-test-kit.ts";

const NOW_SECONDS = 1_731_500_000;
const QUESTION_TS = "1731499000.000100";

let engine: Engine;
const standIn = await startSlackStandIn({
  threads: {
    [`C0PORT:${QUESTION_TS}`]: [
      { type: "message", user: "UASKER", text: `<@${BOT_USER_ID}> When will the Chancay port be inaugurated?`, ts: QUESTION_TS },
      {
        type: "message",
        user: BOT_USER_ID,
        bot_id: "B0001",
        text: "The inauguration of the port on Thursday by both presidents…",
        ts: "1731499001.000100",
      },
      {
        type: "message",
        user: "UASKER",
        text: `<@${BOT_USER_ID}> Who will open it?`,
        ts: "1731499100.000100",
        thread_ts: QUESTION_TS,
      },
    ],
  },
});

beforeAll(async () => {
  ({ engine } = await loadNodeEngine(readConfig({})));
});
afterAll(() => standIn.close());

function setup() {
  return createSlackTestApp({ engine, apiUrl: standIn.apiUrl, nowSeconds: NOW_SECONDS });
}

interface Block {
  type: string;
  text?: { text: string };
  elements?: Array<{ text: string }>;
}

describe("Slack with the real engine", () => {
  it("answers a question about the Chancay port in its thread, quoting the source verbatim", async () => {
    const { app, tasks, logger } = setup();
    const body = eventCallback(
      {
        type: "app_mention",
        user: "UASKER",
        text: `<@${BOT_USER_ID}> When will the Chancay port be inaugurated?`,
        ts: QUESTION_TS,
        channel: "C0PORT",
      },
      "EvREAL1",
    );
    const response = await app.request("/slack/events", slackRequest({ path: "/slack/events", body, nowSeconds: NOW_SECONDS }));
    expect(response.status).toBe(200);
    await tasks.idle();
    expect(logger.withoutAccessLog()).toEqual([]);
    const [post] = standIn.calls("chat.postMessage");
    expect(post?.channel).toBe("C0PORT");
    expect(post?.thread_ts).toBe(QUESTION_TS);
    const expected = await engine.answerer.ask({ question: "When will the Chancay port be inaugurated?" });
    expect(expected.grounded).toBe(true);
    expect(expected.answer).toMatch(/Thursday/);
    const blocks = JSON.parse(post?.blocks ?? "[]") as Block[];
    expect(expected.shortAnswer?.text).toBe("Thursday");
    expect(blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: `*Thursday* — “${escapeSlackText(expected.answer)}”`, verbatim: true },
    });
    const quotes = blocks.filter((block) => block.type === "section" && block.text?.text.startsWith(">"));
    expect(quotes).toHaveLength(expected.citations.length);
    expected.citations.forEach((citation, index) => {
      const document = engine.getDocument(citation.docId);
      expect(document?.text.slice(citation.start, citation.end)).toBe(citation.quote);
      expect(quotes[index]?.text?.text).toBe(`>${escapeSlackText(citation.quote)}`);
    });
    const sources = blocks.filter((block) => block.type === "context").map((block) => block.elements?.[0]?.text);
    expect(sources[0]).toBe(`Source: ${escapeSlackText(expected.citations[0]?.title ?? "")}`);
    expect(post?.text).toContain(escapeSlackText(expected.answer));
  });

  it("answers a follow-up in the thread using the thread as history", async () => {
    standIn.requests.length = 0;
    const { app, tasks } = setup();
    const body = eventCallback(
      {
        type: "app_mention",
        user: "UASKER",
        text: `<@${BOT_USER_ID}> Who will open it?`,
        ts: "1731499100.000100",
        thread_ts: QUESTION_TS,
        channel: "C0PORT",
      },
      "EvREAL2",
    );
    await app.request("/slack/events", slackRequest({ path: "/slack/events", body, nowSeconds: NOW_SECONDS }));
    await tasks.idle();
    expect(standIn.calls("conversations.replies")).toHaveLength(1);
    const [post] = standIn.calls("chat.postMessage");
    expect(post?.thread_ts).toBe(QUESTION_TS);
    // The thread was read and passed as history ("When?" alone names nothing, and the engine abstains on it).
    expect((await engine.answerer.ask({ question: "When?" })).grounded).toBe(false);
    expect(post?.text).toMatch(/both presidents/);
  });
});
