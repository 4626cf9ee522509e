import { describe, expect, it } from "vitest";
import { carriesFocus } from "../../src/answer/focus-checks.ts";
import { languageRules } from "../../src/answer/language-rules.ts";

const rules = languageRules("en");
const carries = (question: string, sentence: string) => carriesFocus({ question, sentence, rules });

describe("carriesFocus", () => {
  it("refuses the same noun after another name when the question's name is not said", () => {
    const desk = "The IT service desk is on the second floor of the Rotterdam office and is open from 8:00 to 18:00.";
    expect(carries("When does the Montreal office open in the morning?", desk)).toBe(false);
    expect(carries("When does the Rotterdam office open in the morning?", desk)).toBe(true);
    expect(carries("When does the office open?", desk)).toBe(true);
  });

  it("takes a demonym for its place's name", () => {
    const exports = "Greater diversification of Peruvian exports into nontraditional sectors is expected.";
    expect(carries("Which kind of products could Peru export more of?", exports)).toBe(true);
  });

  it("reads 'largest', 'biggest' and 'greatest' as one rank, and a compound's rank as its own", () => {
    const partner =
      "For five years, Norway has been Iceland's biggest trading partner, while Iceland has been Norway's second-largest market.";
    expect(carries("How long has Norway been Iceland's largest trading partner?", partner)).toBe(true);
    expect(carries("How long has Norway been Iceland's biggest trading partner?", partner)).toBe(true);
    // "second-largest" is the second rank, which "largest" does not ask about.
    expect(
      carries(
        "How long has Norway been Iceland's largest trading partner?",
        "For five years, Norway has been Iceland's second-largest trading partner.",
      ),
    ).toBe(false);
    // "One of the largest" ranks nothing first.
    expect(
      carries("Which is Iceland's biggest port investment?", "The new quay is considered one of the largest port investments in Iceland."),
    ).toBe(false);
    expect(carries("Which is Iceland's biggest port investment?", "The new quay is the largest port investment in Iceland.")).toBe(true);
    expect(
      carries(
        "What is one of the largest port investments in Iceland?",
        "The new quay is considered one of the largest port investments in Iceland.",
      ),
    ).toBe(true);
    expect(carries("Where was one of the biggest port investments made?", "The largest port investments were made in Iceland.")).toBe(true);
    // Order is not size: "first" is not "biggest".
    expect(carries("What was Iceland's first trading partner?", partner)).toBe(false);
  });

  it("needs the numbers the question pins ('in 3D', 'in 2019'), in digits or in words", () => {
    const printing = "Printing costs 10 cents per black-and-white page and 50 cents per colour page.";
    expect(carries("How much does it cost to print in 3D?", printing)).toBe(false);
    expect(carries("How much does it cost to print a page?", printing)).toBe(true);
    expect(carries("How much does it cost to print in 3D?", "3D printing costs 2 euros per hour.")).toBe(true);
    expect(carries("Which office opened in 2019?", "A second office opened in Montreal in 2019.")).toBe(true);
    expect(carries("What changes after 5 years of service?", "After five years of service, vacation rises to 28 days.")).toBe(true);
    // A yes/no question may pin a number the sentence does not say: "no" may be its answer.
    expect(carries("Does printing in 3D cost extra?", printing)).toBe(true);
  });
});
