import { describe, expect, it } from "vitest";
import { chunkDocument, chunkTokenLimit } from "../../src/ingest/chunk.ts";
import type { SourceDocument } from "../../src/ingest/document.ts";
import { splitSentences } from "../../src/text/sentences.ts";
import { wordCounter } from "../helpers/word-counter.ts";

const sentence = (index: number) => `Sentence number ${index} talks about the port of Chancay and trade.`;
const document: SourceDocument = {
  id: "doc",
  title: "Title",
  text: Array.from({ length: 30 }, (_, index) => sentence(index)).join(" "),
};

describe("chunkDocument", () => {
  const counter = wordCounter();
  const chunks = chunkDocument({ document, counter, settings: { maxTokens: 40, overlapSentences: 1 } });

  it("keeps every chunk within the token limit and its text equal to the document slice", () => {
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(chunk.tokenCount).toBeLessThanOrEqual(40);
      expect(counter.countTokens(chunk.text)).toBe(chunk.tokenCount);
      expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    }
  });

  it("never cuts inside a sentence", () => {
    const boundaries = splitSentences(document.text);
    const starts = new Set(boundaries.map((span) => span.start));
    const ends = new Set(boundaries.map((span) => span.end));
    for (const chunk of chunks) {
      expect(starts.has(chunk.start)).toBe(true);
      expect(ends.has(chunk.end)).toBe(true);
    }
  });

  it("overlaps consecutive chunks by one sentence and covers the whole text", () => {
    for (let index = 1; index < chunks.length; index += 1) {
      const previous = chunks[index - 1];
      const current = chunks[index];
      expect(current?.start).toBeLessThan(previous?.end ?? 0);
      expect(previous?.text.endsWith(document.text.slice(current?.start, previous?.end))).toBe(true);
    }
    expect(chunks[0]?.start).toBe(0);
    expect(chunks.at(-1)?.end).toBe(document.text.length);
  });

  it("uses stable ids docId#n", () => {
    expect(chunks.map((chunk) => chunk.id)).toEqual(chunks.map((_, index) => `doc#${index}`));
  });

  it("cuts a single over-long sentence at word boundaries", () => {
    const long: SourceDocument = { id: "long", title: "T", text: `${"word ".repeat(100).trim()}.` };
    const pieces = chunkDocument({ document: long, counter, settings: { maxTokens: 30, overlapSentences: 0 } });
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    for (const piece of pieces) {
      expect(piece.tokenCount).toBeLessThanOrEqual(30);
      expect(/^\S/.test(piece.text) && /\S$/.test(piece.text)).toBe(true);
    }
  });

  it("stays within the model's sequence length even when settings ask for more", () => {
    const small = chunkDocument({ document, counter: wordCounter(20), settings: { maxTokens: 500, overlapSentences: 0 } });
    for (const chunk of small) expect(chunk.tokenCount).toBeLessThanOrEqual(18);
  });

  it("leaves room for the passage prefix an instruction-trained model puts before every chunk", () => {
    const prefixed = { ...wordCounter(20), passagePromptTokens: 3 };
    expect(chunkTokenLimit({ maxTokens: 500, overlapSentences: 0 }, prefixed)).toBe(15);
    expect(chunkTokenLimit({ maxTokens: 10, overlapSentences: 0 }, prefixed)).toBe(10);
    // Sentences here are 12 tokens: two fit in 28 (30 less 2 specials), not in 23 (less a 5-token prefix).
    const settings = { maxTokens: 500, overlapSentences: 0 };
    const plain = chunkDocument({ document, counter: wordCounter(30), settings });
    const withPrefix = chunkDocument({ document, counter: { ...wordCounter(30), passagePromptTokens: 5 }, settings });
    expect(Math.max(...plain.map((chunk) => chunk.tokenCount))).toBe(24);
    expect(Math.max(...withPrefix.map((chunk) => chunk.tokenCount))).toBe(12);
  });
});
