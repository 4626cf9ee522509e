import { AppError } from "../errors.ts";

/** Why a request failed verification; logged, never the secret or the signature itself. */
export type SignatureFailure =
  | "missing_headers"
  | "malformed_timestamp"
  | "stale_timestamp"
  | "future_timestamp"
  | "unsupported_version"
  | "malformed_signature"
  | "signature_mismatch";

const SIGNATURE_MESSAGES: Record<SignatureFailure, string> = {
  missing_headers: "X-Slack-Signature and X-Slack-Request-Timestamp headers are required",
  malformed_timestamp: "X-Slack-Request-Timestamp must be a Unix time in seconds",
  stale_timestamp: "The request timestamp is more than 5 minutes old",
  future_timestamp: "The request timestamp is more than 5 minutes in the future",
  unsupported_version: "Unsupported signature version; expected v0",
  malformed_signature: "X-Slack-Signature must be v0= followed by 64 hexadecimal digits",
  signature_mismatch: "The request signature does not match",
};

export class SlackSignatureError extends AppError {
  readonly reason: SignatureFailure;
  constructor(reason: SignatureFailure) {
    super({ code: "invalid_signature", status: 401, message: SIGNATURE_MESSAGES[reason] });
    this.reason = reason;
  }
}

export class SlackNotConfiguredError extends AppError {
  constructor() {
    super({ code: "slack_not_configured", status: 404, message: "The Slack integration is off: SLACK_SIGNING_SECRET is not set" });
  }
}

/**
 * A call to Slack that failed, named, so a log line says which one ("chat.postMessage failed: fetch
 * failed") rather than only the transport's words. The cause's code (e.g. `slack_webapi_platform_error`) is kept.
 */
export class SlackCallError extends Error {
  readonly call: string;
  readonly code: string | undefined;
  constructor(call: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    // The fetch adapter already names the method in its own refusals.
    super(reason.includes(call) ? reason : `${call} failed: ${reason}`, { cause });
    this.name = "SlackCallError";
    this.call = call;
    const code = (cause as { code?: unknown } | undefined)?.code;
    this.code = typeof code === "string" ? code : undefined;
  }
}

/** Runs one Slack call, naming it in any failure. */
export async function namedSlackCall<T>(call: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new SlackCallError(call, error);
  }
}
