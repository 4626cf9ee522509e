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
