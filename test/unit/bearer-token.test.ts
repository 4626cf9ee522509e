import { describe, expect, it } from "vitest";
import { isAuthorizedBearer } from "../../src/admin/bearer-token.ts";

describe("bearer token check", () => {
  const token = "0123456789abcdef0123456789abcdef";

  it("accepts exactly the configured token", async () => {
    expect(await isAuthorizedBearer(`Bearer ${token}`, token)).toBe(true);
    expect(await isAuthorizedBearer(`bearer ${token}`, token)).toBe(true);
  });

  it("refuses anything else", async () => {
    for (const header of [
      undefined,
      "",
      "Bearer",
      "Bearer ",
      `Basic ${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      `Bearer ${token} extra`,
      token,
    ]) {
      expect(await isAuthorizedBearer(header, token)).toBe(false);
    }
  });
});
