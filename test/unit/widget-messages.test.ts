import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MESSAGE_LANGUAGES, messageTable } from "../../src/i18n/messages.ts";
import { WIDGET_MESSAGE_IDS, WIDGET_MESSAGES_MARKER, widgetMessages, withWidgetMessages } from "../../src/web/widget-messages.ts";

const source = readFileSync("web/widget.js", "utf8");

/** The message ids web/widget.js says: the string literals in its `say(…)` and `phrase(…)` calls. */
function idsSaidByWidget(): string[] {
  const call = /(?:say|phrase)\([^"()]*(?:\([^()]*\))?[^"()]*"(\w+)"(?:\s*:\s*"(\w+)")?/g;
  return [...source.matchAll(call)].flatMap((match) => match.slice(1).filter((id): id is string => id !== undefined));
}

describe("the widget's messages", () => {
  it("are exactly the ids widget.js says", () => {
    const said = new Set(idsSaidByWidget());
    expect(said.size).toBeGreaterThan(30);
    expect([...said].sort()).toEqual([...WIDGET_MESSAGE_IDS].sort());
  });

  it("come from the server's table, in every language it has", () => {
    const messages = widgetMessages();
    expect(Object.keys(messages).sort()).toEqual([...MESSAGE_LANGUAGES].sort());
    for (const language of MESSAGE_LANGUAGES) {
      for (const id of WIDGET_MESSAGE_IDS) expect(messages[language][id], `${language}.${id}`).toBe(messageTable(language)[id]);
    }
    expect(messages.es.copy).toBe("Copiar");
    expect(messages.zh.sourcesLabel).toBe("资料来源");
  });

  it("are written into widget.js at its marker as it is served, leaving valid JavaScript", () => {
    expect(source.split(WIDGET_MESSAGES_MARKER)).toHaveLength(2);
    const served = withWidgetMessages(source);
    expect(served).not.toContain(WIDGET_MESSAGES_MARKER);
    const table = /const MESSAGES = (\{.*\});\n/.exec(served)?.[1];
    expect(JSON.parse(table ?? "null")).toEqual(widgetMessages());
    // Parses without running: the widget needs a browser to run.
    expect(() => new Function(served)).not.toThrow();
  });

  it("refuses a widget.js without the marker rather than serve a widget with nothing to say", () => {
    expect(() => withWidgetMessages("console.log('widget');")).toThrow(/marker/);
  });
});
