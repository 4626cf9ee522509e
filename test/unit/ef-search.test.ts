import { describe, expect, it } from "vitest";
import { EF_SEARCH_BY_SIZE, EF_SEARCH_PER_DOUBLING, efSearchFor, hnswSettingsFor } from "../../src/store/ef-search.ts";

describe("efSearchFor", () => {
  it("takes the row of the smallest measured size at or above the index's, and grows past the last row", () => {
    const first = EF_SEARCH_BY_SIZE[0] as { upTo: number; efSearch: number };
    const second = EF_SEARCH_BY_SIZE[1] as { upTo: number; efSearch: number };
    const last = EF_SEARCH_BY_SIZE.at(-1) as { upTo: number; efSearch: number };
    expect(efSearchFor(1)).toBe(first.efSearch);
    expect(efSearchFor(first.upTo)).toBe(first.efSearch);
    expect(efSearchFor(first.upTo + 1)).toBe(second.efSearch);
    // EF_SEARCH_PER_DOUBLING more per doubling beyond the table, rounded up to a multiple of 8.
    expect(efSearchFor(last.upTo * 2)).toBe(Math.ceil((last.efSearch + EF_SEARCH_PER_DOUBLING) / 8) * 8);
    expect(efSearchFor(last.upTo * 4)).toBe(Math.ceil((last.efSearch + 2 * EF_SEARCH_PER_DOUBLING) / 8) * 8);
    expect(efSearchFor(last.upTo + 1)).toBeGreaterThan(last.efSearch);
  });

  it("never lowers efSearch as the index grows, and records it with the build settings", () => {
    const values = [1, 500, 1_000, 5_000, 10_000, 40_000, 50_000, 80_000, 200_000, 1_000_000].map(efSearchFor);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(hnswSettingsFor(500)).toEqual({ space: "cosine", m: 16, efConstruction: 200, seed: 100, efSearch: efSearchFor(500) });
  });
});
