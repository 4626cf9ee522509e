import { describe, expect, it } from "vitest";
import { crossLingualRules } from "../../src/answer/cross-lingual-rules.ts";
import { carriesFocus } from "../../src/answer/focus-checks.ts";
import { consonantSkeleton, soundsLikeAny, transliteratedNames } from "../../src/answer/transliterated-names.ts";

const chinese = crossLingualRules("zh");

describe("foreign names a Chinese text spells by sound", () => {
  it("are runs of three transliteration characters or more, outside the spans already read", () => {
    expect(transliteratedNames("索尔贝格说了什么？").map((name) => [name.text, name.pinyin])).toEqual([["索尔贝格", "suoerbeige"]]);
    expect(transliteratedNames("拉美和亚太的合作")).toEqual([]);
    expect(transliteratedNames("俄罗斯总统", [{ start: 0, end: 3 }])).toEqual([]);
  });

  it("sound like the English spelling when their consonants agree", () => {
    expect(consonantSkeleton("Solberg")).toBe(consonantSkeleton("suoerbeige"));
    const [solberg] = transliteratedNames("索尔贝格");
    const [dewit] = transliteratedNames("德维特");
    if (!solberg || !dewit) throw new Error("names not read");
    expect(soundsLikeAny(solberg, ["Ingrid", "Solberg", "said"])).toBe(true);
    expect(soundsLikeAny(solberg, ["Tomás", "Ibarra"])).toBe(false);
    expect(soundsLikeAny(dewit, ["Pieter", "De", "Wit"])).toBe(true);
    expect(consonantSkeleton("Boluarte")).toBe(consonantSkeleton("boluaerte"));
    expect(consonantSkeleton("Balarezo")).toBe(consonantSkeleton("balaleisuo"));
    expect(consonantSkeleton("Boluarte")).not.toBe(consonantSkeleton("Balarezo"));
  });

  it("ask for that person as the sentence's speaker", () => {
    const question = "索尔贝格如何评价这项政策？";
    const focus = (sentence: string, previous?: string) => carriesFocus({ question, sentence, rules: chinese, previous });
    expect(focus("The policy is fair, Ingrid Solberg said.")).toBe(true);
    expect(focus("The policy is fair, Tomás Ibarra said.")).toBe(false);
    expect(focus("It is fair, she said.", "Ingrid Solberg said the policy was new.")).toBe(true);
    expect(focus("It is fair, she said.", "Tomás Ibarra said the policy was new.")).toBe(false);
  });

  it("are read by the Chinese rules, after the countries and roles the glossary reads", () => {
    expect(chinese.transliteratedNames?.("卡亚俄港有多大？").map((name) => name.text)).toEqual(["卡亚俄"]);
    expect(chinese.transliteratedNames?.("俄罗斯总统是谁？")).toEqual([]);
  });
});
