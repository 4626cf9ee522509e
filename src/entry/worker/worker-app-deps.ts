import type { AppDeps } from "../../app.ts";
import { type Defer, describeError } from "../../background-tasks.ts";
import type { Logger } from "../../observe/logger.ts";
import { createFetchSlackPoster } from "../../slack/fetch-slack-poster.ts";
import { readSlackConfig } from "../../slack/slack-config.ts";
import { readOperationsConfig, requestTimeoutWithWriter } from "../operations-config.ts";

/**
 * The app's optional parts that run in a Worker, from its vars and secrets (`wrangler secret put`).
 * Not here, because they are Node-only: /feedback (a JSONL file), /metrics (prom-client), /admin
 * (the on-disk index).
 */
export function workerAppDeps(options: {
  environment: Readonly<Record<string, unknown>>;
  logger: Logger;
  writer?: { readonly kind: string; readonly timeoutMs: number };
}): Partial<AppDeps> {
  const { logger, writer = { kind: "off", timeoutMs: 0 } } = options;
  const environment = Object.fromEntries(
    Object.entries(options.environment).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const operations = readOperationsConfig(environment);
  const slack = readSlackConfig(environment);
  // Work after the response survives only when handed to the request's waitUntil.
  const defer: Defer = (task, context) => {
    context.executionCtx.waitUntil(task().catch((error: unknown) => logger.error("background task failed", describeError(error))));
  };
  return {
    maxBodyBytes: operations.maxBodyBytes,
    requestTimeoutMs: requestTimeoutWithWriter(operations.requestTimeoutMs, writer),
    answerConcurrency: operations.answerConcurrency,
    // Cloudflare sets CF-Connecting-IP to the address that connected to it; a client cannot choose it.
    clientAddress: (context) => context.req.header("CF-Connecting-IP"),
    // Counted per isolate: it bounds bursts at one location, not a client's total across Cloudflare.
    rateLimit: { perMinute: operations.rateLimitPerMinute, burst: operations.rateLimitBurst },
    slack: slack ? { signingSecret: slack.signingSecret, poster: createFetchSlackPoster({ token: slack.botToken }), defer } : undefined,
  };
}
