import { Hono } from "hono";
import type { Engine, EngineHolder } from "./engine.ts";
import { AppError, NotFoundError, NotReadyError } from "./errors.ts";
import type { FeedbackStore } from "./feedback/feedback-store.ts";
import { askRoutes } from "./routes/ask.ts";
import { chatRoutes } from "./routes/chat.ts";
import { crossOrigin } from "./routes/cross-origin.ts";
import { documentRoutes } from "./routes/documents.ts";
import { feedbackRoutes } from "./routes/feedback.ts";
import { healthRoutes } from "./routes/health.ts";
import { DEFAULT_MAX_BODY_BYTES } from "./routes/read-json-body.ts";
import { webRoutes } from "./routes/web.ts";
import type { AssetReader } from "./web/asset-reader.ts";

export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
}

export interface AppDeps {
  readonly engines: EngineHolder;
  readonly maxBodyBytes?: number;
  readonly logger?: Logger;
  /** Origins whose pages may call the API; unset: the API's own origin and localhost. */
  readonly allowedOrigins?: readonly string[];
  /** Where POST /feedback stores feedback; without one, /feedback is not served. */
  readonly feedback?: FeedbackStore;
  /** The files of `web/` (widget.js, demo.html); without a reader, / and /widget.js are not served. */
  readonly assets?: AssetReader;
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
  const browserApi = crossOrigin({ allowedOrigins: deps.allowedOrigins });
  for (const path of ["/ask", "/chat", "/feedback", "/documents", "/documents/*"]) app.use(path, browserApi);
  app.route("/", healthRoutes({ engines }));
  app.route("/", askRoutes({ requireEngine, maxBodyBytes }));
  app.route("/", documentRoutes({ requireEngine }));
  app.route("/", chatRoutes({ requireEngine, maxBodyBytes, logger }));
  if (deps.feedback) app.route("/", feedbackRoutes({ store: deps.feedback, maxBodyBytes }));
  if (deps.assets) app.route("/", webRoutes({ assets: deps.assets, listDocuments: () => engines.current?.listDocuments() }));
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
