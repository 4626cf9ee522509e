import { AppError } from "../errors.ts";

/**
 * A Cloudflare service the answer depends on (Workers AI, Vectorize) failed or answered in an
 * unexpected shape. The message names the service and its own error text, never user input.
 */
export class UpstreamServiceError extends AppError {
  readonly service: string;
  constructor(options: { service: string; message: string; cause?: unknown }) {
    super({ code: "upstream_failed", status: 502, message: `${options.service}: ${options.message}`, cause: options.cause });
    this.service = options.service;
  }
}
