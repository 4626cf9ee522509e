import { describe, expect, it } from "vitest";
import { resolveQuestion } from "../../src/answer/resolve-question.ts";

const history = [
  { role: "user" as const, content: "Which port will the presidents inaugurate?" },
  { role: "assistant" as const, content: "The inauguration of the port on Thursday by both presidents." },
  { role: "user" as const, content: "When?" },
];

describe("resolveQuestion", () => {
  it("leaves a self-contained question alone", () => {
    expect(resolveQuestion({ question: "How long has China been Peru's biggest trading partner?", history })).toEqual({
      question: "How long has China been Peru's biggest trading partner?",
      query: "How long has China been Peru's biggest trading partner?",
      isFollowUp: false,
    });
  });

  it("adds the latest user turns, newest first, to a short or referring question", () => {
    expect(resolveQuestion({ question: "Who will open it?", history }).query).toBe(
      "Who will open it? When? Which port will the presidents inaugurate?",
    );
  });

  it("never takes the assistant's words into the query", () => {
    expect(resolveQuestion({ question: "And then?", history }).query).not.toContain("inauguration");
  });

  it("takes a Spanish question opening with 'y' or using a pronoun for a follow-up", () => {
    const spanish = [
      { role: "user" as const, content: "¿Quién es el embajador del Perú en China?" },
      { role: "assistant" as const, content: "Marco V. Balarezo." },
    ];
    expect(resolveQuestion({ question: "¿Y cuántos años lleva en el cargo?", history: spanish }).query).toBe(
      "¿Y cuántos años lleva en el cargo? ¿Quién es el embajador del Perú en China?",
    );
    expect(resolveQuestion({ question: "¿Dónde trabajaba él antes de llegar a Pekín?", history: spanish }).isFollowUp).toBe(true);
    expect(resolveQuestion({ question: "¿Yo puedo preguntar por el comercio bilateral?", history: spanish }).isFollowUp).toBe(false);
    expect(resolveQuestion({ question: "¿Con quién hablará Xi durante la visita?", history: spanish }).isFollowUp).toBe(false);
  });

  it("has nothing to add without earlier user turns", () => {
    expect(resolveQuestion({ question: "When?", history: [] })).toMatchObject({ query: "When?", isFollowUp: false });
  });
});
