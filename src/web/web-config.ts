import { ConfigError } from "../errors.ts";
import { parseHttpUrl } from "../http/parse-http-url.ts";
import { LOOPBACK_HOSTS } from "./host-policy.ts";

/** Settings of the browser-facing parts: who may call the API cross-origin, where feedback goes. */
export interface WebConfig {
  /** `undefined` means the default: the API's own origin and pages on localhost. */
  readonly allowedOrigins: readonly string[] | undefined;
  /** Host names the server answers for (DNS rebinding): `ALLOWED_HOSTS`, else loopback, `PUBLIC_URL`'s host and `HOST`. */
  readonly allowedHosts: readonly string[];
  readonly feedbackFile: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

export function readWebConfig(environment: Environment, overrides: Partial<WebConfig> = {}): WebConfig {
  return {
    allowedOrigins: "allowedOrigins" in overrides ? overrides.allowedOrigins : parseAllowedOrigins(environment.ALLOWED_ORIGINS),
    allowedHosts: overrides.allowedHosts ?? parseAllowedHosts(environment.ALLOWED_HOSTS) ?? defaultAllowedHosts(environment),
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

/**
 * `ALLOWED_HOSTS` is comma-separated host names (`bot.example.org`), `.example.org` for a domain and
 * its subdomains, or `*` for any; ports are not part of an entry. Empty or unset means the default.
 */
export function parseAllowedHosts(raw: string | undefined): string[] | undefined {
  const entries = (raw ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return undefined;
  return entries.map((entry, index) => {
    // `*.example.org` is read as `.example.org`, the way people tend to write it.
    const normalized = entry.replace(/^\*\./, ".");
    if (normalized === "*" || /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/.test(normalized) || /^\[[0-9a-f:.]+\]$/.test(normalized))
      return normalized.replace(/(.)\.$/, "$1");
    throw new ConfigError(
      `ALLOWED_HOSTS entry ${index + 1} must be a host name such as bot.example.org (no scheme, port or path), .example.org for a domain and its subdomains, or *`,
    );
  });
}

/** Loopback names, the host of `PUBLIC_URL` (the address a tunnel or proxy gives the server) and a specific `HOST`. */
function defaultAllowedHosts(environment: Environment): string[] {
  const hosts = [...LOOPBACK_HOSTS];
  const publicUrl = environment.PUBLIC_URL?.trim();
  if (publicUrl) {
    const parsed = parseHttpUrl(publicUrl);
    if (!parsed) throw new ConfigError("PUBLIC_URL must be an http or https URL such as https://bot.example.org");
    hosts.push(parsed.hostname);
  }
  const listen = environment.HOST?.trim().toLowerCase();
  if (listen && listen !== "0.0.0.0" && listen !== "::" && !hosts.includes(listen))
    hosts.push(listen.includes(":") ? `[${listen}]` : listen);
  return hosts;
}
