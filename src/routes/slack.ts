import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Defer } from "../background-tasks.ts";
import type { Engine } from "../engine.ts";
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors.ts";
import { message } from "../i18n/messages.ts";
import type { Logger } from "../observe/logger.ts";
import { answerCommand, answerInThread, slashCommandUsage } from "../slack/answer-in-slack.ts";
import { EventDeduplicator } from "../slack/event-deduplicator.ts";
import { formatNotice } from "../slack/format-answer.ts";
import { SlackNotConfiguredError, SlackSignatureError } from "../slack/slack-errors.ts";
import { parseSlackEnvelope } from "../slack/slack-event.ts";
import { slackLog } from "../slack/slack-log.ts";
import type { SlackPoster } from "../slack/slack-poster.ts";
import { slackTextToPlain } from "../slack/slack-text.ts";
import { createSignatureVerifier } from "../slack/verify-signature.ts";
import { detectQuestionLanguage } from "../text/detect-language.ts";
import { QUESTION_MAX_CHARACTERS } from "./ask-request.ts";

/** What a runtime provides to switch the Slack bot on. */
export interface SlackOptions {
  readonly signingSecret: string;
  readonly poster: SlackPoster;
  /** Runs the answering after the 200 acknowledgement (Slack wants one within 3 seconds). */
  readonly defer: Defer;
  /** Milliseconds since the epoch; injectable so signatures can be checked at a fixed time. */
  readonly now?: () => number;
  /** Where slash-command answers may be posted; Slack's own hooks hosts unless a test says otherwise. */
  readonly responseUrlOrigins?: readonly string[];
  readonly deduplicator?: EventDeduplicator;
}

export const SLACK_RESPONSE_URL_ORIGINS = ["https://hooks.slack.com", "https://hooks.slack-gov.com"] as const;
/** Events can carry long messages with attachments; still bounded before the signature is checked. */
export const SLACK_MAX_BODY_BYTES = 512 * 1024;

/**
 * `engine` is the serving engine behind the same guard as /ask (concurrency limit, answer metrics);
 * an answer still running after `answerTimeoutMs` is aborted, as /ask's are at the request timeout.
 */
export function slackRoutes(options: SlackOptions & { engine: () => Engine | undefined; answerTimeoutMs: number; logger: Logger }): Hono {
  const { poster, defer, engine, answerTimeoutMs, now = Date.now, responseUrlOrigins = SLACK_RESPONSE_URL_ORIGINS } = options;
  // The request's own logger (it carries the request id) when the request-context middleware set one.
  const loggerFor = (context: Context) => slackLog(context.get("logger") ?? options.logger);
  const deduplicator = options.deduplicator ?? new EventDeduplicator({ now });
  const verify = createSignatureVerifier({ signingSecret: options.signingSecret });
  const documentUrl = (docId: string) => engine()?.getDocument(docId)?.url;

  /** The raw body, once its signature has been checked; nothing unsigned is parsed. */
  const readVerifiedBody = async (context: Context): Promise<string> => {
    const body = new Uint8Array(await context.req.arrayBuffer());
    try {
      await verify({
        timestamp: context.req.header("x-slack-request-timestamp"),
        signature: context.req.header("x-slack-signature"),
        body,
        nowSeconds: Math.floor(now() / 1000),
      });
    } catch (error) {
      if (error instanceof SlackSignatureError)
        loggerFor(context).warn("slack request refused", { path: context.req.path, reason: error.reason });
      throw error;
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      throw new InvalidRequestError("Request body is not valid UTF-8", "body");
    }
  };

  const routes = new Hono();
  routes.use(
    "/slack/*",
    bodyLimit({
      maxSize: SLACK_MAX_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(SLACK_MAX_BODY_BYTES);
      },
    }),
  );

  routes.post("/slack/events", async (context) => {
    const text = await readVerifiedBody(context);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new InvalidRequestError("Request body is not valid JSON", "body");
    }
    const envelope = parseSlackEnvelope(body);
    if (envelope.kind === "url_verification") return context.json({ challenge: envelope.challenge });
    if (envelope.kind === "other") return context.body(null, 200);
    const retry = context.req.header("x-slack-retry-num");
    // Both checks run: a mention in a DM can arrive as two events with different ids for one message.
    const firstEvent = deduplicator.firstSighting(`event:${envelope.eventId}`);
    const question = envelope.question;
    const firstMessage = question ? deduplicator.firstSighting(`message:${question.channel}:${question.ts}`) : true;
    if (!firstEvent || !firstMessage) {
      loggerFor(context).info("slack event already handled", { eventId: envelope.eventId, retry: retry ?? null });
      return context.body(null, 200);
    }
    if (question)
      defer(() => answerInThread({ question, engine, answerTimeoutMs, poster, logger: loggerFor(context), documentUrl }), context);
    return context.body(null, 200);
  });

  routes.post("/slack/commands", async (context) => {
    const contentType = context.req.header("content-type") ?? "";
    const text = await readVerifiedBody(context);
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType.trim())) {
      throw new UnsupportedMediaTypeError("application/x-www-form-urlencoded");
    }
    const form = new URLSearchParams(text);
    if (form.get("ssl_check") === "1") return context.body(null, 200);
    const command = form.get("command") ?? "/visit";
    const responseUrl = form.get("response_url") ?? "";
    if (!isAllowedResponseUrl(responseUrl, responseUrlOrigins)) {
      throw new InvalidRequestError("`response_url` must be a Slack response URL", "response_url");
    }
    const { question, visibility } = parseCommandText(form.get("text") ?? "");
    if (question === "") return context.json(ephemeral(slashCommandUsage(command)));
    if (question.length > QUESTION_MAX_CHARACTERS) {
      const language = detectQuestionLanguage(question);
      return context.json(ephemeral(message(language, "slackTooLong", { max: String(QUESTION_MAX_CHARACTERS) })));
    }
    // Slack never retries a command, so the same signed request seen again is a replay: its signature
    // covers timestamp and body, and the verifier accepts it for 5 minutes; the deduplicator remembers longer.
    const signature = context.req.header("x-slack-signature") ?? "";
    if (!deduplicator.firstSighting(`command:${signature}`)) {
      loggerFor(context).info("slack command already handled", { command });
      return context.body(null, 200);
    }
    defer(
      () => answerCommand({ question, visibility, responseUrl, engine, answerTimeoutMs, poster, logger: loggerFor(context), documentUrl }),
      context,
    );
    return context.body(null, 200);
  });
  return routes;
}

/** Without a signing secret nothing under /slack can be trusted, so nothing there is served. */
export function slackNotConfiguredRoutes(): Hono {
  const routes = new Hono();
  routes.all("/slack", () => {
    throw new SlackNotConfiguredError();
  });
  routes.all("/slack/*", () => {
    throw new SlackNotConfiguredError();
  });
  return routes;
}

/** `/visit --public <question>` shares the answer with the channel; otherwise only the asker sees it. */
function parseCommandText(raw: string): { question: string; visibility: "ephemeral" | "in_channel" } {
  const text = slackTextToPlain(raw);
  const shared = /^--public(?:\s+|$)/i.exec(text);
  return shared ? { question: text.slice(shared[0].length).trim(), visibility: "in_channel" } : { question: text, visibility: "ephemeral" };
}

function ephemeral(text: string) {
  const message = formatNotice(text);
  return { response_type: "ephemeral", text: message.text, blocks: message.blocks };
}

function isAllowedResponseUrl(value: string, origins: readonly string[]): boolean {
  try {
    return origins.includes(new URL(value).origin);
  } catch {
    return false;
  }
}
