import type { Context } from "hono";
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors.ts";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON request body: 415 unless the content type is JSON, 413 past `maxBytes` (checked
 * while streaming, so a lying or absent Content-Length cannot slip past), 400 for malformed JSON.
 */
export async function readJsonBody(context: Context, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const contentType = context.req.header("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) throw new UnsupportedMediaTypeError();
  const declared = Number(context.req.header("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const body = context.req.raw.body;
  if (!body) throw new InvalidRequestError("Request body is empty; expected a JSON object", "body");
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
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
