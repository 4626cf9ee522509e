import { Hono } from "hono";
import type { EngineHolder } from "../engine.ts";

export function healthRoutes(options: { engines: EngineHolder }): Hono {
  const routes = new Hono();
  routes.get("/healthz", (context) => context.json({ status: "ok" }));
  routes.get("/readyz", (context) => {
    const engine = options.engines.current;
    if (!engine) {
      const failure = options.engines.failure;
      return context.json(
        { error: { code: "not_ready", message: failure ? `Loading failed: ${failure}` : "The model and index are still loading" } },
        503,
      );
    }
    return context.json({ status: "ready", ...engine.describe() });
  });
  return routes;
}
