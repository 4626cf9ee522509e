import type { ExecutionContext } from "hono";
import { createApp } from "../app.ts";
import { EngineHolder } from "../engine.ts";
import { createWorkerAssetReader } from "../web/worker-asset-reader.ts";
import { readWorkerConfig, type WorkerConfig } from "../worker-config.ts";
import { loadWorkerEngine, type WorkerBindings } from "../worker-engine.ts";

type Env = WorkerBindings & Record<string, unknown>;

let runtime: { app: ReturnType<typeof createApp>; ready: Promise<void> } | undefined;

// Bindings are fixed for an isolate's life, so the app and its engine are built once, on the first
// request (a Worker may do no I/O at module scope), and later requests reuse them. A failed load
// shows in /readyz and is retried by the next request.
function start(env: Env): NonNullable<typeof runtime> {
  const engines = new EngineHolder();
  const fail = (error: Error) => {
    engines.fail(error.message);
    log("error", "loading failed", { code: (error as { code?: string }).code, error: error.message });
  };
  let config: WorkerConfig | undefined;
  try {
    config = readWorkerConfig(env);
  } catch (error) {
    fail(error as Error);
  }
  const app = createApp({ engines, allowedOrigins: config?.allowedOrigins, assets: createWorkerAssetReader({ assets: env.ASSETS }) });
  const ready = config
    ? loadWorkerEngine({ bindings: env, config }).then(
        (engine) => {
          engines.set(engine);
          log("info", "ready", engine.describe());
        },
        (error: Error) => {
          fail(error);
          runtime = undefined;
        },
      )
    : Promise.resolve();
  return { app, ready };
}

function log(level: "info" | "error", message: string, details: object): void {
  console[level](JSON.stringify({ level, message, ...details }));
}

export default {
  async fetch(request: Request, env: Env, executionContext: ExecutionContext): Promise<Response> {
    runtime ??= start(env);
    const current = runtime;
    await current.ready;
    const response = await current.app.fetch(request, env, executionContext);
    if (!response.headers.has("Content-Encoding")) return response;
    // The app compressed this body itself (hono/compress); workerd would encode it a second time
    // unless told that it already is.
    const init = { status: response.status, statusText: response.statusText, headers: response.headers, encodeBody: "manual" };
    return new Response(response.body, init as ResponseInit);
  },
};
