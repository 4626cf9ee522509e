import { describe, expect, it } from "vitest";
import { SentenceStream } from "../../src/write/sentence-stream.ts";

function cut(deltas: readonly string[]): string[][] {
  const stream = new SentenceStream();
  return [...deltas.map((delta) => stream.push(delta)), stream.flush()];
}

describe("SentenceStream", () => {
  it("releases a sentence only once what follows shows it ended, markers after the stop included", () => {
    expect(cut(["Beijing", ". [", "2] They", " met in June [2].", " Done"])).toEqual([
      [],
      [],
      ["Beijing. [2]"],
      [],
      ["They met in June [2]."],
      ["Done"],
    ]);
  });

  it("does not end a sentence at an initial, an abbreviation or a decimal point", () => {
    expect(cut(["Marco V. Balarezo said so [4]. Mr. Xi arrived on 1.5 days' notice [6]. End"]).flat()).toEqual([
      "Marco V. Balarezo said so [4].",
      "Mr. Xi arrived on 1.5 days' notice [6].",
      "End",
    ]);
  });

  it("cuts Chinese sentences at full-width stops and keeps full-width markers", () => {
    expect(cut(["星期四［１］。两国元首", "出席［１］。"]).flat()).toEqual(["星期四［１］。", "两国元首出席［１］。"]);
  });

  it("treats a line break as the end of a sentence", () => {
    expect(cut(["- Thursday [1]\n- both presidents [1]"]).flat()).toEqual(["- Thursday [1]", "- both presidents [1]"]);
  });
});
