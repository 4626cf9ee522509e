import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface WriterItem {
  readonly id: string;
  readonly split: string;
  readonly language: string;
  readonly kind: string;
  readonly question: string;
  readonly docId?: string;
  readonly support?: string;
  readonly expect?: readonly string[];
}

const SETS = "test/fixtures/eval/writer";
const CORPUS = "corpus";
const ANSWERABLE = new Set(["factual", "multi-turn", "summary", "multi-part", "false-premise"]);

const files = readdirSync(SETS).filter((name) => name.endsWith(".jsonl"));
const items = files.flatMap((name) =>
  readFileSync(`${SETS}/${name}`, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => ({ file: name, ...(JSON.parse(line) as WriterItem) })),
);

describe("the writer evaluation sets", () => {
  it("give every item a unique id, a split, a language and a known kind", () => {
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    for (const item of items) {
      expect(["dev", "test"], item.id).toContain(item.split);
      expect(["en", "es", "zh"], item.id).toContain(item.language);
      expect([...ANSWERABLE, "unanswerable", "conversational"], item.id).toContain(item.kind);
    }
  });

  it("quote each supporting passage verbatim from the document it names, so a first citation can be scored", () => {
    const supported = items.filter((item) => item.support !== undefined);
    expect(supported.length).toBeGreaterThan(0);
    for (const item of supported) {
      const text = readFileSync(`${CORPUS}/${item.docId}.txt`, "utf8");
      expect(text.includes(item.support as string), `${item.file} ${item.id}`).toBe(true);
    }
  });

  it("keep the dev batches and the test batches in separate files", () => {
    for (const file of files) {
      const splits = new Set(items.filter((item) => item.file === file).map((item) => item.split));
      if (file.includes("-dev")) expect([...splits], file).toEqual(["dev"]);
      if (file.includes("-test")) expect([...splits], file).toEqual(["test"]);
    }
  });
});
