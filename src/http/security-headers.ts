import type { MiddlewareHandler } from "hono";

/**
 * Headers on every response. HTML pages (the demo page) get a strict Content-Security-Policy: only
 * this origin's scripts, styles and API; everything else gets `default-src 'none'`. Which pages
 * may frame ours follows ALLOWED_ORIGINS, like CORS does.
 */
export function securityHeaders(options: { allowedOrigins?: readonly string[] } = {}): MiddlewareHandler {
  const frameAncestors = frameAncestorsFor(options.allowedOrigins);
  const pagePolicy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
  const otherPolicy = `default-src 'none'; frame-ancestors ${frameAncestors}`;
  return async (context, next) => {
    await next();
    const headers = context.res.headers;
    const isPage = (headers.get("content-type") ?? "").toLowerCase().startsWith("text/html");
    if (!headers.has("content-security-policy")) headers.set("Content-Security-Policy", isPage ? pagePolicy : otherPolicy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  };
}

/** `'self'` plus the allowed origins; without a list, pages on this machine, as CORS allows. */
export function frameAncestorsFor(allowedOrigins: readonly string[] | undefined): string {
  if (!allowedOrigins) return "'self' http://localhost:* https://localhost:* http://127.0.0.1:* https://127.0.0.1:*";
  if (allowedOrigins.includes("*")) return "*";
  return ["'self'", ...allowedOrigins].join(" ");
}
