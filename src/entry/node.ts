import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "../app.ts";
import { BackgroundTasks } from "../background-tasks.ts";
import { EngineHolder } from "../engine.ts";
import { createJsonlFeedbackStore } from "../feedback/jsonl-feedback-store.ts";
import { readSlackConfig } from "../slack/slack-config.ts";
import { createWebApiPoster } from "../slack/web-api-poster.ts";
import { createFileAssetReader } from "../web/file-asset-reader.ts";
import { readWebConfig } from "../web/web-config.ts";
import { readSettingsOrExit } from "./node/exit-on-config-error.ts";
import { loadNodeEngine } from "./node/load-node-engine.ts";
import { readConfig } from "./node/node-config.ts";
import { createNodeOperations } from "./node/node-operations.ts";

const engines = new EngineHolder();
const { config, web, slack, operations } = readSettingsOrExit(() => {
  const config = readConfig(process.env);
  const operations = createNodeOperations({ environment: process.env, config, engines });
  return { config, web: readWebConfig(process.env), slack: readSlackConfig(process.env), operations };
});
const { logger } = operations;
const backgroundTasks = new BackgroundTasks({ logger });
const app = createApp({
  engines,
  ...operations.appDeps,
  allowedOrigins: web.allowedOrigins,
  allowedHosts: web.allowedHosts,
  feedback: createJsonlFeedbackStore({
    file: web.feedbackFile,
    maxBytes: operations.operations.feedbackMaxBytes,
    keep: operations.operations.feedbackKeep,
  }),
  compressAssets: true,
  assets: createFileAssetReader({ directory: fileURLToPath(new URL("../../web", import.meta.url)) }),
  slack: slack
    ? { signingSecret: slack.signingSecret, poster: createWebApiPoster({ token: slack.botToken }), defer: backgroundTasks.defer }
    : undefined,
});
// requestTimeout drops connections that take too long to even send their request (slow-loris).
const serverOptions = { requestTimeout: operations.appDeps.requestTimeoutMs + 5_000 };
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions }, (info) => {
  logger.info?.(`listening on http://${config.host}:${info.port}`, { port: info.port });
});

loadNodeEngine(config, { logger, onInferenceCall: (sample) => operations.recordInferenceCall(sample) }).then(
  async ({ engine, loadMs, embedder, index, writer }) => {
    // The admin API first (its job journal read, a crash's leftovers settled), so that once /readyz
    // says ready, job ids from before a restart answer too.
    await operations
      .attach({ embedder, index, loadMs, writer })
      .catch((error: Error) => logger.error("admin start-up failed", { error: error.message }));
    // Unless recovery already swapped in a newer index.
    if (!engines.current) engines.set(engine);
    logger.info?.("ready", { loadMs: Math.round(loadMs), ...(engines.current ?? engine).describe() });
  },
  (error: Error) => {
    engines.fail(error.message);
    logger.error("loading failed", { code: (error as { code?: string }).code, error: error.message });
    process.exitCode = 1;
    server.close();
  },
);

// Stop accepting, let in-flight requests and deferred Slack answers finish, then exit.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    operations.stop();
    server.close(() => backgroundTasks.idle().then(() => process.exit(process.exitCode ?? 0)));
    setTimeout(() => process.exit(process.exitCode ?? 0), 10_000).unref();
  });
}
