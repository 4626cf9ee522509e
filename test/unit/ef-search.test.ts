import { describe, expect, it } from "vitest";
import { EF_SEARCH_PER_DOUBLING, efSearchFor, HNSW_BY_SIZE, hnswDegreeFor, hnswSettingsFor } from "../../src/store/ef-search.ts";

describe("efSearchFor", () => {
  it("takes the row of the smallest measured size at or above the index's, and grows past the last row", () => {
    const first = HNSW_BY_SIZE[0] as { upTo: number; efSearch: number };
    const second = HNSW_BY_SIZE[1] as { upTo: number; efSearch: number };
    const last = HNSW_BY_SIZE.at(-1) as { upTo: number; efSearch: number };
    expect(efSearchFor(1)).toBe(first.efSearch);
    expect(efSearchFor(first.upTo)).toBe(first.efSearch);
    expect(efSearchFor(first.upTo + 1)).toBe(second.efSearch);
    // EF_SEARCH_PER_DOUBLING more per doubling beyond the table, rounded up to a multiple of 8.
    expect(efSearchFor(last.upTo * 2)).toBe(Math.ceil((last.efSearch + EF_SEARCH_PER_DOUBLING) / 8) * 8);
    expect(efSearchFor(last.upTo * 4)).toBe(Math.ceil((last.efSearch + 2 * EF_SEARCH_PER_DOUBLING) / 8) * 8);
    expect(efSearchFor(last.upTo + 1)).toBeGreaterThan(last.efSearch);
  });

  it("never lowers the search effort as the index grows: M never falls, nor efSearch while M stays", () => {
    const sizes = [1, 500, 1_000, 5_000, 10_000, 40_000, 50_000, 80_000, 100_000, 150_000, 200_000, 1_000_000];
    const settings = sizes.map(hnswSettingsFor);
    settings.slice(1).forEach((current, index) => {
      const previous = settings[index] as { m: number; efSearch: number };
      expect(current.m).toBeGreaterThanOrEqual(previous.m);
      if (current.m === previous.m) expect(current.efSearch).toBeGreaterThanOrEqual(previous.efSearch);
    });
  });

  it("builds the largest indexes with a wider graph, and records M and efSearch with the build settings", () => {
    expect(hnswSettingsFor(500)).toEqual({ space: "cosine", m: 16, efConstruction: 200, seed: 100, efSearch: efSearchFor(500) });
    expect(hnswDegreeFor(100_000)).toBe(16);
    expect(hnswDegreeFor(100_001)).toBe(32);
    expect(hnswSettingsFor(2_000_000).m).toBe(32);
  });
});
