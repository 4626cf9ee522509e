import { describe, expect, it } from "vitest";
import { expectedAnswer, findSlotFiller } from "../../src/answer/answer-type.ts";
import type { CorpusLexicon } from "../../src/answer/corpus-lexicon.ts";
import { languageRules } from "../../src/answer/language-rules.ts";

const rules = languageRules("en");
const lexicon: CorpusLexicon = {
  lowercaseWords: new Set(["the", "rural", "communities", "access", "director", "team", "clean", "water"]),
  roleStems: new Set(["director", "ambassador"]),
  standaloneNames: new Set(["Peru"]),
  personNames: new Set(["ingrid", "solberg"]),
};

/** The words of `sentence` that answer "who" in `question`, or undefined. */
function who(question: string, sentence: string): string | undefined {
  const expected = expectedAnswer({ question, rules, lexicon });
  const span = findSlotFiller({ text: sentence, expected, context: { rules, lexicon, questionTerms: new Set(rules.terms(question)) } });
  return span ? sentence.slice(span.start, span.end) : undefined;
}

describe("'who' answered by whoever the sentence gives the question's noun to", () => {
  it("takes the owner of the question's noun when the sentence names no person or role", () => {
    const sentence = "The plan would close gaps in Peru, particularly regarding rural communities' access to digital services.";
    expect(who("Who lacks access to digital services in Peru?", sentence)).toBe("rural communities");
  });

  it("still prefers a person or a role, and an owner of another noun is no answer", () => {
    expect(who("Who approves the team's expense reports?", "The finance director approves the team's expense reports.")).toBe(
      "finance director",
    );
    expect(who("Who lacks clean water?", "The towns' roads were repaired last year.")).toBeUndefined();
  });
});
