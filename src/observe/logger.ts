/** Structured logging; only `error` is required, so a test double can be one line. */
export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  /** A logger whose lines also carry `bindings` (the request id, for one). */
  child?(bindings: Record<string, unknown>): Logger;
}

/** The fallback when an entry gives no logger: JSON lines on the console. */
export const consoleLogger: Logger = consoleLoggerWith({});

function consoleLoggerWith(bindings: Record<string, unknown>): Logger {
  const line = (level: string, message: string, details?: Record<string, unknown>) =>
    JSON.stringify({ level, message, ...bindings, ...details });
  return {
    error: (message, details) => console.error(line("error", message, details)),
    warn: (message, details) => console.warn(line("warn", message, details)),
    info: (message, details) => console.log(line("info", message, details)),
    child: (more) => consoleLoggerWith({ ...bindings, ...more }),
  };
}
