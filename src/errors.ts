/** A failure with a stable code and HTTP status, rendered as `{ error: { code, message } }`. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(options: { code: string; status: number; message: string; headers?: Record<string, string>; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.headers = options.headers ?? {};
  }
}

export class InvalidRequestError extends AppError {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super({ code: "invalid_request", status: 400, message });
    this.field = field;
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found") {
    super({ code: "not_found", status: 404, message });
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super({ code: "payload_too_large", status: 413, message: `Request body exceeds ${limitBytes} bytes` });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(expected = "application/json") {
    super({ code: "unsupported_media_type", status: 415, message: `Content-Type must be ${expected}` });
  }
}

export class NotReadyError extends AppError {
  constructor(message = "The model and index are still loading; try again shortly") {
    super({ code: "not_ready", status: 503, message, headers: { "Retry-After": "2" } });
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super({
      code: "rate_limited",
      status: 429,
      message: "Too many requests; slow down",
      headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
  }
}

/** The index was embedded with another model than the one configured: its vectors would be garbage. */
export class IndexModelMismatchError extends AppError {
  readonly indexModelId: string;
  readonly embedderModelId: string;
  constructor(options: { indexModelId: string; indexDimensions: number; embedderModelId: string; embedderDimensions: number }) {
    super({
      code: "index_model_mismatch",
      status: 503,
      message: `The index was built with model "${options.indexModelId}" (${options.indexDimensions} dimensions) but the configured embedder is "${options.embedderModelId}" (${options.embedderDimensions} dimensions); rebuild the index with npm run index or set EMBED_MODEL to the index's model`,
    });
    this.indexModelId = options.indexModelId;
    this.embedderModelId = options.embedderModelId;
  }
}

export class InvalidIndexError extends AppError {
  constructor(message: string, cause?: unknown) {
    super({ code: "invalid_index", status: 503, message, cause });
  }
}

export class UnauthorizedError extends AppError {
  constructor() {
    super({ code: "unauthorized", status: 401, message: "A valid bearer token is required", headers: { "WWW-Authenticate": "Bearer" } });
  }
}

/** Too many answers in flight and queued: shed now rather than pile up memory. */
export class OverloadedError extends AppError {
  constructor(retryAfterSeconds = 1) {
    super({
      code: "overloaded",
      status: 503,
      message: "The server is busy; try again shortly",
      headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
  }
}

export class RequestTimeoutError extends AppError {
  constructor(timeoutMs: number) {
    super({ code: "timeout", status: 504, message: `The request took longer than ${timeoutMs} ms` });
  }
}

/** A setting that cannot be used; thrown at start-up, its message names the variable, never its value. */
export class ConfigError extends Error {
  readonly code = "invalid_config";
}
