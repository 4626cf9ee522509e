import type { ExecutionContext, Hono } from "hono";
import { createApp } from "../app.ts";
import { EngineHolder } from "../engine.ts";
import { consoleLogger } from "../observe/logger.ts";
import { createWorkerAssetReader } from "../web/worker-asset-reader.ts";
import { loadWorkerEngine, type WorkerBindings } from "./worker/load-worker-engine.ts";
import { workerAppDeps } from "./worker/worker-app-deps.ts";
import { readWorkerConfig } from "./worker/worker-config.ts";

type Env = WorkerBindings & Record<string, unknown>;

const logger = consoleLogger;
let runtime: { app: Hono; ready: Promise<void> } | undefined;

// Bindings are fixed for an isolate's life, so the app and its engine are built once, on the first
// request (a Worker may do no I/O at module scope), and later requests reuse them. A failed load
// shows in /readyz and the logs, and the next request tries again.
function start(env: Env): NonNullable<typeof runtime> {
  const engines = new EngineHolder();
  const fail = (error: Error) => {
    engines.fail(error.message);
    logger.error("loading failed", { code: (error as { code?: string }).code, error: error.message });
  };
  try {
    const config = readWorkerConfig(env);
    const assets = createWorkerAssetReader({ assets: env.ASSETS });
    const app = createApp({
      engines,
      logger,
      allowedOrigins: config.allowedOrigins,
      allowedHosts: config.allowedHosts,
      assets,
      ...workerAppDeps({ environment: env, logger, writer: config.writer }),
    });
    const ready = loadWorkerEngine({ bindings: env, config, logger }).then(
      (engine) => {
        engines.set(engine);
        logger.info?.("ready", engine.describe());
      },
      (error: Error) => {
        fail(error);
        runtime = undefined;
      },
    );
    return { app, ready };
  } catch (error) {
    // Invalid vars: health checks still answer and /readyz says what is wrong until they are fixed.
    fail(error as Error);
    return { app: createApp({ engines, logger }), ready: Promise.resolve() };
  }
}

export default {
  async fetch(request: Request, env: Env, executionContext: ExecutionContext): Promise<Response> {
    runtime ??= start(env);
    const current = runtime;
    await current.ready;
    return current.app.fetch(request, env, executionContext);
  },
};
