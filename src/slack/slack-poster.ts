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
