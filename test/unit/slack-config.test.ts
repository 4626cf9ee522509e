import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { readSlackConfig } from "../../src/slack/slack-config.ts";

describe("readSlackConfig", () => {
  it("is off without a signing secret", () => {
    expect(readSlackConfig({})).toBeUndefined();
    expect(readSlackConfig({ SLACK_SIGNING_SECRET: "  ", SLACK_BOT_TOKEN: "xoxb-1" })).toBeUndefined();
  });

  it("reads both values, explicit values first", () => {
    expect(readSlackConfig({ SLACK_SIGNING_SECRET: "secret", SLACK_BOT_TOKEN: "xoxb-1" })).toEqual({
      signingSecret: "secret",
      botToken: "xoxb-1",
    });
    expect(readSlackConfig({ SLACK_SIGNING_SECRET: "secret", SLACK_BOT_TOKEN: "xoxb-1" }, { botToken: "xoxb-2" })?.botToken).toBe("xoxb-2");
  });

  it("refuses a signing secret without a bot token, naming the variable but not the secret", () => {
    expect(() => readSlackConfig({ SLACK_SIGNING_SECRET: "very-secret" })).toThrow(ConfigError);
    expect(() => readSlackConfig({ SLACK_SIGNING_SECRET: "very-secret" })).toThrow(/SLACK_BOT_TOKEN/);
    try {
      readSlackConfig({ SLACK_SIGNING_SECRET: "very-secret" });
    } catch (error) {
      expect((error as Error).message).not.toContain("very-secret");
    }
  });
});
