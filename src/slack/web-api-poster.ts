// Node adapter: the SlackPoster on top of the official @slack/web-api client. Never imported by the core.
import { LogLevel, WebClient } from "@slack/web-api";
import { postToResponseUrl, SLACK_REQUEST_TIMEOUT_MS, type SlackPoster, THREAD_MESSAGES_LIMIT, toThreadMessages } from "./slack-poster.ts";

export function createWebApiPoster(options: { token: string; slackApiUrl?: string }): SlackPoster {
  const client = new WebClient(options.token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    // A post that timed out may still have landed; retrying it could answer one question twice.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SLACK_REQUEST_TIMEOUT_MS,
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
      return toThreadMessages(result.messages ?? []);
    },
    async respond(responseUrl, response) {
      await postToResponseUrl({ fetch, responseUrl, response });
    },
  };
}
