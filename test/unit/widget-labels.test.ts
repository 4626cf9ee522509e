import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answerLabels } from "../../src/i18n/answer-wording.ts";

describe("web/widget.js", () => {
  it("falls back to exactly the server's English labels until an answer brings its own", () => {
    const source = readFileSync("web/widget.js", "utf8");
    const literal = /const DEFAULT_LABELS = \{([\s\S]*?)\n {2}\};/.exec(source)?.[1];
    expect(literal).toBeDefined();
    const labels = Object.fromEntries([...(literal ?? "").matchAll(/(\w+): "([^"]*)"/g)].map((match) => [match[1], match[2]]));
    expect(labels).toEqual(answerLabels("en"));
  });
});
