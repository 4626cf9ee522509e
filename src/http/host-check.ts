import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";
import { isHostAllowed } from "../web/host-policy.ts";

export class HostNotAllowedError extends AppError {
  constructor() {
    super({ code: "host_not_allowed", status: 403, message: "This server does not answer for that host name; see ALLOWED_HOSTS" });
  }
}

/** Paths any host may reach: probes often address the server by IP, and these answer nothing private. */
const PROBE_PATHS = new Set(["/healthz", "/readyz"]);

/**
 * Refuses requests for a host name the server does not serve (403 `host_not_allowed`). A page on
 * attacker.example whose DNS name is rebound to this server is same-origin with itself, so CORS
 * cannot stop it; its requests still carry `Host: attacker.example`, which this check does.
 */
export function hostCheck(allowedHosts: readonly string[]): MiddlewareHandler {
  return async (context, next) => {
    if (!PROBE_PATHS.has(context.req.path) && !isHostAllowed(new URL(context.req.url).host, allowedHosts)) throw new HostNotAllowedError();
    return next();
  };
}
