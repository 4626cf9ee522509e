import { Hono } from "hono";

/** What this deployment offers beyond answering, so the widget shows only what works (no thumbs without /feedback). */
export interface Capabilities {
  readonly feedback: boolean;
}

export function capabilitiesRoutes(capabilities: Capabilities): Hono {
  const routes = new Hono();
  routes.get("/capabilities", (context) => {
    // Fixed for a deployment's life; short, so a redeploy that changes it reaches widgets soon.
    context.header("Cache-Control", "public, max-age=300");
    return context.json(capabilities);
  });
  return routes;
}
