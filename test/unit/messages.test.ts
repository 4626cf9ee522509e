import { describe, expect, it } from "vitest";
import { answerLabels, withAnswerLead } from "../../src/i18n/answer-wording.ts";
import { DEFAULT_LANGUAGE, MESSAGE_LANGUAGES, message, messageLanguage, messageTable } from "../../src/i18n/messages.ts";
import { englishQuestionRulesApply } from "../../src/text/language.ts";

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();
}

describe("the message table", () => {
  const english = messageTable(DEFAULT_LANGUAGE);

  it("has English, Spanish and Chinese", () => {
    expect([...MESSAGE_LANGUAGES].sort()).toEqual(["en", "es", "zh"]);
  });

  it.each(MESSAGE_LANGUAGES)("has every message in %s, with the same placeholders as English", (language) => {
    const table = messageTable(language);
    expect(Object.keys(table).sort()).toEqual(Object.keys(english).sort());
    for (const [id, text] of Object.entries(table)) {
      expect(text.trim(), `${language}.${id}`).not.toBe("");
      expect(placeholders(text), `${language}.${id}`).toEqual(placeholders(english[id as keyof typeof english]));
    }
  });

  it.each(MESSAGE_LANGUAGES.filter((language) => language !== DEFAULT_LANGUAGE))("leaves no message of %s in English", (language) => {
    const untranslated = Object.entries(messageTable(language)).filter(([id, text]) => text === english[id as keyof typeof english]);
    expect(untranslated).toEqual([]);
  });

  it("says Spanish and Chinese in those languages, not in English", () => {
    expect(message("es", "abstain")).not.toBe(message("en", "abstain"));
    expect(message("zh", "abstain")).toMatch(/\p{Script=Han}/u);
    expect(message("es", "answerLead")).toBe("Según las fuentes:");
    expect(message("zh", "answerLead")).toBe("根据资料：");
  });

  it("answers languages without a table in English, and fills placeholders", () => {
    expect(messageLanguage("other")).toBe("en");
    expect(message("other", "abstain")).toBe(message("en", "abstain"));
    expect(message("es", "answerAnnouncement", { answer: "Sí.", count: "2" })).toBe("Respuesta: Sí. Fuentes: 2.");
    expect(message("en", "answerAnnouncement", { count: "2" })).toBe("Answer: {answer} Sources: 2.");
  });
});

describe("withAnswerLead", () => {
  const answer = "The inauguration of the port on Thursday by both presidents.";

  it("leads quotes in another language with one line in the asker's language", () => {
    expect(withAnswerLead({ answer, language: "es", quoteLanguages: ["en"] })).toBe(`Según las fuentes:\n${answer}`);
    expect(withAnswerLead({ answer, language: "zh", quoteLanguages: ["en", "en"] })).toBe(`根据资料：\n${answer}`);
    expect(withAnswerLead({ answer: "El puerto.", language: "en", quoteLanguages: ["es"] })).toBe("According to the sources:\nEl puerto.");
    expect(withAnswerLead({ answer, language: "es", quoteLanguages: ["es", "en"] })).toBe(`Según las fuentes:\n${answer}`);
  });

  it("adds nothing to quotes in the asker's language, or for a language without messages", () => {
    expect(withAnswerLead({ answer, language: "en", quoteLanguages: ["en"] })).toBe(answer);
    expect(withAnswerLead({ answer: "El puerto.", language: "es", quoteLanguages: ["es"] })).toBe("El puerto.");
    expect(withAnswerLead({ answer, language: "other", quoteLanguages: ["en"] })).toBe(answer);
  });
});

describe("answerLabels", () => {
  it("gives a client the wording around an answer in the answer's language", () => {
    expect(answerLabels("es")).toEqual({
      sources: "Fuentes",
      closestPassages: "Pasajes más cercanos",
      notInSources: "No está en las fuentes",
      answer: "Respuesta:",
      answerAnnouncement: "Respuesta: {answer} Fuentes: {count}.",
      abstentionAnnouncement: "Las fuentes no lo dicen. Pasajes más cercanos ofrecidos: {count}.",
    });
    expect(answerLabels("other")).toEqual(answerLabels("en"));
  });
});

describe("englishQuestionRulesApply", () => {
  it("holds only for English questions over documents that include English ones", () => {
    expect(englishQuestionRulesApply({ question: "en", documents: ["en"] })).toBe(true);
    expect(englishQuestionRulesApply({ question: "en", documents: ["en", "zh"] })).toBe(true);
    expect(englishQuestionRulesApply({ question: "es", documents: ["en"] })).toBe(false);
    expect(englishQuestionRulesApply({ question: "zh", documents: ["en"] })).toBe(false);
    expect(englishQuestionRulesApply({ question: "en", documents: ["es"] })).toBe(false);
  });
});
