import { MESSAGE_LANGUAGES, type MessageId, type MessageLanguage, messageTable } from "../i18n/messages.ts";

/** The messages web/widget.js says, by id; only these travel to the browser. */
export const WIDGET_MESSAGE_IDS = [
  "widgetHeading",
  "widgetSuggestions",
  "launcherLabel",
  "openChat",
  "questionPlaceholder",
  "questionInputLabel",
  "send",
  "newChat",
  "closeChat",
  "widgetIntro",
  "suggestionsLabel",
  "conversationLabel",
  "youAsked",
  "lookingThrough",
  "newConversationStarted",
  "answerLabel",
  "notInSourcesLabel",
  "sourcesLabel",
  "closestPassagesLabel",
  "answerAnnouncement",
  "abstentionAnnouncement",
  "shortAnswer",
  "sourceButton",
  "copy",
  "copied",
  "answerCopied",
  "helpful",
  "notHelpful",
  "feedbackPrompt",
  "sendFeedback",
  "cancel",
  "feedbackThanks",
  "feedbackFailed",
  "networkError",
  "rateLimited",
  "busy",
  "notReady",
  "serverError",
  "retry",
  "retryIn",
  "retryNow",
  "retryingIn",
  "backToChat",
  "loadingPassage",
  "documentUnavailable",
  "readOriginal",
  "documentChanged",
] as const satisfies readonly MessageId[];

export type WidgetMessages = Readonly<Record<MessageLanguage, Readonly<Record<(typeof WIDGET_MESSAGE_IDS)[number], string>>>>;

/** Where widget.js wants its messages: a valid empty object, so the file still parses as it is on disk. */
export const WIDGET_MESSAGES_MARKER = "/* ui-messages */ {}";

/** The widget's messages in every language that has a table. */
export function widgetMessages(): WidgetMessages {
  return Object.fromEntries(
    MESSAGE_LANGUAGES.map((language) => {
      const table = messageTable(language);
      return [language, Object.fromEntries(WIDGET_MESSAGE_IDS.map((id) => [id, table[id]]))];
    }),
  ) as WidgetMessages;
}

let serialized: string | undefined;

/**
 * widget.js as served: the message table written in at its marker, so the browser file has no table
 * of its own to drift from the server's, and needs no build step or second request for its words.
 */
export function withWidgetMessages(source: string): string {
  if (!source.includes(WIDGET_MESSAGES_MARKER)) throw new Error(`widget.js lacks the ${WIDGET_MESSAGES_MARKER} marker for its messages`);
  serialized ??= JSON.stringify(widgetMessages());
  const table = serialized;
  return source.replace(WIDGET_MESSAGES_MARKER, () => table);
}
