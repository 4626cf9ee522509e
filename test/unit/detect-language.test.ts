import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/text/detect-language.ts";

describe("detectLanguage", () => {
  it.each([
    "Who is Peru's ambassador to China?",
    "When does the trip start?",
    "what did they sign",
    "How big is the port?",
    "Is APEC held in Lima this year?",
  ])("English: %s", (question) => {
    expect(detectLanguage(question)).toBe("en");
  });

  it.each([
    "¿Quién es el embajador de Perú en China?",
    "quien es el embajador de peru en china",
    "¿Cuándo se inaugura el puerto?",
    "¿Y Chancay?",
    "¿Qué firmaron los dos presidentes?",
    "Cuantas veces ha venido Xi al Peru",
    "Dónde fue la reunión",
  ])("Spanish: %s", (question) => {
    expect(detectLanguage(question)).toBe("es");
  });

  it.each(["秘鲁驻华大使是谁？", "钱凯港什么时候开港", "APEC峰会在哪里举行？", "习近平这次访问秘鲁多久", "两国签了哪些协议", "几次？"])(
    "Chinese: %s",
    (question) => {
      expect(detectLanguage(question)).toBe("zh");
    },
  );

  it.each([
    ["French", "Qui est l'ambassadeur du Pérou en Chine ?"],
    ["Portuguese", "Quem é o embaixador do Peru na China?"],
    ["Italian", "Chi è l'ambasciatore del Perù in Cina?"],
    ["German", "Wer ist der Botschafter von Peru in China?"],
    ["Japanese", "ペルーの駐中国大使は誰ですか"],
    ["Korean", "페루의 주중 대사는 누구입니까?"],
    ["Russian", "Кто посол Перу в Китае?"],
    ["Arabic", "من هو سفير بيرو في الصين؟"],
  ])("other languages: %s", (_, question) => {
    expect(detectLanguage(question)).toBe("other");
  });

  it("takes a Latin sentence that names something in Chinese for the Latin language", () => {
    expect(detectLanguage("Who is 习近平?")).toBe("en");
    expect(detectLanguage("¿Quién es 习近平?")).toBe("es");
  });

  it("answers the fallback when the text gives no evidence, English by default", () => {
    for (const text of ["Balarezo?", "Chancay", "2024", "", "  ?! "]) {
      expect(detectLanguage(text), text).toBe("en");
      expect(detectLanguage(text, { fallback: "es" }), text).toBe("es");
    }
  });

  it("lets the fallback break a tie between languages", () => {
    // "no" is a function word of English and of Spanish alike.
    expect(detectLanguage("no")).toBe("en");
    expect(detectLanguage("no", { fallback: "es" })).toBe("es");
  });

  it("is deterministic and ignores width, case and accents", () => {
    expect(detectLanguage("¿QUIÉN ES EL EMBAJADOR?")).toBe("es");
    expect(detectLanguage("\uFF37\uFF48\uFF4F is he?")).toBe("en");
    const text = "¿Cuándo llegó Xi a Lima?";
    expect(new Set(Array.from({ length: 5 }, () => detectLanguage(text)))).toEqual(new Set(["es"]));
  });
});
