import { SlackSignatureError } from "./slack-errors.ts";

/** Slack's replay window: older (or newer) requests are refused even when correctly signed. */
export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export interface SignedRequest {
  /** `X-Slack-Request-Timestamp`. */
  readonly timestamp: string | undefined;
  /** `X-Slack-Signature`. */
  readonly signature: string | undefined;
  /** The raw body exactly as received: the signature covers bytes, not a re-serialisation. */
  readonly body: Uint8Array;
  readonly nowSeconds: number;
}

const encoder = new TextEncoder();

/**
 * Returns a verifier for Slack's v0 scheme: HMAC-SHA256 over `v0:{timestamp}:{body}` keyed with the
 * signing secret. Uses Web Crypto so the same code runs on Node and Workers. Throws `SlackSignatureError`.
 */
export function createSignatureVerifier(options: {
  signingSecret: string;
  maxAgeSeconds?: number;
}): (request: SignedRequest) => Promise<void> {
  const { maxAgeSeconds = SIGNATURE_MAX_AGE_SECONDS } = options;
  // Imported once; the key cannot be exported back out of the CryptoKey.
  const key = crypto.subtle.importKey("raw", encoder.encode(options.signingSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return async ({ timestamp, signature, body, nowSeconds }) => {
    if (!timestamp || !signature) throw new SlackSignatureError("missing_headers");
    // Check the clock before spending an HMAC on a request we would refuse anyway.
    if (!/^\d{1,12}$/.test(timestamp)) throw new SlackSignatureError("malformed_timestamp");
    const age = nowSeconds - Number(timestamp);
    if (age > maxAgeSeconds) throw new SlackSignatureError("stale_timestamp");
    if (age < -maxAgeSeconds) throw new SlackSignatureError("future_timestamp");
    const separator = signature.indexOf("=");
    if (separator < 0) throw new SlackSignatureError("malformed_signature");
    if (signature.slice(0, separator) !== "v0") throw new SlackSignatureError("unsupported_version");
    const expected = parseHex(signature.slice(separator + 1));
    if (expected?.length !== 32) throw new SlackSignatureError("malformed_signature");
    const prefix = encoder.encode(`v0:${timestamp}:`);
    const message = new Uint8Array(prefix.length + body.length);
    message.set(prefix, 0);
    message.set(body, prefix.length);
    const actual = new Uint8Array(await crypto.subtle.sign("HMAC", await key, message));
    if (!constantTimeEqual(actual, expected)) throw new SlackSignatureError("signature_mismatch");
  };
}

/** Compares every byte whatever the first difference, so timing reveals nothing about the expected MAC. */
export function constantTimeEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}

function parseHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(text)) return undefined;
  const bytes = new Uint8Array(text.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(text.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}
