import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { parseTrustedProxies, resolveClientAddress } from "../../src/limits/node-client-address.ts";

describe("client address behind trusted proxies", () => {
  const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientAddress({ peer: "203.0.113.9", forwardedFor: "1.2.3.4", trusted })).toBe("203.0.113.9");
    expect(resolveClientAddress({ peer: "203.0.113.9", forwardedFor: "1.2.3.4", trusted: parseTrustedProxies(undefined) })).toBe(
      "203.0.113.9",
    );
  });

  it("takes the nearest untrusted hop, so a client cannot choose its own address", () => {
    expect(resolveClientAddress({ peer: "127.0.0.1", forwardedFor: "198.51.100.7", trusted })).toBe("198.51.100.7");
    // The client wrote 6.6.6.6 itself; our proxies appended the real address after it.
    expect(resolveClientAddress({ peer: "10.1.2.3", forwardedFor: "6.6.6.6, 198.51.100.7, 10.0.0.5", trusted })).toBe("198.51.100.7");
    expect(resolveClientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: "198.51.100.7", trusted })).toBe("198.51.100.7");
    expect(resolveClientAddress({ peer: "::1", forwardedFor: "2001:db8::1", trusted })).toBe("2001:db8::1");
  });

  it("stops at a malformed hop and falls back to the last good one", () => {
    expect(resolveClientAddress({ peer: "127.0.0.1", forwardedFor: "198.51.100.7, not-an-ip", trusted })).toBe("127.0.0.1");
    expect(resolveClientAddress({ peer: "127.0.0.1", forwardedFor: "10.0.0.1", trusted })).toBe("10.0.0.1");
    expect(resolveClientAddress({ peer: undefined, forwardedFor: "198.51.100.7", trusted })).toBeUndefined();
  });

  it("refuses malformed TRUSTED_PROXIES without echoing them", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(ConfigError);
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/TRUSTED_PROXIES entry 1/);
    expect(() => parseTrustedProxies("1.2.3.4,secret-value")).not.toThrow(/secret-value/);
  });
});
