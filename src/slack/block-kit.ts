/** The few Block Kit shapes the bot sends; structurally compatible with `@slack/types`. */
export interface MrkdwnText {
  readonly type: "mrkdwn";
  readonly text: string;
  /** True: Slack must not auto-link names or URLs, nor turn `@here` in a quote into a ping. */
  readonly verbatim?: boolean;
}

export interface SectionBlock {
  readonly type: "section";
  readonly text: MrkdwnText;
}

export interface ContextBlock {
  readonly type: "context";
  readonly elements: readonly MrkdwnText[];
}

export type SlackBlock = SectionBlock | ContextBlock;

/** A message body: blocks for display, `text` for notifications and clients without Block Kit. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

/** Slack's published limits (Block Kit reference, chat.postMessage). */
export const SLACK_LIMITS = {
  sectionText: 3000,
  contextElementText: 3000,
  blocksPerMessage: 50,
  /** Slack truncates `text` at 40,000 characters but advises staying under 4,000. */
  fallbackText: 4000,
} as const;
