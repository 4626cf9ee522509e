import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "../app.ts";
import { readConfig } from "../config.ts";
import { EngineHolder } from "../engine.ts";
import { createJsonlFeedbackStore } from "../feedback/jsonl-feedback-store.ts";
import { loadNodeEngine } from "../node-engine.ts";
import { createFileAssetReader } from "../web/file-asset-reader.ts";
import { readWebConfig } from "../web/web-config.ts";

const config = readConfig(process.env);
const web = readWebConfig(process.env);
const engines = new EngineHolder();
const app = createApp({
  engines,
  allowedOrigins: web.allowedOrigins,
  feedback: createJsonlFeedbackStore({ file: web.feedbackFile }),
  assets: createFileAssetReader({ directory: fileURLToPath(new URL("../../web", import.meta.url)) }),
});
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(JSON.stringify({ level: "info", message: `listening on http://${config.host}:${info.port}` }));
});

loadNodeEngine(config).then(
  ({ engine, loadMs }) => {
    engines.set(engine);
    console.log(JSON.stringify({ level: "info", message: "ready", loadMs: Math.round(loadMs), ...engine.describe() }));
  },
  (error: Error) => {
    engines.fail(error.message);
    console.error(
      JSON.stringify({ level: "error", message: "loading failed", code: (error as { code?: string }).code, error: error.message }),
    );
    process.exitCode = 1;
    server.close();
  },
);

// Stop accepting, let in-flight requests finish, then exit.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(process.exitCode ?? 0));
    setTimeout(() => process.exit(process.exitCode ?? 0), 10_000).unref();
  });
}
