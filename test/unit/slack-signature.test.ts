import { describe, expect, it } from "vitest";
import { SlackSignatureError } from "../../src/slack/slack-errors.ts";
import { constantTimeEqual, createSignatureVerifier } from "../../src/slack/verify-signature.ts";

// Slack's worked example from "Verifying requests from Slack" (docs.slack.dev/authentication/verifying-requests-from-slack).
const EXAMPLE = {
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

const verify = createSignatureVerifier({ signingSecret: EXAMPLE.signingSecret });
const body = new TextEncoder().encode(EXAMPLE.body);

async function failure(request: Parameters<typeof verify>[0]): Promise<string | undefined> {
  try {
    await verify(request);
    return undefined;
  } catch (error) {
    if (error instanceof SlackSignatureError) return error.reason;
    throw error;
  }
}

describe("Slack's published signature example", () => {
  it("verifies with the clock set to its timestamp", async () => {
    await expect(
      verify({ timestamp: EXAMPLE.timestamp, signature: EXAMPLE.signature, body, nowSeconds: 1531420618 }),
    ).resolves.toBeUndefined();
  });

  it("is refused as stale at today's time", async () => {
    expect(
      await failure({ timestamp: EXAMPLE.timestamp, signature: EXAMPLE.signature, body, nowSeconds: Math.floor(Date.now() / 1000) }),
    ).toBe("stale_timestamp");
  });

  it("is refused when one byte of the body or signature changes", async () => {
    const nowSeconds = 1531420618;
    const tampered = new TextEncoder().encode(EXAMPLE.body.replace("text=", "text=x"));
    expect(await failure({ timestamp: EXAMPLE.timestamp, signature: EXAMPLE.signature, body: tampered, nowSeconds })).toBe(
      "signature_mismatch",
    );
    const flipped = `${EXAMPLE.signature.slice(0, -1)}${EXAMPLE.signature.endsWith("3") ? "4" : "3"}`;
    expect(await failure({ timestamp: EXAMPLE.timestamp, signature: flipped, body, nowSeconds })).toBe("signature_mismatch");
    expect(await failure({ timestamp: "1531420619", signature: EXAMPLE.signature, body, nowSeconds })).toBe("signature_mismatch");
  });

  it("accepts upper-case hex digits and refuses other versions", async () => {
    const nowSeconds = 1531420618;
    expect(
      await failure({ timestamp: EXAMPLE.timestamp, signature: `v0=${EXAMPLE.signature.slice(3).toUpperCase()}`, body, nowSeconds }),
    ).toBeUndefined();
    expect(await failure({ timestamp: EXAMPLE.timestamp, signature: EXAMPLE.signature.replace("v0=", "v1="), body, nowSeconds })).toBe(
      "unsupported_version",
    );
    expect(await failure({ timestamp: EXAMPLE.timestamp, signature: EXAMPLE.signature.slice(0, -2), body, nowSeconds })).toBe(
      "malformed_signature",
    );
    expect(await failure({ timestamp: EXAMPLE.timestamp, signature: EXAMPLE.signature.slice(3), body, nowSeconds })).toBe(
      "malformed_signature",
    );
  });
});

describe("constantTimeEqual", () => {
  it("is true only for identical bytes of the same length", () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([]), new Uint8Array([]))).toBe(true);
  });
});
