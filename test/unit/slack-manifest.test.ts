import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifest = parse(readFileSync(new URL("../../slack/manifest.yml", import.meta.url), "utf8"));

describe("slack/manifest.yml", () => {
  it("asks for the scopes the bot uses and no others", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ["app_mentions:read", "channels:history", "chat:write", "commands", "groups:history", "im:history", "mpim:history"].sort(),
    );
  });

  it("subscribes to mentions and DMs at /slack/events, and points /visit at /slack/commands", () => {
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: "https://YOUR-HOST/slack/events",
      bot_events: ["app_mention", "message.im"],
    });
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: "/visit", url: "https://YOUR-HOST/slack/commands" }),
    ]);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
