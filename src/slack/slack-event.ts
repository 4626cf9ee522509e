import { InvalidRequestError } from "../errors.ts";
import { slackTextToPlain } from "./slack-text.ts";

/** A message the bot should answer, in Slack's terms. */
export interface SlackQuestion {
  readonly channel: string;
  /** The message's own timestamp (its id within the channel). */
  readonly ts: string;
  /** Where to reply: the thread the message is in, or a new thread under it. */
  readonly threadTs: string;
  /** The message is a reply inside an existing thread, so earlier messages are context. */
  readonly inThread: boolean;
  readonly question: string;
  readonly botUserId: string | undefined;
}

export type SlackEnvelope =
  | { readonly kind: "url_verification"; readonly challenge: string }
  | { readonly kind: "event"; readonly eventId: string; readonly question: SlackQuestion | undefined }
  | { readonly kind: "other"; readonly type: string };

type JsonObject = Record<string, unknown>;

/** Reads an Events API body; `question` is undefined for events the bot does not answer. */
export function parseSlackEnvelope(body: unknown): SlackEnvelope {
  if (!isObject(body) || typeof body.type !== "string") throw new InvalidRequestError("Expected a Slack Events API payload", "type");
  if (body.type === "url_verification") {
    if (typeof body.challenge !== "string") throw new InvalidRequestError("`challenge` must be a string", "challenge");
    return { kind: "url_verification", challenge: body.challenge };
  }
  if (body.type !== "event_callback") return { kind: "other", type: body.type };
  if (typeof body.event_id !== "string" || body.event_id === "")
    throw new InvalidRequestError("`event_id` must be a non-empty string", "event_id");
  if (!isObject(body.event)) throw new InvalidRequestError("`event` must be an object", "event");
  return { kind: "event", eventId: body.event_id, question: questionFrom(body.event, botUserIdOf(body)) };
}

/**
 * `app_mention` anywhere and plain user messages in a DM are questions. Anything a bot wrote
 * (including this bot), and edits, deletions and other subtypes are not: answering them could loop.
 */
function questionFrom(event: JsonObject, botUserId: string | undefined): SlackQuestion | undefined {
  const isMention = event.type === "app_mention";
  const isDirectMessage = event.type === "message" && event.channel_type === "im";
  if (!isMention && !isDirectMessage) return undefined;
  if (event.bot_id !== undefined || event.subtype !== undefined) return undefined;
  if (typeof event.user !== "string" || event.user === botUserId) return undefined;
  if (typeof event.channel !== "string" || typeof event.ts !== "string" || typeof event.text !== "string") return undefined;
  const threadTs = typeof event.thread_ts === "string" ? event.thread_ts : undefined;
  return {
    channel: event.channel,
    ts: event.ts,
    threadTs: threadTs ?? event.ts,
    inThread: threadTs !== undefined && threadTs !== event.ts,
    question: slackTextToPlain(event.text, { botUserId }),
    botUserId,
  };
}

/** The bot's own user id, from the installation that received the event. */
function botUserIdOf(body: JsonObject): string | undefined {
  if (!Array.isArray(body.authorizations)) return undefined;
  for (const authorization of body.authorizations) {
    if (isObject(authorization) && authorization.is_bot === true && typeof authorization.user_id === "string") return authorization.user_id;
  }
  return undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
