import { describe, expect, it } from "vitest";
import { type SpanTokenizer, tokenizeWithSpans } from "../../src/embed/span-tokens.ts";

/** One id per word (its length), 1 and 2 as the special tokens around the text. */
function wordTokenizer(maxTokens = 64): SpanTokenizer {
  const encode = (text: string, withSpecialTokens: boolean) => {
    const ids = (text.match(/\S+/g) ?? []).map((word) => 100 + word.length);
    return withSpecialTokens ? [1, ...ids, 2] : ids;
  };
  return { encode, maxTokens, endTokenId: 2 };
}

describe("tokenizeWithSpans", () => {
  it("finds each span's tokens after the opening special token and the prefix, whitespace belonging to the span after it", () => {
    const text = "One two. Three four five.\n\nSix.";
    const spans = [
      { start: 0, end: 8 },
      { start: 9, end: 25 },
      { start: 27, end: 31 },
    ];
    const { ids, ranges } = tokenizeWithSpans({ text, spans, tokenizer: wordTokenizer(), prefix: "passage: " });
    expect(ids).toEqual([1, 108, 103, 104, 105, 104, 105, 104, 2]);
    expect(ranges).toEqual([
      { start: 2, end: 4 },
      { start: 4, end: 7 },
      { start: 7, end: 8 },
    ]);
    expect(tokenizeWithSpans({ text, spans, tokenizer: wordTokenizer() }).ranges[0]).toEqual({ start: 1, end: 3 });
  });

  it("leaves every span unlocated when the pieces do not tokenise like the whole text", () => {
    // This tokenizer merges a word with the next one when they are joined by "~", across a span edge.
    const merging: SpanTokenizer = {
      ...wordTokenizer(),
      encode: (text, withSpecialTokens) => {
        const ids = (text.match(/[^\s~]+(~[^\s~]+)*/g) ?? []).map((word) => 100 + word.length);
        return withSpecialTokens ? [1, ...ids, 2] : ids;
      },
    };
    const text = "One.~Two.";
    const result = tokenizeWithSpans({
      text,
      spans: [
        { start: 0, end: 4 },
        { start: 5, end: 9 },
      ],
      tokenizer: merging,
    });
    expect(result.ids).toEqual([1, 109, 2]);
    expect(result.ranges).toEqual([undefined, undefined]);
  });

  it("keeps the closing token when cutting to the sequence length and drops spans that were cut", () => {
    const text = "a b. c d. e f.";
    const { ids, ranges } = tokenizeWithSpans({
      text,
      spans: [
        { start: 0, end: 4 },
        { start: 5, end: 9 },
        { start: 10, end: 14 },
      ],
      tokenizer: wordTokenizer(5),
    });
    expect(ids).toEqual([1, 101, 102, 101, 2]);
    expect(ranges).toEqual([{ start: 1, end: 3 }, undefined, undefined]);
  });
});
