import { ConfigError } from "../errors.ts";
import { DEFAULT_FEEDBACK_KEEP, DEFAULT_FEEDBACK_MAX_BYTES } from "../feedback/feedback-limits.ts";
import type { ConcurrencySettings } from "../limits/concurrency-limiter.ts";

/** Settings for running the server in the open: admin access, limits, logs. Read once at the entry. */
export interface OperationsConfig {
  /** Enables the admin API; unset, its routes do not exist. */
  readonly adminToken: string | undefined;
  /** When set, `GET /metrics` requires it as a bearer token. */
  readonly metricsToken: string | undefined;
  /** Per client IP on /ask, /chat, /feedback; 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  readonly rateLimitBurst: number | undefined;
  /** Per client IP on /admin/*, a wrong token counting as 10 requests; 0 turns the limit off. */
  readonly adminRateLimitPerMinute: number;
  /** Raw `TRUSTED_PROXIES`: addresses or CIDR ranges whose X-Forwarded-For is believed. */
  readonly trustedProxies: string | undefined;
  readonly requestTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxDocumentBytes: number;
  /** Past this size the feedback file is rotated to FILE.1, FILE.2, …; `feedbackKeep` old files are kept. */
  readonly feedbackMaxBytes: number;
  readonly feedbackKeep: number;
  readonly answerConcurrency: ConcurrencySettings;
  readonly logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
  /** `pretty` for people, `json` for machines; unset: pretty on a terminal. */
  readonly logFormat: "json" | "pretty" | undefined;
  readonly indexWatchMs: number;
}

type Environment = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
const SECRET_MIN_LENGTH = 16;

export function readOperationsConfig(environment: Environment, overrides: Partial<OperationsConfig> = {}): OperationsConfig {
  const integer = (name: string, fallback: number, min: number, max: number) => readInteger({ environment, name, fallback, min, max });
  const logLevel = environment.LOG_LEVEL?.trim().toLowerCase() || "info";
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  const logFormat = environment.LOG_FORMAT?.trim().toLowerCase() || undefined;
  if (logFormat !== undefined && logFormat !== "json" && logFormat !== "pretty") throw new ConfigError("LOG_FORMAT must be json or pretty");
  const burst = environment.RATE_LIMIT_BURST ? integer("RATE_LIMIT_BURST", 0, 1, 1_000_000) : undefined;
  return {
    adminToken: readSecret(environment, "ADMIN_TOKEN"),
    metricsToken: readSecret(environment, "METRICS_TOKEN"),
    rateLimitPerMinute: integer("RATE_LIMIT_PER_MINUTE", 120, 0, 1_000_000),
    rateLimitBurst: burst,
    adminRateLimitPerMinute: integer("ADMIN_RATE_LIMIT_PER_MINUTE", 120, 0, 1_000_000),
    trustedProxies: environment.TRUSTED_PROXIES?.trim() || undefined,
    requestTimeoutMs: integer("REQUEST_TIMEOUT_MS", 15_000, 100, 600_000),
    maxBodyBytes: integer("MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
    maxDocumentBytes: integer("ADMIN_MAX_DOCUMENT_BYTES", 2 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    feedbackMaxBytes: integer("FEEDBACK_MAX_BYTES", DEFAULT_FEEDBACK_MAX_BYTES, 4096, 2 ** 40),
    feedbackKeep: integer("FEEDBACK_KEEP", DEFAULT_FEEDBACK_KEEP, 0, 1000),
    answerConcurrency: {
      maxConcurrent: integer("ANSWER_CONCURRENCY", 4, 1, 1024),
      maxQueue: integer("ANSWER_QUEUE", 256, 0, 100_000),
      maxWaitMs: integer("ANSWER_QUEUE_WAIT_MS", 5_000, 1, 600_000),
    },
    logLevel: logLevel as OperationsConfig["logLevel"],
    logFormat,
    indexWatchMs: integer("INDEX_WATCH_MS", 2_000, 0, 3_600_000),
    ...overrides,
  };
}

function readInteger(options: { environment: Environment; name: string; fallback: number; min: number; max: number }): number {
  const { environment, name, fallback, min, max } = options;
  const raw = environment[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** A secret is never echoed, not even in the error about it. */
function readSecret(environment: Environment, name: string): string | undefined {
  const raw = environment[name]?.trim();
  if (!raw) return undefined;
  if (raw.length < SECRET_MIN_LENGTH || /\s/.test(raw)) {
    throw new ConfigError(`${name} must be at least ${SECRET_MIN_LENGTH} characters without spaces (try: openssl rand -hex 32)`);
  }
  return raw;
}

/** Time a writer may take before its fallback answers, plus room to send that answer. */
const WRITER_FALLBACK_MARGIN_MS = 5_000;

/**
 * With a writer on, /ask must wait longer than the writer may take (LLM_TIMEOUT_MS), or the
 * request would time out before the extractive fallback could answer.
 */
export function requestTimeoutWithWriter(requestTimeoutMs: number, writer: { readonly kind: string; readonly timeoutMs: number }): number {
  return writer.kind === "off" ? requestTimeoutMs : Math.max(requestTimeoutMs, writer.timeoutMs + WRITER_FALLBACK_MARGIN_MS);
}
