import type { Turn } from "../answer/resolve-question.ts";
import { describeError } from "../background-tasks.ts";
import type { Engine } from "../engine.ts";
import { OverloadedError } from "../errors.ts";
import { message } from "../i18n/messages.ts";
import { QUESTION_MAX_CHARACTERS } from "../routes/ask-request.ts";
import { detectQuestionLanguage } from "../text/detect-language.ts";
import type { SlackMessage } from "./block-kit.ts";
import { formatAnswer, formatNotice } from "./format-answer.ts";
import { namedSlackCall } from "./slack-errors.ts";
import type { SlackQuestion } from "./slack-event.ts";
import type { SlackLog } from "./slack-log.ts";
import type { SlackPoster } from "./slack-poster.ts";
import { threadHistory } from "./thread-history.ts";

interface AnswerContext {
  /** The serving engine behind the same guard as /ask (concurrency limit, answer metrics); undefined while loading. */
  readonly engine: () => Engine | undefined;
  /** An answer still running after this long is aborted, as /ask answers are at the request timeout. */
  readonly answerTimeoutMs: number;
  readonly poster: SlackPoster;
  readonly logger: SlackLog;
  readonly documentUrl: (docId: string) => string | undefined;
}

// Said to an empty question, so in no language but the default one.
export const MENTION_USAGE =
  "Ask me about President Xi Jinping's 2024 state visit to Peru, for example: When will the Chancay port be inaugurated?";

export function slashCommandUsage(command: string): string {
  return `Usage: ${command} <question>, for example: ${command} When will the Chancay port be inaugurated? Only you see the answer; start with --public to share it with the channel.`;
}

/** Answers a mention or DM in its thread; a reply inside a thread gets the thread as history. */
export async function answerInThread(options: AnswerContext & { question: SlackQuestion }): Promise<void> {
  const { question, poster, logger } = options;
  let history: Turn[] | undefined;
  if (question.inThread && question.question !== "") {
    try {
      const messages = await namedSlackCall("conversations.replies", () =>
        poster.threadReplies({ channel: question.channel, threadTs: question.threadTs }),
      );
      history = threadHistory({ messages, currentTs: question.ts, botUserId: question.botUserId });
    } catch (error) {
      // Answering without context beats not answering at all.
      logger.warn("slack thread history unavailable", describeError(error));
    }
  }
  const message = await compose({ ...options, text: question.question, history, usage: MENTION_USAGE });
  await namedSlackCall("chat.postMessage", () =>
    poster.postMessage({ channel: question.channel, threadTs: question.threadTs, ...message }),
  );
}

/** Answers a slash command through its `response_url`. */
export async function answerCommand(
  options: AnswerContext & { question: string; visibility: "ephemeral" | "in_channel"; responseUrl: string },
): Promise<void> {
  const message = await compose({ ...options, text: options.question, usage: MENTION_USAGE, showQuestion: true });
  await namedSlackCall("response_url", () => options.poster.respond(options.responseUrl, { responseType: options.visibility, ...message }));
}

/**
 * The reply to one question. Failures of the answerer become a polite notice; a failure to post is
 * left to the caller (the deferred-task runner logs it), because retrying a post risks a duplicate.
 */
async function compose(
  options: AnswerContext & { text: string; history?: Turn[]; usage: string; showQuestion?: boolean },
): Promise<SlackMessage> {
  const { text, logger, documentUrl, answerTimeoutMs } = options;
  if (text === "") return formatNotice(options.usage);
  // Notices are in the question's language, as answers are.
  const earlierQuestions = (options.history ?? []).filter((turn) => turn.role === "user").map((turn) => turn.content);
  const language = detectQuestionLanguage(text, earlierQuestions);
  if (text.length > QUESTION_MAX_CHARACTERS)
    return formatNotice(message(language, "slackTooLong", { max: String(QUESTION_MAX_CHARACTERS) }));
  const engine = options.engine();
  if (!engine) return formatNotice(message(language, "slackNotReady"));
  const signal = AbortSignal.timeout(answerTimeoutMs);
  try {
    const request = { question: text, ...(options.history?.length ? { history: options.history } : {}) };
    const response = await engine.answerer.ask(request, { signal });
    return formatAnswer({ response, documentUrl, ...(options.showQuestion ? { question: text } : {}) });
  } catch (error) {
    if (error instanceof OverloadedError) {
      logger.warn("slack answer shed: too many answers in flight", {});
      return formatNotice(message(language, "slackBusy"));
    }
    if (signal.aborted) {
      logger.warn("slack answer timed out", { timeoutMs: answerTimeoutMs });
      return formatNotice(message(language, "slackTimeout"));
    }
    logger.error("slack answer failed", describeError(error));
    return formatNotice(message(language, "slackFailure"));
  }
}
