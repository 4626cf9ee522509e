import { parseHttpUrl } from "../http/parse-http-url.ts";

/** Hosts a browser page can have during local development; allowed when ALLOWED_ORIGINS is not set. */
const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether a browser page served from `origin` may call the API. The API's own origin always may
 * (browsers send `Origin` on same-origin POSTs too). Without an explicit list, pages on this
 * machine may; with one, only the listed origins, or any when the list holds `*`.
 */
export function isOriginAllowed(options: { origin: string; requestUrl: string; allowedOrigins?: readonly string[] }): boolean {
  const { origin, requestUrl, allowedOrigins } = options;
  const parsed = parseHttpUrl(origin);
  if (!parsed) return false;
  if (parsed.host === new URL(requestUrl).host) return true;
  if (!allowedOrigins) return LOCAL_HOSTNAMES.has(parsed.hostname) || parsed.hostname.endsWith(".localhost");
  return allowedOrigins.includes("*") || allowedOrigins.includes(parsed.origin);
}
