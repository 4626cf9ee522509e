import { Hono } from "hono";
import type { Engine, EngineHolder } from "./engine.ts";
import { AppError, NotFoundError, NotReadyError } from "./errors.ts";
import { askRoutes } from "./routes/ask.ts";
import { documentRoutes } from "./routes/documents.ts";
import { healthRoutes } from "./routes/health.ts";
import { DEFAULT_MAX_BODY_BYTES } from "./routes/read-json-body.ts";

export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
}

export interface AppDeps {
  readonly engines: EngineHolder;
  readonly maxBodyBytes?: number;
  readonly logger?: Logger;
}

/** Builds the HTTP app once; runtime entries pass in what they built. Nothing here is Node-only. */
export function createApp(deps: AppDeps): Hono {
  const { engines, maxBodyBytes = DEFAULT_MAX_BODY_BYTES, logger = consoleLogger } = deps;
  const requireEngine = (): Engine => {
    const engine = engines.current;
    if (!engine) throw new NotReadyError();
    return engine;
  };
  const app = new Hono();
  app.route("/", healthRoutes({ engines }));
  app.route("/", askRoutes({ requireEngine, maxBodyBytes }));
  app.route("/", documentRoutes({ requireEngine }));
  app.notFound((context) => {
    const error = new NotFoundError("No such route");
    return context.json({ error: { code: error.code, message: error.message } }, 404);
  });
  app.onError((error, context) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.headers)) context.header(name, value);
      return context.json({ error: { code: error.code, message: error.message } }, error.status as 400);
    }
    logger.error("unhandled error", { path: context.req.path, error: error instanceof Error ? error.stack : String(error) });
    return context.json({ error: { code: "internal_error", message: "Something went wrong on our side" } }, 500);
  });
  return app;
}

const consoleLogger: Logger = {
  error(message, details) {
    console.error(JSON.stringify({ level: "error", message, ...details }));
  },
};
