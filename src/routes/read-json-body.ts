import type { Context } from "hono";
import { InvalidRequestError, UnsupportedMediaTypeError } from "../errors.ts";
import { readBodyBytes } from "../http/read-body-bytes.ts";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON request body: 415 unless the content type is JSON, 413 past `maxBytes` (checked
 * while streaming, so a lying or absent Content-Length cannot slip past), 400 for malformed JSON.
 */
export async function readJsonBody(context: Context, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const contentType = context.req.header("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) throw new UnsupportedMediaTypeError();
  const bytes = await readBodyBytes(context.req.raw, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidRequestError("Request body is not valid UTF-8", "body");
  }
  if (text.trim() === "") throw new InvalidRequestError("Request body is empty; expected a JSON object", "body");
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError("Request body is not valid JSON", "body");
  }
}
