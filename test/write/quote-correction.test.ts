import { describe, expect, it } from "vitest";
import type { EvidenceSentence } from "../../src/write/evidence.ts";
import { quoteCorrection } from "../../src/write/quote-correction.ts";
import { verifySentence } from "../../src/write/verify-sentence.ts";
import { EVIDENCE } from "./evidence-fixture.ts";

// A sentence of the corpus article the fixture does not hold, numbered after it.
const UPGRADE =
  "It was during the Peruvian president's visit to China in June that the two sides announced the conclusion of substantial negotiations to upgrade Peru's free trade agreement with China, aiming to expand bilateral trade by incorporating new areas, such as environmental protection, e-commerce and global supply chains.";
const EVIDENCE_WITH_UPGRADE: readonly EvidenceSentence[] = [
  ...EVIDENCE,
  { ...(EVIDENCE[0] as EvidenceSentence), number: 7, start: 9000, end: 9000 + UPGRADE.length, text: UPGRADE },
];
const QUESTION = "Why did Peru end its free trade agreement with China?";

describe("quoteCorrection: a premise correction says what the sources say in their own words", () => {
  it("puts the cited sentence's clause closest to the question in place of a loose paraphrase", () => {
    const sentence = "The sources do not say that Peru ended its free trade agreement with China; they say it was concluded in June [7].";
    const quoted = quoteCorrection({ sentence, evidence: EVIDENCE_WITH_UPGRADE, question: QUESTION });
    expect(quoted).toBe(
      "The sources do not say that Peru ended its free trade agreement with China; they say “It was during the Peruvian president's visit to China in June that the two sides announced the conclusion of substantial negotiations to upgrade Peru's free trade agreement with China” [7].",
    );
    const clause = /“(.*)”/.exec(quoted ?? "")?.[1] ?? "";
    expect(UPGRADE).toContain(clause);
    expect(verifySentence({ sentence: quoted ?? "", evidence: EVIDENCE_WITH_UPGRADE, question: QUESTION, english: true }).ok).toBe(true);
  });

  it("picks the clause by the question's words, not the sentence's first clause", () => {
    const quoted = quoteCorrection({
      sentence: "The sources do not say that the port is in Brazil; they say it links Asia with Peru [1].",
      evidence: EVIDENCE,
      question: "Why is the Chancay port positioning Brazil as a gateway for trade with Asia?",
    });
    expect(quoted).toBe(
      "The sources do not say that the port is in Brazil; they say “reducing dependence on intermediary routes and positioning Peru as a gateway for South American trade with Asia” [1].",
    );
  });

  it("quotes a clause without the participle that frames it as a remark ('Noting that …')", () => {
    const PILLAR =
      "Noting that infrastructure has been a fundamental pillar of China's development, Balarezo said that Peru could benefit from the nation's experience in planning and executing large projects that are crucial to improving the country's connectivity, productivity and competitiveness.";
    const evidence: readonly EvidenceSentence[] = [
      { ...(EVIDENCE[0] as EvidenceSentence), number: 1, start: 0, end: PILLAR.length, text: PILLAR },
    ];
    const quoted = quoteCorrection({
      sentence: "The sources do not say that infrastructure was a weakness of China; they say it helped it grow [1].",
      evidence,
      question: "Why was infrastructure a weakness in China's development?",
    });
    expect(quoted).toBe(
      "The sources do not say that infrastructure was a weakness of China; they say “infrastructure has been a fundamental pillar of China's development” [1].",
    );
    expect(PILLAR).toContain(/“(.*)”/.exec(quoted ?? "")?.[1] ?? "-");
  });

  it("leaves a correction alone when its claim already is the cited sentence's own words", () => {
    const sentence = "The sources do not say that it is his first visit; they say it will be his second visit to Peru in eight years [6].";
    expect(quoteCorrection({ sentence, evidence: EVIDENCE, question: "Why is this Xi's first visit to Peru?" })).toBeUndefined();
  });

  it("quotes the clause with its subject when the claim starts with a pronoun that may stand for it ('it will establish ...')", () => {
    const quoted = quoteCorrection({
      sentence:
        "The sources do not say that the Chinese premier will inaugurate the Chancay port; they say it will establish a direct route from Shanghai to Chancay across the Pacific [1].",
      evidence: EVIDENCE,
      question: "Why will the Chinese premier inaugurate the Chancay port?",
    });
    expect(quoted).toBe(
      "The sources do not say that the Chinese premier will inaugurate the Chancay port; they say “The inauguration of the port on Thursday by both presidents will establish a direct route from Shanghai to Chancay across the Pacific” [1].",
    );
    // Words that run over several of the sentence's clauses: placed by the first.
    expect(
      quoteCorrection({
        sentence:
          "The sources do not say that the Chinese premier will inaugurate the Chancay port; they say it will establish a direct route from Shanghai to Chancay across the Pacific, reducing dependence on intermediary routes [1].",
        evidence: EVIDENCE,
        question: "Why will the Chinese premier inaugurate the Chancay port?",
      }),
    ).toBe(quoted);
  });

  it("leaves other sentences and corrections without a cited sentence alone", () => {
    expect(
      quoteCorrection({ sentence: "Both presidents will open the port [1].", evidence: EVIDENCE, question: QUESTION }),
    ).toBeUndefined();
    expect(
      quoteCorrection({ sentence: "The sources do not say that; they say it was upgraded [9].", evidence: EVIDENCE, question: QUESTION }),
    ).toBeUndefined();
  });
});
