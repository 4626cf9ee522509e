import type { SlackMessage } from "./block-kit.ts";

/** One message of a thread, as `conversations.replies` returns it (only the fields the bot reads). */
export interface SlackThreadMessage {
  readonly ts: string;
  readonly text: string;
  readonly user?: string;
  readonly botId?: string;
}

/** `ephemeral` is seen only by the person who ran the command; `in_channel` by everyone. */
export interface SlackCommandResponse extends SlackMessage {
  readonly responseType: "ephemeral" | "in_channel";
}

/**
 * What the bot needs from Slack, implemented per runtime (Node: `@slack/web-api`). Each call is made
 * once: an adapter must not retry a post, or one question could be answered twice.
 */
export interface SlackPoster {
  /** Posts a reply in the thread that starts at `threadTs`. */
  postMessage(message: SlackMessage & { channel: string; threadTs: string }): Promise<void>;
  /** The messages of a thread, oldest first, including its first message. */
  threadReplies(thread: { channel: string; threadTs: string }): Promise<SlackThreadMessage[]>;
  /** Answers a slash command through the `response_url` Slack sent with it. */
  respond(responseUrl: string, response: SlackCommandResponse): Promise<void>;
}

/** Long enough for Slack on a bad day, short enough that a stuck call does not hold a queue slot for long. */
export const SLACK_REQUEST_TIMEOUT_MS = 10_000;
/** conversations.replies allows up to 1000; 200 covers any thread worth answering from. */
export const THREAD_MESSAGES_LIMIT = 200;

/** The fields the bot reads from `conversations.replies` messages, whichever client fetched them. */
export function toThreadMessages(
  messages: readonly { ts?: unknown; text?: unknown; user?: unknown; bot_id?: unknown }[],
): SlackThreadMessage[] {
  return messages.flatMap((message): SlackThreadMessage[] =>
    typeof message.ts === "string"
      ? [
          {
            ts: message.ts,
            text: typeof message.text === "string" ? message.text : "",
            ...(typeof message.user === "string" && message.user ? { user: message.user } : {}),
            ...(typeof message.bot_id === "string" && message.bot_id ? { botId: message.bot_id } : {}),
          },
        ]
      : [],
  );
}

/** response_url takes a JSON body and no token, so it is a plain POST rather than a Web API call. */
export async function postToResponseUrl(options: {
  fetch: typeof fetch;
  responseUrl: string;
  response: SlackCommandResponse;
}): Promise<void> {
  const { responseType, text, blocks } = options.response;
  const response = await options.fetch(options.responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ response_type: responseType, text, blocks }),
    redirect: "error",
    signal: AbortSignal.timeout(SLACK_REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`Slack response_url answered HTTP ${response.status}`);
  await response.body?.cancel();
}
