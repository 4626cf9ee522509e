// Runtime-neutral SlackPoster over plain fetch, for the Worker (where @slack/web-api, built on
// Node's http stack, cannot run). Same calls and settings as the Node adapter in web-api-poster.ts.
import { postToResponseUrl, SLACK_REQUEST_TIMEOUT_MS, type SlackPoster, THREAD_MESSAGES_LIMIT, toThreadMessages } from "./slack-poster.ts";

const DEFAULT_API_URL = "https://slack.com/api/";

export function createFetchSlackPoster(options: { token: string; slackApiUrl?: string; fetch?: typeof fetch }): SlackPoster {
  const { token, slackApiUrl = DEFAULT_API_URL } = options;
  const fetchImplementation = options.fetch ?? globalThis.fetch;

  /** One Web API call, form-encoded as Slack documents; never retried, or one question could be answered twice. */
  const call = async (method: string, fields: Record<string, string>): Promise<Record<string, unknown>> => {
    const response = await fetchImplementation(`${slackApiUrl}${method}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(SLACK_REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!response.ok || body?.ok !== true) {
      throw new Error(`Slack ${method} failed: ${typeof body?.error === "string" ? body.error : `HTTP ${response.status}`}`);
    }
    return body;
  };

  return {
    async postMessage({ channel, threadTs, text, blocks }) {
      await call("chat.postMessage", {
        channel,
        thread_ts: threadTs,
        text,
        blocks: JSON.stringify(blocks),
        // Source links would otherwise unfurl into large previews under every answer.
        unfurl_links: "false",
        unfurl_media: "false",
      });
    },
    async threadReplies({ channel, threadTs }) {
      const body = await call("conversations.replies", { channel, ts: threadTs, limit: String(THREAD_MESSAGES_LIMIT) });
      return toThreadMessages(Array.isArray(body.messages) ? (body.messages as Record<string, unknown>[]) : []);
    },
    async respond(responseUrl, response) {
      await postToResponseUrl({ fetch: fetchImplementation, responseUrl, response });
    },
  };
}
