import { ConfigError } from "../errors.ts";

/** Settings of the browser-facing parts: who may call the API cross-origin, where feedback goes. */
export interface WebConfig {
  /** `undefined` means the default: the API's own origin and pages on localhost. */
  readonly allowedOrigins: readonly string[] | undefined;
  readonly feedbackFile: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

export function readWebConfig(environment: Environment, overrides: Partial<WebConfig> = {}): WebConfig {
  return {
    allowedOrigins: "allowedOrigins" in overrides ? overrides.allowedOrigins : parseAllowedOrigins(environment.ALLOWED_ORIGINS),
    feedbackFile: overrides.feedbackFile ?? (environment.FEEDBACK_FILE || "data/feedback.jsonl"),
  };
}

/** `ALLOWED_ORIGINS` is comma-separated origins such as `https://example.org`, or `*` for any. */
export function parseAllowedOrigins(raw: string | undefined): string[] | undefined {
  const entries = (raw ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return undefined;
  return entries.map((entry, index) => {
    if (entry === "*") return entry;
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      (url.protocol !== "http:" && url.protocol !== "https:") ||
      url.pathname !== "/" ||
      url.search !== "" ||
      url.hash !== "" ||
      url.username !== ""
    ) {
      throw new ConfigError(
        `ALLOWED_ORIGINS entry ${index + 1} must be an origin like https://example.org (scheme, host and optional port, no path) or *`,
      );
    }
    return url.origin;
  });
}
