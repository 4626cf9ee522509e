import { describe, expect, it } from "vitest";
import { similarityScaleFor, thresholdsFor } from "../../src/answer/model-thresholds.ts";
import { calibrateCosine, calibration, REFERENCE_SCALE } from "../../src/answer/similarity-scale.ts";

describe("similarity calibration", () => {
  it("leaves the reference model's cosines as they are", () => {
    const reference = calibration(REFERENCE_SCALE);
    for (const cosine of [-0.2, 0, 0.3, 0.75, 1]) {
      expect(reference.sentence(cosine)).toBeCloseTo(cosine, 12);
      expect(reference.word(cosine)).toBeCloseTo(cosine, 12);
    }
    expect(similarityScaleFor("sentence-transformers/all-MiniLM-L6-v2")).toEqual(REFERENCE_SCALE);
  });

  it("maps another model's unrelated cosine onto the reference's and keeps identical texts at 1", () => {
    const e5 = calibration(similarityScaleFor("intfloat/multilingual-e5-small"));
    expect(e5.word(0.853)).toBeCloseTo(REFERENCE_SCALE.unrelatedWord, 6);
    expect(e5.sentence(0.777)).toBeCloseTo(REFERENCE_SCALE.unrelatedSentence, 6);
    expect(e5.word(1)).toBeCloseTo(1, 12);
    // e5 puts unrelated words at 0.85: on the reference scale they fall below a 0.3 threshold, a synonym pair above.
    expect(e5.word(0.85)).toBeLessThan(0.3);
    expect(e5.word(0.93)).toBeGreaterThan(0.5);
  });

  it("keeps the order of similarities", () => {
    const values = [0.7, 0.8, 0.85, 0.9, 0.99].map((cosine) => calibrateCosine({ cosine, unrelated: 0.8, reference: 0.2 }));
    expect([...values].sort((a, b) => a - b)).toEqual(values);
  });

  it("gives a model it does not know the reference scale and thresholds", () => {
    expect(similarityScaleFor("some/other-model")).toEqual(REFERENCE_SCALE);
    expect(thresholdsFor("some/other-model")).toEqual(thresholdsFor("sentence-transformers/all-MiniLM-L6-v2"));
  });
});
