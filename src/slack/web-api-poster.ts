// Node adapter: the SlackPoster on top of the official @slack/web-api client. Never imported by the core.
import { LogLevel, WebClient } from "@slack/web-api";
import type { SlackPoster, SlackThreadMessage } from "./slack-poster.ts";

/** Long enough for Slack on a bad day, short enough that a stuck call does not hold a queue slot for long. */
const REQUEST_TIMEOUT_MS = 10_000;
/** conversations.replies allows up to 1000; 200 covers any thread worth answering from. */
const THREAD_MESSAGES_LIMIT = 200;

export function createWebApiPoster(options: { token: string; slackApiUrl?: string }): SlackPoster {
  const client = new WebClient(options.token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    // A post that timed out may still have landed; retrying it could answer one question twice.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: REQUEST_TIMEOUT_MS,
    // Our own log lines report failures; the client's would repeat them.
    logLevel: LogLevel.ERROR,
  });
  return {
    async postMessage({ channel, threadTs, text, blocks }) {
      await client.chat.postMessage({
        channel,
        thread_ts: threadTs,
        text,
        blocks: [...blocks],
        // Source links would otherwise unfurl into large previews under every answer.
        unfurl_links: false,
        unfurl_media: false,
      });
    },
    async threadReplies({ channel, threadTs }) {
      const result = await client.conversations.replies({ channel, ts: threadTs, limit: THREAD_MESSAGES_LIMIT });
      return (result.messages ?? []).flatMap((message): SlackThreadMessage[] =>
        typeof message.ts === "string"
          ? [
              {
                ts: message.ts,
                text: message.text ?? "",
                ...(message.user ? { user: message.user } : {}),
                ...(message.bot_id ? { botId: message.bot_id } : {}),
              },
            ]
          : [],
      );
    },
    async respond(responseUrl, { responseType, text, blocks }) {
      // response_url takes a JSON body and no token, so it is a plain POST rather than a Web API call.
      const response = await fetch(responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: responseType, text, blocks }),
        redirect: "error",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`Slack response_url answered HTTP ${response.status}`);
      await response.body?.cancel();
    },
  };
}
