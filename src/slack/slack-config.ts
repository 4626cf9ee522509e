import { ConfigError } from "../errors.ts";

/** Secrets: pass them to the Slack code only, never log this object. */
export interface SlackConfig {
  readonly signingSecret: string;
  readonly botToken: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The Slack bot is on when `SLACK_SIGNING_SECRET` is set; it then also needs `SLACK_BOT_TOKEN` to
 * post answers, and starting without one is a configuration error rather than a bot that never replies.
 */
export function readSlackConfig(environment: Environment, overrides: Partial<SlackConfig> = {}): SlackConfig | undefined {
  const signingSecret = (overrides.signingSecret ?? environment.SLACK_SIGNING_SECRET ?? "").trim();
  if (signingSecret === "") return undefined;
  const botToken = (overrides.botToken ?? environment.SLACK_BOT_TOKEN ?? "").trim();
  if (botToken === "")
    throw new ConfigError("SLACK_BOT_TOKEN must be set when SLACK_SIGNING_SECRET is set (the bot posts answers with it)");
  return { signingSecret, botToken };
}
