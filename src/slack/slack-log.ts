import type { Logger } from "../observe/logger.ts";

type LogMethod = (message: string, details?: Record<string, unknown>) => void;

/** The levels the Slack code logs at. Details never include secrets, tokens or message text. */
export interface SlackLog {
  readonly error: LogMethod;
  readonly warn: LogMethod;
  readonly info: LogMethod;
}

/** Adapts the app's logger: loggers without `warn` get warnings as errors, without `info` drop info lines. */
export function slackLog(logger: Logger): SlackLog {
  return {
    error: (message, details) => logger.error(message, details),
    warn: (message, details) => (logger.warn ? logger.warn(message, details) : logger.error(message, details)),
    info: (message, details) => logger.info?.(message, details),
  };
}
