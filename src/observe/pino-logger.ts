// Node adapter: structured JSON logs with pino; readable lines when a person is watching.
import pino from "pino";
import pretty from "pino-pretty";
import type { Logger } from "./logger.ts";

/** Keys that may hold credentials are masked wherever they appear, as a second line of defence. */
const REDACT = [
  "authorization",
  "token",
  "adminToken",
  "metricsToken",
  "password",
  "secret",
  "*.authorization",
  "*.token",
  "*.password",
  "*.secret",
  "headers.authorization",
  "headers.cookie",
];

export function createPinoLogger(options: {
  level: string;
  pretty: boolean;
  /** Where lines go; stdout by default. */
  destination?: NodeJS.WritableStream;
}): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACT, censor: "[redacted]" },
    base: { pid: process.pid },
    // "level":"info" reads better in log search than pino's numbers.
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const stream = options.pretty
    ? pretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname", destination: options.destination ?? 1, sync: true })
    : (options.destination ?? pino.destination({ dest: 1, sync: false }));
  return wrap(pino(settings, stream));
}

function wrap(logger: pino.Logger): Logger {
  return {
    info: (message, details) => logger.info(details ?? {}, message),
    warn: (message, details) => logger.warn(details ?? {}, message),
    error: (message, details) => logger.error(details ?? {}, message),
    child: (bindings) => wrap(logger.child(bindings)),
  };
}
