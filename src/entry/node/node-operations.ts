// Node adapter: what running in the open needs (pino logs, prom-client metrics, client addresses
// behind trusted proxies, the admin job runner), built from the environment for src/entry/node.ts.

import { deferredDocumentAdmin } from "../../admin/document-admin.ts";
import { createNodeDocumentAdmin, type NodeDocumentAdmin } from "../../admin/node-document-admin.ts";
import { createWorkerReindexer } from "../../admin/worker-reindexer.ts";
import type { AppDeps } from "../../app.ts";
import type { WriterSetup } from "../../create-engine.ts";
import type { EmbedderPool } from "../../embed/embedder-pool.ts";
import type { EngineHolder } from "../../engine.ts";
import { nodeClientAddress, parseTrustedProxies } from "../../limits/node-client-address.ts";
import type { Logger } from "../../observe/logger.ts";
import { createPinoLogger } from "../../observe/pino-logger.ts";
import { createPrometheusMetrics } from "../../observe/prometheus-metrics.ts";
import type { LoadedIndex } from "../../store/index-store.ts";
import { readOperationsConfig, requestTimeoutWithWriter } from "../operations-config.ts";
import { createNodeEngine } from "./create-node-engine.ts";
import type { Config } from "./node-config.ts";

export function createNodeOperations(options: { environment: NodeJS.ProcessEnv; config: Config; engines: EngineHolder }) {
  const { environment, config, engines } = options;
  const operations = readOperationsConfig(environment);
  const logger: Logger = createPinoLogger({
    level: operations.logLevel,
    pretty: operations.logFormat ? operations.logFormat === "pretty" : process.stdout.isTTY === true,
  });
  const metrics = createPrometheusMetrics();
  const deferred = deferredDocumentAdmin();
  let documentAdmin: NodeDocumentAdmin | undefined;

  const appDeps = {
    logger,
    metrics,
    metricsToken: operations.metricsToken,
    maxBodyBytes: operations.maxBodyBytes,
    clientAddress: nodeClientAddress(parseTrustedProxies(operations.trustedProxies)),
    rateLimit: { perMinute: operations.rateLimitPerMinute, burst: operations.rateLimitBurst },
    requestTimeoutMs: requestTimeoutWithWriter(operations.requestTimeoutMs, config.writer),
    answerConcurrency: operations.answerConcurrency,
    admin: operations.adminToken
      ? {
          documents: deferred.admin,
          token: operations.adminToken,
          maxDocumentBytes: operations.maxDocumentBytes,
          rateLimit: { perMinute: operations.adminRateLimitPerMinute },
        }
      : undefined,
  } satisfies Partial<AppDeps>;

  return {
    operations,
    logger,
    appDeps,
    /** Each model call of the embedder pool: its wait for a thread and its run time. */
    recordInferenceCall(sample: { waitMs: number; runMs: number }): void {
      metrics.recordQueueWait({ queue: "inference", seconds: sample.waitMs / 1000 });
      metrics.recordInference(sample.runMs / 1000);
    },
    /** Once the model and index are loaded: recovery after a crash, index watching, admin jobs. */
    async attach(loaded: { embedder: EmbedderPool; index: LoadedIndex; loadMs: number; writer: WriterSetup | undefined }): Promise<void> {
      metrics.setModelLoadSeconds(loaded.loadMs / 1000);
      metrics.observeQueue("inference", () => loaded.embedder.load());
      const { embedder, index, writer } = loaded;
      documentAdmin = createNodeDocumentAdmin({
        corpusDir: config.corpusDir,
        indexDir: config.indexDir,
        engines,
        reindexer: createWorkerReindexer({
          modelsDir: config.modelsDir,
          modelId: config.embedModel,
          allowRemoteModels: config.allowRemoteModels,
        }),
        serving: { generation: index.generation },
        makeEngine: ({ data, vectorIndex }) => createNodeEngine({ data, vectorIndex, embedder, writer }),
        logger,
        metrics,
        watchIntervalMs: operations.indexWatchMs,
      });
      await documentAdmin.start();
      deferred.attach(documentAdmin);
    },
    stop(): void {
      documentAdmin?.stop();
    },
  };
}
