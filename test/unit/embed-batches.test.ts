import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embed/embedder.ts";
import { embedInLengthOrder, lengthOrderedBatches } from "../../src/ingest/embed-batches.ts";

/** Records each batch it is given; a text's vector is [length, first char code]. */
function recordingEmbedder() {
  const batches: string[][] = [];
  const embedder: Embedder = {
    modelId: "test/recording",
    dimensions: 2,
    pooling: "mean",
    normalized: false,
    async embed(texts) {
      batches.push([...texts]);
      return texts.map((text) => Float32Array.of(text.length, text.charCodeAt(0)));
    },
  };
  return { embedder, batches };
}

describe("lengthOrderedBatches", () => {
  it("groups texts of similar length and keeps input order among equal lengths", () => {
    const texts = ["ccc", "a", "bbbbb", "dd", "e", "ffff", "g"];
    expect(lengthOrderedBatches(texts, 3)).toEqual([[1, 4, 6], [3, 0, 5], [2]]);
  });

  it("orders by the given length, such as a token count, instead of characters", () => {
    const words = (text: string) => text.split(" ").length;
    const texts = ["a b c", "https://example.org/a/long/path", "d e", "f"];
    expect(lengthOrderedBatches(texts, 2, words)).toEqual([
      [1, 3],
      [2, 0],
    ]);
  });

  it("covers every text exactly once", () => {
    const texts = Array.from({ length: 101 }, (_, index) => "x".repeat((index * 37) % 23));
    const batches = lengthOrderedBatches(texts, 8);
    expect(batches.every((batch) => batch.length <= 8)).toBe(true);
    expect(
      batches
        .flat()
        .slice()
        .sort((a, b) => a - b),
    ).toEqual(texts.map((_, index) => index));
  });

  it("rejects a batch size that is not a positive integer", () => {
    expect(() => lengthOrderedBatches(["a"], 0)).toThrow(/positive integer/);
    expect(() => lengthOrderedBatches(["a"], 1.5)).toThrow(/positive integer/);
  });
});

describe("embedInLengthOrder", () => {
  it("sends length-ordered batches and returns vectors in input order", async () => {
    const { embedder, batches } = recordingEmbedder();
    const texts = ["a long text here", "hi", "medium one", "x", "another long one!"];
    const vectors = await embedInLengthOrder({ texts, embedder, batchSize: 2 });
    expect(batches).toEqual([["x", "hi"], ["medium one", "a long text here"], ["another long one!"]]);
    expect(vectors.map((vector) => Array.from(vector))).toEqual(texts.map((text) => [text.length, text.charCodeAt(0)]));
  });

  it("embeds each distinct text once and gives repeats the same vector", async () => {
    const { embedder, batches } = recordingEmbedder();
    const texts = ["footer line", "a", "footer line", "bb", "a"];
    const vectors = await embedInLengthOrder({ texts, embedder, batchSize: 8 });
    expect(batches).toEqual([["a", "bb", "footer line"]]);
    expect(vectors.map((vector) => Array.from(vector))).toEqual(texts.map((text) => [text.length, text.charCodeAt(0)]));
    expect(vectors[2]).toBe(vectors[0]);
  });

  it("reports progress before each batch and at the end", async () => {
    const { embedder } = recordingEmbedder();
    const progress: [number, number][] = [];
    await embedInLengthOrder({
      texts: ["a", "bb", "ccc"],
      embedder,
      batchSize: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [0, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it("fails when the embedder returns the wrong number of vectors", async () => {
    const embedder: Embedder = { ...recordingEmbedder().embedder, embed: async () => [] };
    await expect(embedInLengthOrder({ texts: ["a"], embedder, batchSize: 4 })).rejects.toThrow(/0 vectors for 1 texts/);
  });
});
