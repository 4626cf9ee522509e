import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { AppError } from "../errors.ts";
import { isOriginAllowed } from "../web/origin-policy.ts";

export class OriginNotAllowedError extends AppError {
  constructor() {
    super({ code: "origin_not_allowed", status: 403, message: "This site is not allowed to call the API; see ALLOWED_ORIGINS" });
  }
}

/**
 * CORS for the API routes. A browser request from an origin that is not allowed gets no CORS
 * headers, so the browser refuses it, and the server refuses it too (403) so such pages cannot make
 * it do work whose answer they cannot read. Requests without `Origin` (curl, servers) pass.
 */
export function crossOrigin(options: { allowedOrigins?: readonly string[] }): MiddlewareHandler {
  const applyCors = cors({
    origin: (origin) => origin || null,
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Content-Type"],
    // The widget reads Retry-After to say when to try again after 429 and 503.
    exposeHeaders: ["Retry-After"],
    maxAge: 600,
  });
  return async (context, next) => {
    const origin = context.req.header("origin");
    if (origin !== undefined && !isOriginAllowed({ origin, requestUrl: context.req.url, allowedOrigins: options.allowedOrigins })) {
      context.header("Vary", "Origin");
      throw new OriginNotAllowedError();
    }
    return applyCors(context, next);
  };
}
