import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/text/sentences.ts";

const texts = (text: string) => splitSentences(text).map((span) => text.slice(span.start, span.end));

describe("splitSentences", () => {
  it("splits on terminators followed by a capital and keeps spans exact", () => {
    const text = "Xi arrives on Wednesday. He will meet the president! Will they sign? Yes.";
    expect(texts(text)).toEqual(["Xi arrives on Wednesday.", "He will meet the president!", "Will they sign?", "Yes."]);
  });

  it("does not split after initials, abbreviations or inside numbers", () => {
    const text = "Peruvian Ambassador Marco V. Balarezo said so. Mr. Smith paid 3.5 million U.S. dollars to Dr. Lee. Done.";
    expect(texts(text)).toEqual([
      "Peruvian Ambassador Marco V. Balarezo said so.",
      "Mr. Smith paid 3.5 million U.S. dollars to Dr. Lee.",
      "Done.",
    ]);
  });

  it("keeps closing quotes with their sentence and treats paragraphs as boundaries", () => {
    const text = '"We agree," he said. "It is done."\n\nA new paragraph without a stop\n\nLast one.';
    expect(texts(text)).toEqual(['"We agree," he said.', '"It is done."', "A new paragraph without a stop", "Last one."]);
  });

  it("does not split before a lowercase continuation", () => {
    expect(texts("The figure was approx. ten. then it rose.")).toHaveLength(1);
  });

  it("ends a sentence at a Chinese full stop, question or exclamation mark, a quotation with its attribution", () => {
    const text = "两国元首去年在旧金山会晤。今年六月，两国元首又在北京举行会谈！“钱凯港何时开港？”他问。 Then English.";
    expect(texts(text)).toEqual([
      "两国元首去年在旧金山会晤。",
      "今年六月，两国元首又在北京举行会谈！",
      "“钱凯港何时开港？”他问。",
      "Then English.",
    ]);
    expect(texts("他说：“我们同意。”")).toEqual(["他说：“我们同意。”"]);
  });

  it("starts a sentence at a Spanish opening question or exclamation mark", () => {
    const text = "El puerto abrirá el jueves. ¿Quién lo inaugurará? ¡Ambos presidentes! Fin.";
    expect(texts(text)).toEqual(["El puerto abrirá el jueves.", "¿Quién lo inaugurará?", "¡Ambos presidentes!", "Fin."]);
  });

  it("returns nothing for blank text", () => {
    expect(splitSentences("  \n\n ")).toEqual([]);
  });
});
