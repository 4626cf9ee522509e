// The Worker's Slack adapter against the same loopback Slack stand-in as the Node adapter's tests.
import { afterAll, describe, expect, it } from "vitest";
import { createFetchSlackPoster } from "../../src/slack/fetch-slack-poster.ts";
import { BOT_TOKEN, startSlackStandIn } from "../slack/slack-test-kit.ts";

const THREAD = "1731499000.000100";
const standIn = await startSlackStandIn({
  threads: {
    [`C0PORT:${THREAD}`]: [
      { type: "message", user: "UASKER", text: "When will the port open?", ts: THREAD },
      { type: "message", user: "UBOT0001", bot_id: "B0001", text: "On Thursday.", ts: "1731499001.000100" },
      { type: "message", subtype: "tombstone" },
    ],
  },
});
const failing = await startSlackStandIn({ failPosts: "platform_error" });
afterAll(async () => {
  await standIn.close();
  await failing.close();
});

describe("fetch Slack poster", () => {
  const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*On Thursday*" } }];

  it("posts a thread reply form-encoded with the bot token, blocks as JSON and no unfurling", async () => {
    const poster = createFetchSlackPoster({ token: BOT_TOKEN, slackApiUrl: standIn.apiUrl });
    await poster.postMessage({ channel: "C0PORT", threadTs: THREAD, text: "On Thursday", blocks: blocks as never });
    expect(standIn.calls("chat.postMessage")).toEqual([
      {
        channel: "C0PORT",
        thread_ts: THREAD,
        text: "On Thursday",
        blocks: JSON.stringify(blocks),
        unfurl_links: "false",
        unfurl_media: "false",
      },
    ]);
    const request = standIn.requests.find((entry) => entry.path === "/api/chat.postMessage");
    expect(request?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it("reads a thread's messages, skipping entries without a timestamp", async () => {
    const poster = createFetchSlackPoster({ token: BOT_TOKEN, slackApiUrl: standIn.apiUrl });
    expect(await poster.threadReplies({ channel: "C0PORT", threadTs: THREAD })).toEqual([
      { ts: THREAD, text: "When will the port open?", user: "UASKER" },
      { ts: "1731499001.000100", text: "On Thursday.", user: "UBOT0001", botId: "B0001" },
    ]);
    expect(standIn.calls("conversations.replies").at(-1)).toEqual({ channel: "C0PORT", ts: THREAD, limit: "200" });
  });

  it("answers a slash command through its response_url", async () => {
    const poster = createFetchSlackPoster({ token: BOT_TOKEN, slackApiUrl: standIn.apiUrl });
    await poster.respond(`${standIn.origin}/commands/1`, { responseType: "ephemeral", text: "On Thursday", blocks: blocks as never });
    expect(standIn.responses()).toEqual([{ response_type: "ephemeral", text: "On Thursday", blocks }]);
  });

  it("fails with Slack's error, once, when a call is refused", async () => {
    const poster = createFetchSlackPoster({ token: BOT_TOKEN, slackApiUrl: failing.apiUrl });
    await expect(poster.postMessage({ channel: "C0NONE", threadTs: THREAD, text: "x", blocks: [] })).rejects.toThrow(
      "Slack chat.postMessage failed: channel_not_found",
    );
    await expect(poster.threadReplies({ channel: "C0NONE", threadTs: THREAD })).rejects.toThrow("thread_not_found");
    expect(failing.calls("chat.postMessage")).toHaveLength(1);
  });
});
