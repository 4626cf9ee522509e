import { describe, expect, it } from "vitest";
import { analyze, STOP_WORDS } from "../../src/text/analyze.ts";
import { stem } from "../../src/text/porter-stemmer.ts";

describe("stem", () => {
  // Inputs and outputs from Porter's 1980 paper and the reference vocabulary that accompanies the algorithm.
  it.each([
    ["caresses", "caress"],
    ["ponies", "poni"],
    ["ties", "ti"],
    ["cats", "cat"],
    ["feed", "feed"],
    ["agreed", "agre"],
    ["plastered", "plaster"],
    ["motoring", "motor"],
    ["sing", "sing"],
    ["conflated", "conflat"],
    ["sized", "size"],
    ["hopping", "hop"],
    ["falling", "fall"],
    ["hissing", "hiss"],
    ["filing", "file"],
    ["happy", "happi"],
    ["sky", "sky"],
    ["relational", "relat"],
    ["conditional", "condit"],
    ["rational", "ration"],
    ["generalization", "gener"],
    ["generalizations", "gener"],
    ["oscillators", "oscil"],
    ["hopefulness", "hope"],
    ["electrical", "electr"],
    ["replacement", "replac"],
    ["adjustment", "adjust"],
    ["adoption", "adopt"],
    ["effective", "effect"],
    ["running", "run"],
    ["controlling", "control"],
    ["probate", "probat"],
    ["rate", "rate"],
    ["cease", "ceas"],
  ])("%s -> %s", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it("leaves short words, numbers and non-ASCII words alone", () => {
    expect(stem("is")).toBe("is");
    expect(stem("2024")).toBe("2024");
    expect(stem("lima")).toBe("lima");
    expect(stem("señores")).toBe("señores");
  });
});

describe("STOP_WORDS", () => {
  it("is a standard-size English list of lowercase words", () => {
    expect(STOP_WORDS.size).toBeGreaterThanOrEqual(120);
    expect(STOP_WORDS.size).toBeLessThanOrEqual(180);
    for (const word of STOP_WORDS) {
      expect(word).toMatch(/^[a-z]+$/);
    }
  });
});

describe("analyze", () => {
  it("lowercases, drops stop words and stems", () => {
    expect(analyze("The President was visiting the running ports of Peru")).toEqual(["presid", "visit", "run", "port", "peru"]);
  });

  it("splits on apostrophes so possessives and contractions leave only the word", () => {
    expect(analyze("Peru's port")).toEqual(["peru", "port"]);
    expect(analyze("Peru\u2019s port")).toEqual(["peru", "port"]);
    expect(analyze("It doesn't matter")).toEqual(["matter"]);
  });

  it("keeps numbers as tokens and splits on punctuation and hyphens", () => {
    expect(analyze("In 2024, 10 ships docked at Chancay-port.")).toEqual(["2024", "10", "ship", "dock", "chancai", "port"]);
  });

  it("keeps non-English letters and normalises compatibility forms", () => {
    expect(analyze("Señor GARCÍA")).toEqual(["señor", "garcía"]);
    // NFKC folds full-width letters and digits and the "fi" ligature into plain ones.
    expect(analyze("\uFF30\uFF45\uFF52\uFF55 \uFF12\uFF10\uFF12\uFF14 \uFB01nance")).toEqual(["peru", "2024", "financ"]);
    // Decomposed "é" (e + combining accent) matches the precomposed one.
    expect(analyze("cafe\u0301")).toEqual(analyze("caf\u00E9"));
  });

  it("returns nothing for empty, punctuation-only or stop-word-only text", () => {
    expect(analyze("")).toEqual([]);
    expect(analyze("  ?! -- ...")).toEqual([]);
    expect(analyze("to be or not to be")).toEqual([]);
  });
});
