import { describe, expect, it } from "vitest";
import { reciprocalRankFusion } from "../../src/retrieve/rrf.ts";
import { FlatIndex } from "../../src/store/flat-index.ts";

describe("reciprocalRankFusion", () => {
  it("rewards items ranked well by both lists and breaks ties by id", () => {
    const fused = reciprocalRankFusion([
      { hits: [{ chunkId: "a" }, { chunkId: "b" }, { chunkId: "c" }] },
      { hits: [{ chunkId: "b" }, { chunkId: "c" }] },
    ]);
    expect(fused.map((hit) => hit.chunkId)).toEqual(["b", "c", "a"]);
    expect(fused[0]?.score).toBeCloseTo(1 / 62 + 1 / 61, 10);
    const tie = reciprocalRankFusion([{ hits: [{ chunkId: "z" }] }, { hits: [{ chunkId: "y" }] }]);
    expect(tie.map((hit) => hit.chunkId)).toEqual(["y", "z"]);
  });

  it("weights lists", () => {
    const fused = reciprocalRankFusion([
      { hits: [{ chunkId: "a" }], weight: 0.5 },
      { hits: [{ chunkId: "b" }], weight: 2 },
    ]);
    expect(fused.map((hit) => hit.chunkId)).toEqual(["b", "a"]);
  });
});

describe("FlatIndex", () => {
  const vectors = new Float32Array([1, 0, 0, 0, 1, 0, Math.SQRT1_2, Math.SQRT1_2, 0]);
  const index = new FlatIndex({ dimensions: 3, vectors, chunkIds: ["x", "y", "xy"] });

  it("returns exact cosine neighbours, nearest first", async () => {
    const hits = await index.search(new Float32Array([1, 0, 0]), 2);
    expect(hits.map((hit) => hit.chunkId)).toEqual(["x", "xy"]);
    expect(hits[1]?.score).toBeCloseTo(Math.SQRT1_2, 6);
    expect(await index.search(new Float32Array([0, 0, 1]), 0)).toEqual([]);
  });

  it("rejects vectors that do not match the ids", () => {
    expect(() => new FlatIndex({ dimensions: 3, vectors: new Float32Array(4), chunkIds: ["a"] })).toThrow(RangeError);
  });
});
