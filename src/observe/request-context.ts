import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Timings } from "../answer/types.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./metrics.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** This request's id, also sent back as `X-Request-Id`. */
    requestId: string;
    /** The app's logger, bound to this request's id. */
    logger: Logger;
    /** Set by routes that answered a question: the request's log line carries them. */
    answerTimings: Timings;
  }
}

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Outermost middleware: gives each request an id (the caller's `X-Request-Id` when it is a sane
 * token, else a new UUID), a logger bound to it, and one log line and metrics sample when the
 * response is ready. Only method, route pattern, path, status, the error code and an answer's
 * timings (with its queue wait) are logged: never headers, query strings or bodies, which is where
 * secrets travel.
 */
export function requestContext(options: { logger: Logger; metrics?: Metrics; now?: () => number }): MiddlewareHandler {
  const { logger, metrics, now = () => performance.now() } = options;
  return async (context, next) => {
    const started = now();
    const incoming = context.req.header("x-request-id");
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
    const requestLogger = logger.child?.({ requestId }) ?? logger;
    context.set("requestId", requestId);
    context.set("logger", requestLogger);
    await next();
    context.res.headers.set("X-Request-Id", requestId);
    const seconds = (now() - started) / 1000;
    const route = routeLabel(context);
    const status = context.res.status;
    metrics?.recordRequest({ method: context.req.method, route, status, seconds });
    const error = errorCode(context.error);
    const timings = context.get("answerTimings");
    const line = {
      method: context.req.method,
      route,
      path: context.req.path.slice(0, 200),
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(error ? { error } : {}),
      ...(timings ? { timings } : {}),
    };
    if (status >= 500) requestLogger.error("request", line);
    else requestLogger.info?.("request", line);
  };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The most specific registered pattern that matched (`/documents/:docId`), or `unmatched`; a
 * bounded set of values, whatever paths clients send.
 */
export function routeLabel(context: Context): string {
  const specific = matchedRoutes(context).filter((route) => !route.path.includes("*"));
  return specific[specific.length - 1]?.path ?? "unmatched";
}
