import { type Context, Hono } from "hono";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "./admin/admin-document-input.ts";
import { adminRateLimit } from "./admin/admin-rate-limit.ts";
import { adminRoutes } from "./admin/admin-routes.ts";
import type { DocumentAdmin } from "./admin/document-admin.ts";
import type { Engine, EngineHolder } from "./engine.ts";
import { AppError, NotFoundError, NotReadyError } from "./errors.ts";
import type { FeedbackStore } from "./feedback/feedback-store.ts";
import { hostCheck } from "./http/host-check.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { type ConcurrencySettings, createConcurrencyLimiter, DEFAULT_CONCURRENCY } from "./limits/concurrency-limiter.ts";
import { createEngineGuard } from "./limits/guarded-engine.ts";
import { type ClientAddress, rateLimit } from "./limits/rate-limit.ts";
import { requestTimeout } from "./limits/request-timeout.ts";
import { createTokenBucketLimiter, type RateLimitSettings } from "./limits/token-bucket.ts";
import { countingFeedbackStore } from "./observe/counting-feedback-store.ts";
import { consoleLogger, type Logger } from "./observe/logger.ts";
import type { Metrics } from "./observe/metrics.ts";
import { requestContext } from "./observe/request-context.ts";
import { askRoutes } from "./routes/ask.ts";
import { capabilitiesRoutes } from "./routes/capabilities.ts";
import { chatRoutes } from "./routes/chat.ts";
import { crossOrigin } from "./routes/cross-origin.ts";
import { documentRoutes } from "./routes/documents.ts";
import { feedbackRoutes } from "./routes/feedback.ts";
import { healthRoutes } from "./routes/health.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { DEFAULT_MAX_BODY_BYTES } from "./routes/read-json-body.ts";
import { type SlackOptions, slackNotConfiguredRoutes, slackRoutes } from "./routes/slack.ts";
import { webRoutes } from "./routes/web.ts";
import type { AssetReader } from "./web/asset-reader.ts";

export interface AppDeps {
  readonly engines: EngineHolder;
  readonly maxBodyBytes?: number;
  readonly logger?: Logger;
  /** Host names the app answers for (DNS rebinding); unset: any, for runtimes that route by host themselves (Workers). */
  readonly allowedHosts?: readonly string[];
  /** Origins whose pages may call the API; unset: the API's own origin and localhost. */
  readonly allowedOrigins?: readonly string[];
  /** Where POST /feedback stores feedback; without one, /feedback is not served. */
  readonly feedback?: FeedbackStore;
  /** The files of `web/` (widget.js, demo.html); without a reader, / and /widget.js are not served. */
  readonly assets?: AssetReader;
  /** Gzip the widget and demo page in the app; leave off where the platform compresses (Workers). */
  readonly compressAssets?: boolean;
  /** The Slack bot, given only when SLACK_SIGNING_SECRET is set; otherwise /slack/* answers 404 slack_not_configured. */
  readonly slack?: SlackOptions;
  /** Records requests, answers, feedback and more; without it, GET /metrics is not served. */
  readonly metrics?: Metrics;
  /** When set, GET /metrics wants it as a bearer token. */
  readonly metricsToken?: string;
  /** Who is calling, for the per-client rate limit (the runtime knows the peer and which proxies to trust). */
  readonly clientAddress?: ClientAddress;
  /** Per-client limit on /ask, /chat and /feedback; unset or 0 per minute: no limit. */
  readonly rateLimit?: RateLimitSettings;
  /** Longest wait for response headers; 15 s by default. */
  readonly requestTimeoutMs?: number;
  /** Answers computed at once and queued before shedding with 503. */
  readonly answerConcurrency?: ConcurrencySettings;
  /** Document changes while serving; given only with ADMIN_TOKEN, else /admin/* does not exist. */
  readonly admin?: {
    readonly documents: DocumentAdmin;
    readonly token: string;
    readonly maxDocumentBytes?: number;
    /** Per client, a failed token counting as several requests; unset or 0 per minute: no limit. */
    readonly rateLimit?: RateLimitSettings;
  };
}

/** Builds the HTTP app once; runtime entries pass in what they built. Nothing here is Node-only. */
export function createApp(deps: AppDeps): Hono {
  const { engines, maxBodyBytes = DEFAULT_MAX_BODY_BYTES, logger = consoleLogger, metrics } = deps;
  const limiter = createConcurrencyLimiter(deps.answerConcurrency ?? DEFAULT_CONCURRENCY, () => metrics?.recordShed());
  metrics?.observeQueue("answers", () => ({ busy: limiter.active, waiting: limiter.queued }));
  const guard = createEngineGuard({ limiter, metrics });
  const guardedEngine = (): Engine | undefined => {
    const engine = engines.current;
    return engine ? guard(engine) : undefined;
  };
  const requireEngine = (): Engine => {
    const engine = guardedEngine();
    if (!engine) throw new NotReadyError();
    return engine;
  };
  const requestTimeoutMs = deps.requestTimeoutMs ?? 15_000;
  const app = new Hono();
  app.use(requestContext({ logger, metrics }));
  app.use(securityHeaders({ allowedOrigins: deps.allowedOrigins }));
  if (deps.allowedHosts) app.use(hostCheck(deps.allowedHosts));
  app.use(requestTimeout(requestTimeoutMs));
  const browserApi = crossOrigin({ allowedOrigins: deps.allowedOrigins });
  for (const path of ["/ask", "/chat", "/feedback", "/documents", "/documents/*", "/capabilities"]) app.use(path, browserApi);
  if (deps.rateLimit && deps.rateLimit.perMinute > 0) {
    // After CORS, so a 429 still carries the CORS headers the widget needs to read it.
    const limiter = createTokenBucketLimiter(deps.rateLimit);
    for (const route of ["/ask", "/chat", "/feedback"])
      app.use(route, rateLimit({ limiter, clientAddress: deps.clientAddress, metrics, route }));
  }
  app.route("/", healthRoutes({ engines }));
  app.route("/", capabilitiesRoutes({ feedback: deps.feedback !== undefined }));
  app.route("/", askRoutes({ requireEngine, maxBodyBytes }));
  app.route("/", documentRoutes({ requireEngine }));
  app.route("/", chatRoutes({ requireEngine, maxBodyBytes, logger }));
  if (deps.feedback)
    app.route("/", feedbackRoutes({ store: metrics ? countingFeedbackStore(deps.feedback, metrics) : deps.feedback, maxBodyBytes }));
  if (deps.assets)
    app.route(
      "/",
      webRoutes({ assets: deps.assets, listDocuments: () => engines.current?.listDocuments(), compress: deps.compressAssets ?? false }),
    );
  app.route(
    "/",
    deps.slack
      ? slackRoutes({ ...deps.slack, engine: guardedEngine, answerTimeoutMs: requestTimeoutMs, logger })
      : slackNotConfiguredRoutes(),
  );
  if (metrics) app.route("/", metricsRoutes({ metrics, engines, token: deps.metricsToken }));
  if (deps.admin) {
    const { documents, token, maxDocumentBytes = DEFAULT_MAX_DOCUMENT_BYTES, rateLimit: adminLimit } = deps.admin;
    if (adminLimit && adminLimit.perMinute > 0)
      app.use("/admin/*", adminRateLimit({ settings: adminLimit, clientAddress: deps.clientAddress, metrics }));
    app.route("/", adminRoutes({ admin: documents, token, maxDocumentBytes }));
  }
  const renderError = (context: Context, error: AppError) => {
    for (const [name, value] of Object.entries(error.headers)) context.header(name, value);
    return context.json({ error: { code: error.code, message: error.message } }, error.status as 400);
  };
  app.notFound((context) => renderError(context, new NotFoundError("No such route")));
  app.onError((error, context) => {
    if (error instanceof AppError) return renderError(context, error);
    logger.error("unhandled error", { path: context.req.path, error: error instanceof Error ? error.stack : String(error) });
    return context.json({ error: { code: "internal_error", message: "Something went wrong on our side" } }, 500);
  });
  return app;
}
