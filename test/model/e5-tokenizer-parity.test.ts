import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { realEmbedder } from "../helpers/real-model.ts";

interface Parity {
  model: string;
  items: { language: string; text: string; ids: number[] }[];
}

const parity = JSON.parse(readFileSync("test/fixtures/e5/tokenizer-parity.json", "utf8")) as Parity;

describe("multilingual-e5-small tokenizer parity", () => {
  it("transformers.js gives the ids Python's tokenizer gave, for every en/es/zh text", async () => {
    const embedder = await realEmbedder(parity.model);
    const counts = { en: 0, es: 0, zh: 0 } as Record<string, number>;
    for (const item of parity.items) {
      expect(embedder.encode(item.text), `${item.language}: ${item.text}`).toEqual(item.ids);
      counts[item.language] = (counts[item.language] ?? 0) + 1;
    }
    for (const language of ["en", "es", "zh"]) expect(counts[language], language).toBeGreaterThanOrEqual(20);
  });

  it("counts a text's tokens without the special tokens or a prefix", async () => {
    const embedder = await realEmbedder(parity.model);
    for (const item of parity.items.slice(0, 10)) expect(embedder.countTokens(item.text)).toBe(item.ids.length - 2);
  });
});
