import { describe, expect, it } from "vitest";
import { EVAL_CORPORA } from "../src/eval/eval-corpora.ts";
import { evaluateTestPart } from "./helpers/eval-test-part.ts";

/**
 * Floors on the cross-lingual test parts of the visit corpus (Spanish and Chinese questions over the
 * English article), a few points below what `npm run eval` measured with multilingual-e5-small and the
 * cross-lingual rules (bench/README.md, "Spanish and Chinese: abstaining on what the article does not say"):
 * Spanish strict hit 84.6%, grounded but wrong 10.0%, abstention recall 85.7%; Chinese 92.3%, 5.0%,
 * 85.7%; recall@5 100% for both. Each part has 20 items (13 answerable, 7 not: the first 14 and a blind
 * batch of 6 written before any run), so one item is 8 points of hits, 14 of recall and 5 of all items:
 * a floor a few points down fails on one more miss.
 */
const FLOORS = {
  es: { strictHit: 0.77, groundedWrongAtMost: 0.12, abstentionRecall: 0.82 },
  zh: { strictHit: 0.86, groundedWrongAtMost: 0.07, abstentionRecall: 0.82 },
} as const;

describe("cross-lingual quality on the visit test parts", () => {
  it.each(Object.entries(FLOORS))(
    "%s questions meet the measured floors, with every quote verbatim",
    async (language, floors) => {
      const corpus = EVAL_CORPORA.find((candidate) => candidate.name === "visit");
      if (!corpus) throw new Error("the visit corpus is missing from EVAL_CORPORA");
      const { items, report } = await evaluateTestPart({ corpus, language });
      expect(items.length).toBeGreaterThanOrEqual(10);
      expect(report.verbatimQuoteRate).toBe(1);
      expect(report.recallAt5).toBeGreaterThanOrEqual(0.9);
      expect(report.strictHitRate).toBeGreaterThanOrEqual(floors.strictHit);
      expect(report.groundedWrongRate).toBeLessThanOrEqual(floors.groundedWrongAtMost);
      expect(report.abstentionRecall).toBeGreaterThanOrEqual(floors.abstentionRecall);
    },
    180_000,
  );
});
