import { Hono } from "hono";
import { isAuthorizedBearer } from "../admin/bearer-token.ts";
import type { EngineHolder } from "../engine.ts";
import { UnauthorizedError } from "../errors.ts";
import type { Metrics } from "../observe/metrics.ts";

/** `GET /metrics` in the Prometheus text format; behind a bearer token when one is configured. */
export function metricsRoutes(options: { metrics: Metrics; engines: EngineHolder; token?: string }): Hono {
  const { metrics, engines, token } = options;
  const routes = new Hono();
  routes.get("/metrics", async (context) => {
    if (token !== undefined && !(await isAuthorizedBearer(context.req.header("authorization"), token))) throw new UnauthorizedError();
    const described = engines.current?.describe();
    if (described) metrics.setIndexSize({ documents: described.documents, chunks: described.chunks });
    const { contentType, body } = await metrics.render();
    return context.body(body, 200, { "Content-Type": contentType, "Cache-Control": "no-store" });
  });
  return routes;
}
