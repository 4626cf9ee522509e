import { describe, expect, it } from "vitest";
import { EF_SEARCH_BY_SIZE, efSearchFor, hnswSettingsFor } from "../../src/store/ef-search.ts";

describe("efSearchFor", () => {
  it("takes the row of the smallest measured size at or above the index's, and the last row beyond", () => {
    const first = EF_SEARCH_BY_SIZE[0] as { upTo: number; efSearch: number };
    const second = EF_SEARCH_BY_SIZE[1] as { upTo: number; efSearch: number };
    const last = EF_SEARCH_BY_SIZE.at(-1) as { upTo: number; efSearch: number };
    expect(efSearchFor(1)).toBe(first.efSearch);
    expect(efSearchFor(first.upTo)).toBe(first.efSearch);
    expect(efSearchFor(first.upTo + 1)).toBe(second.efSearch);
    expect(efSearchFor(last.upTo * 10)).toBe(last.efSearch);
  });

  it("never lowers efSearch as the index grows, and records it with the build settings", () => {
    const values = EF_SEARCH_BY_SIZE.map((row) => row.efSearch);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(hnswSettingsFor(500)).toEqual({ space: "cosine", m: 16, efConstruction: 200, seed: 100, efSearch: efSearchFor(500) });
  });
});
