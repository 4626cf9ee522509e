import { describe, expect, it } from "vitest";
import { TopK } from "../../src/store/top-k.ts";

describe("TopK", () => {
  it("keeps the k best in any arrival order, equal scores by lower row, and never NaN", () => {
    const best = new TopK(3);
    for (const [row, score] of [
      [9, 0.5],
      [4, Number.NaN],
      [7, 0.9],
      [2, 0.5],
      [8, 0.1],
      [5, 0.5],
      [1, 0.5],
    ] as const) {
      best.offer(row, score);
    }
    expect(best.sorted()).toEqual([
      { row: 7, score: 0.9 },
      { row: 1, score: 0.5 },
      { row: 2, score: 0.5 },
    ]);
  });

  it("holds nothing at capacity 0 or below, and floors fractional capacities", () => {
    const none = new TopK(-2);
    none.offer(0, 1);
    expect(none.sorted()).toEqual([]);
    expect(new TopK(2.7).capacity).toBe(2);
  });
});
