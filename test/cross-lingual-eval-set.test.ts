import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface CrossLingualItem {
  readonly id: string;
  readonly split: string;
  readonly language: string;
  readonly kind: string;
  readonly question: string;
  readonly history?: readonly { role: string; content: string }[];
  readonly docId?: string;
  readonly support?: string;
  readonly expect?: readonly string[];
  readonly shortAnswer?: string;
  readonly reason?: string;
}

const SETS = "test/fixtures/eval/visit";

/** The language's set (`es.jsonl`) and its further dev sets (`es-dev-2.jsonl`). */
function readItems(language: string): CrossLingualItem[] {
  return readdirSync(SETS)
    .filter((name) => name === `${language}.jsonl` || name.startsWith(`${language}-`))
    .flatMap((name) => readFileSync(`${SETS}/${name}`, "utf8").split("\n"))
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CrossLingualItem);
}

describe.each(["es", "zh"])("the %s cross-lingual evaluation set", (language) => {
  const items = readItems(language);

  it("has at least 20 questions, 5 the corpus cannot answer, split into dev and test", () => {
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items.filter((item) => item.kind === "unanswerable").length).toBeGreaterThanOrEqual(5);
    for (const split of ["dev", "test"]) {
      const part = items.filter((item) => item.split === split);
      expect(part.length, split).toBeGreaterThanOrEqual(10);
      expect(part.filter((item) => item.kind === "unanswerable").length, split).toBeGreaterThanOrEqual(2);
    }
    expect(items.every((item) => item.split === "dev" || item.split === "test")).toBe(true);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it("asks in its language and quotes the English article verbatim", () => {
    for (const item of items) {
      expect(item.language, item.id).toBe(language);
      expect(item.question, item.id).toMatch(language === "zh" ? /\p{Script=Han}/u : /[¿¡ñáéíóú]|\b(qué|que|el|la|los|de)\b/iu);
      if (item.kind === "unanswerable") {
        expect(item.reason, item.id).toBeTruthy();
        expect(item.support, item.id).toBeUndefined();
        continue;
      }
      const document = readFileSync(`corpus/${item.docId}.txt`, "utf8");
      expect(document, item.id).toContain(item.support);
      if (item.shortAnswer !== undefined) expect(item.support, item.id).toContain(item.shortAnswer);
      expect(item.expect?.length, item.id).toBeGreaterThan(0);
      for (const term of item.expect ?? []) expect(document.toLowerCase(), `${item.id}: ${term}`).toContain(term.toLowerCase());
    }
  });
});
