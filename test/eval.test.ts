import { describe, expect, it } from "vitest";
import { EVAL_CORPORA } from "../src/eval/eval-corpora.ts";
import { loadEvalItems } from "../src/eval/eval-item.ts";

describe("the evaluation sets", () => {
  it.each(EVAL_CORPORA.map((corpus) => [corpus.name, corpus.setsDir]))(
    "%s has dev and test parts with the required mix",
    async (_, setsDir) => {
      const items = await loadEvalItems(setsDir);
      for (const split of ["dev", "test"]) {
        const part = items.filter((item) => item.split === split);
        const count = (kind: string) => part.filter((item) => item.kind === kind).length;
        expect(part.length, split).toBeGreaterThanOrEqual(30);
        expect(count("unanswerable"), split).toBeGreaterThanOrEqual(8);
        expect(count("conversational"), split).toBeGreaterThanOrEqual(2);
      }
    },
  );
});
