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

  it("rejects vectors that do not match the ids, and queries of the wrong length", () => {
    expect(() => new FlatIndex({ dimensions: 3, vectors: new Float32Array(4), chunkIds: ["a"] })).toThrow(RangeError);
    expect(() => index.searchSync(new Float32Array(2), 1)).toThrow(RangeError);
  });

  it("returns every vector, best first, when k exceeds their number", () => {
    const hits = index.searchSync(new Float32Array([0, 1, 0]), 10);
    expect(hits.map((hit) => hit.chunkId)).toEqual(["y", "xy", "x"]);
    expect(index.searchSync(new Float32Array([0, 1, 0]), -3)).toEqual([]);
    expect(index.searchSync(new Float32Array([0, 1, 0]), 1.9).map((hit) => hit.chunkId)).toEqual(["y"]);
    expect(new FlatIndex({ dimensions: 3, vectors: new Float32Array(0), chunkIds: [] }).searchSync(new Float32Array(3), 5)).toEqual([]);
  });

  it("ranks equal scores by row, also when the ties straddle the cut at k", () => {
    // Rows 0..5: scores 0.5, 1, 0.5, 1, 0.5, 0 against the query (1, 0).
    const ties = new FlatIndex({
      dimensions: 2,
      vectors: new Float32Array([0.5, 0, 1, 0, 0.5, 0, 1, 0, 0.5, 0, 0, 1]),
      chunkIds: ["r0", "r1", "r2", "r3", "r4", "r5"],
    });
    const query = new Float32Array([1, 0]);
    expect(ties.searchSync(query, 6).map((hit) => hit.chunkId)).toEqual(["r1", "r3", "r0", "r2", "r4", "r5"]);
    expect(ties.searchSync(query, 3).map((hit) => hit.chunkId)).toEqual(["r1", "r3", "r0"]);
    expect(ties.searchSync(query, 4).map((hit) => hit.chunkId)).toEqual(["r1", "r3", "r0", "r2"]);
  });

  it("agrees with a full sort on random data for every k", () => {
    let state = 7;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648 - 0.5;
    };
    const dimensions = 5;
    const count = 300;
    // Rounded components make many exactly equal scores.
    const vectors = Float32Array.from({ length: count * dimensions }, () => Math.round(random() * 4) / 4);
    const chunkIds = Array.from({ length: count }, (_, row) => `c${row}`);
    const flat = new FlatIndex({ dimensions, vectors, chunkIds });
    const query = Float32Array.from({ length: dimensions }, () => Math.round(random() * 4) / 4);
    const scores = chunkIds.map((_, row) => {
      let dot = 0;
      for (let column = 0; column < dimensions; column += 1) {
        dot += (vectors[row * dimensions + column] as number) * (query[column] as number);
      }
      return dot;
    });
    const expected = chunkIds.map((_, row) => row).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    for (const k of [1, 2, 7, 50, 299, 300, 301]) {
      const hits = flat.searchSync(query, k);
      expect(hits.map((hit) => hit.chunkId)).toEqual(expected.slice(0, k).map((row) => `c${row}`));
      hits.forEach((hit, rank) => {
        expect(hit.score).toBeCloseTo(scores[expected[rank] as number] as number, 6);
      });
    }
  });
});
