import type { AskResponse, Citation } from "../answer/types.ts";
import { parseHttpUrl } from "../http/parse-http-url.ts";
import { type Language, type MessageId, message } from "../i18n/messages.ts";
import { type ContextBlock, type MrkdwnText, SLACK_LIMITS, type SlackBlock, type SlackMessage } from "./block-kit.ts";
import { escapeSlackText, splitEscapedText, trimEscapedText } from "./slack-text.ts";

export interface FormatAnswerOptions {
  readonly response: AskResponse;
  /** The source document's URL, when it has one; titles are linked to it. */
  readonly documentUrl: (docId: string) => string | undefined;
  /** Shown above the answer where Slack does not show the question itself (slash commands). */
  readonly question?: string;
}

/**
 * Renders an answer as Block Kit: the answer text, then each quote as a quoted section followed by
 * its source. Abstentions keep the answer's plain statement and label the passages as not an answer.
 * Every piece is escaped and kept within Slack's limits; `text` is the plain fallback. The bot's
 * own words are in the language the question was asked in.
 */
export function formatAnswer(options: FormatAnswerOptions): SlackMessage {
  const { response, documentUrl, question } = options;
  const { language } = response;
  const blocks: SlackBlock[] = [];
  if (question !== undefined) blocks.push(context(`*${escapeSlackText(message(language, "questionLabel"))}* ${escapeSlackText(question)}`));
  for (const piece of answerPieces(answerText(response), SLACK_LIMITS.blocksPerMessage - blocks.length)) blocks.push(section(piece));
  const citations = response.citations.filter((citation) => citation.quote.trim() !== "");
  const label = response.grounded ? undefined : context(`_${escapeSlackText(message(language, "closestPassagesNote"))}_`);
  const room = SLACK_LIMITS.blocksPerMessage - blocks.length - (label ? 1 : 0);
  const shown = citations.slice(0, Math.max(0, Math.floor(room / 2)));
  if (label && shown.length > 0) blocks.push(label);
  for (const citation of shown)
    blocks.push(section(quoteBlockText(citation.quote)), context(sourceText({ citation, documentUrl, language })));
  return { text: fallbackText(response, shown), blocks };
}

/** A short message without sources: usage, still loading, errors. */
export function formatNotice(text: string): SlackMessage {
  const escaped = escapeSlackText(text);
  return {
    text: trimEscapedText(escaped, SLACK_LIMITS.fallbackText),
    blocks: [section(trimEscapedText(escaped, SLACK_LIMITS.sectionText))],
  };
}

/** The escaped answer; a direct answer leads in bold, as the widget shows it: "*Beijing* — “…quote…”". */
function answerText(response: AskResponse): string {
  const answer = escapeSlackText(response.answer);
  const short = response.grounded ? response.shortAnswer?.text.trim() : undefined;
  return short ? slackMessage(response.language, "shortAnswer", { short: `*${escapeSlackText(short)}*`, answer }) : answer;
}

/** A message in Slack markup: its own words escaped, its `{name}` slots filled with markup already escaped. */
function slackMessage(language: Language, id: MessageId, markup: Readonly<Record<string, string>>): string {
  return message(language, id)
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && Object.hasOwn(markup, name) ? (markup[name] as string) : escapeSlackText(part);
    })
    .join("");
}

/** The escaped answer split into section-sized pieces; past the block budget the last piece ends in an ellipsis. */
function answerPieces(answer: string, maxPieces: number): string[] {
  const pieces = splitEscapedText(answer, SLACK_LIMITS.sectionText);
  if (pieces.length <= maxPieces) return pieces;
  const kept = pieces.slice(0, maxPieces);
  kept[maxPieces - 1] = trimEscapedText(`${kept[maxPieces - 1]}…`, SLACK_LIMITS.sectionText);
  return kept;
}

function section(text: string): SlackBlock {
  return { type: "section", text: mrkdwn(text) };
}

function context(text: string): ContextBlock {
  return { type: "context", elements: [mrkdwn(trimEscapedText(text, SLACK_LIMITS.contextElementText))] };
}

function mrkdwn(text: string): MrkdwnText {
  return { type: "mrkdwn", text, verbatim: true };
}

function quoteBlockText(quote: string): string {
  // Every line needs its own `>`; reserve room for those markers before trimming the quote.
  const lines = trimEscapedText(escapeSlackText(quote.trim()), SLACK_LIMITS.sectionText - 100)
    .split("\n")
    .filter((line) => line.trim() !== "");
  return trimEscapedText(lines.map((line) => `>${line}`).join("\n"), SLACK_LIMITS.sectionText);
}

function sourceText(options: { citation: Citation; documentUrl: (docId: string) => string | undefined; language: Language }): string {
  const { citation, documentUrl, language } = options;
  const title = escapeSlackText(citation.title.trim() || citation.docId);
  const url = linkableUrl(documentUrl(citation.docId));
  return slackMessage(language, "sourceLabel", { title: url ? `<${url}|${title}>` : title });
}

/** Only http(s) links, with the characters that would end a Slack link encoded. */
function linkableUrl(url: string | undefined): string | undefined {
  const parsed = url ? parseHttpUrl(url) : undefined;
  return parsed?.href.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");
}

function fallbackText(response: AskResponse, shown: readonly Citation[]): string {
  const titles = [...new Set(shown.map((citation) => citation.title.trim() || citation.docId))];
  const sources = titles.length > 0 ? `\n\n${message(response.language, "sourcesListLabel", { titles: titles.join("; ") })}` : "";
  const short = response.grounded ? response.shortAnswer?.text.trim() : undefined;
  const answer = short ? message(response.language, "shortAnswer", { short, answer: response.answer }) : response.answer;
  return trimEscapedText(escapeSlackText(`${answer}${sources}`), SLACK_LIMITS.fallbackText);
}
