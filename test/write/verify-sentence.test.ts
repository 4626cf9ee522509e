import { describe, expect, it } from "vitest";
import type { EvidenceSentence } from "../../src/write/evidence.ts";
import { assertedPremise, looksEnglish, saysMoreThanNames, verifySentence } from "../../src/write/verify-sentence.ts";
import { EVIDENCE, oneSentence } from "./evidence-fixture.ts";

function verdict(sentence: string, question = "When will the port be inaugurated?") {
  return verifySentence({ sentence, evidence: EVIDENCE, question, english: looksEnglish(question) });
}

describe("verifySentence: a free-form sentence ships only when its cited evidence holds what it claims", () => {
  it("passes a direct answer that cites the sentence holding its facts", () => {
    const result = verdict("Thursday: both presidents will inaugurate the port [1].");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.cited.map((source) => source.number)).toEqual([1]);
  });

  it("drops a sentence that cites nothing", () => {
    expect(verdict("Both presidents will inaugurate the port on Thursday.")).toMatchObject({ ok: false, reason: "no_citation" });
  });

  it("drops a marker with no sentence before it", () => {
    expect(verdict("[1].")).toMatchObject({ ok: false, reason: "off_evidence" });
    expect(verdict(" ; [1][2]。")).toMatchObject({ ok: false, reason: "off_evidence" });
  });

  it("drops a rank the evidence gives the same thing otherwise, reading 'second-largest' as one word", () => {
    const question = "Why is Peru China's largest investment destination in Latin America?";
    expect(verdict("Peru is China's largest investment destination in Latin America [5].", question)).toMatchObject({
      ok: false,
      reason: "unsupported_number",
    });
    expect(verdict("Peru is China's second-largest investment destination in Latin America [5].", question)).toMatchObject({ ok: true });
    // A thing the evidence ranks first stays first; a denial may name the question's rank.
    expect(verdict("China is Peru's biggest trading partner [5].", "Who is Peru's biggest trading partner?")).toMatchObject({ ok: true });
    expect(verdict("Peru is not China's largest investment destination but its second-largest [5].", question)).toMatchObject({ ok: true });
  });

  it("drops an answer to what one person said that cites another speaker's words", () => {
    const port = "Chancay Port is one of the largest port investments in South America [3].";
    expect(verdict(port, "What did President Boluarte say about Chancay Port?")).toMatchObject({
      ok: false,
      reason: "speaker_not_answer",
    });
    expect(verdict(port, "¿Qué dijo Boluarte sobre el puerto de Chancay?")).toMatchObject({ ok: false, reason: "speaker_not_answer" });
    expect(verdict(port, "What did Balarezo say about Chancay Port?")).toMatchObject({ ok: true });
    expect(verdict(port, "What did the ambassador say about Chancay Port?")).toMatchObject({ ok: true });
    // Only the current question counts, not an earlier turn among the user's words.
    expect(verdict(port, "What did President Boluarte say about APEC?\nWhat is Chancay Port?")).toMatchObject({ ok: true });
  });

  it("drops a citation to evidence that does not exist (out of range, zero)", () => {
    expect(verdict("The port opens on Thursday [7].")).toMatchObject({ ok: false, reason: "unknown_citation" });
    expect(verdict("The port opens on Thursday [0].")).toMatchObject({ ok: false, reason: "unknown_citation" });
    expect(verdict("The port opens on Thursday [1][9].")).toMatchObject({ ok: false, reason: "unknown_citation" });
  });

  it("drops a wrong number, even when another sentence holds it", () => {
    expect(verdict("The Chancay port cost $1.2 billion. [3]", "How much did the port cost?")).toMatchObject({
      ok: false,
      reason: "unsupported_number",
    });
    expect(
      verdict(
        "China has been Peru's biggest trading partner for 12 consecutive years [5].",
        "How long has China been Peru's top trading partner?",
      ),
    ).toMatchObject({
      ok: false,
      reason: "unsupported_number",
    });
    expect(verdict("It is his second visit in eight years [1].", "Is this Xi's first visit?")).toMatchObject({
      ok: false,
      reason: "unsupported_number",
    });
  });

  it("treats numerals and number words as the same number", () => {
    expect(verdict("It is his 2nd visit to Peru in 8 years [6].", "How many times has Xi visited Peru?").ok).toBe(true);
    expect(
      verdict("For ten consecutive years China has been Peru's biggest trading partner [5].", "How long has China been Peru's top partner?")
        .ok,
    ).toBe(true);
  });

  it("drops an invented name", () => {
    expect(verdict("Pedro Castillo will inaugurate the port on Thursday [1].", "Who will inaugurate the port?")).toMatchObject({
      ok: false,
      reason: "unsupported_name",
    });
  });

  it("drops the speaker made the actor: 'Marco V. Balarezo will inaugurate the port' passes a names check but not this", () => {
    expect(verdict("Marco V. Balarezo will inaugurate the port. [4]", "Who will inaugurate the port?")).toMatchObject({
      ok: false,
      reason: "speaker_not_answer",
    });
    expect(verdict("Balarezo will open it [3].", "Who will open the port?")).toMatchObject({ ok: false, reason: "speaker_not_answer" });
    // Any act, not only a listed one: "met", a past tense.
    expect(verdict("Balarezo met the housing minister [3].", "Which minister met Peru's housing minister?")).toMatchObject({
      ok: false,
      reason: "speaker_not_answer",
    });
    expect(verdict("Balarezo announced the agreements [3].", "Who announced the agreements?")).toMatchObject({
      ok: false,
      reason: "speaker_not_answer",
    });
    expect(verdict("Balarezo emphasized that Chancay Port is one of the largest port investments [3].", "What did Balarezo say?").ok).toBe(
      true,
    );
    expect(
      verdict(
        "Balarezo said that Chancay Port is one of the largest port investments in South America [3].",
        "What did Balarezo say about the port?",
      ).ok,
    ).toBe(true);
    expect(verdict("Marco V. Balarezo is Peru's ambassador to China [4].", "Who is Peru's ambassador to China?").ok).toBe(true);
  });

  it("drops a sentence citing the wrong evidence: the date or name is elsewhere", () => {
    expect(verdict("The port will be inaugurated on Thursday [2].")).toMatchObject({ ok: false, reason: "unsupported_date" });
    // [1] has neither: June, which only the question gives, is checked first.
    expect(verdict("They met in Beijing in June [1].", "Where did they meet in June?")).toMatchObject({
      ok: false,
      reason: "unsupported_date",
    });
    expect(verdict("They met in Beijing [1].", "Where did they meet in June?")).toMatchObject({ ok: false, reason: "unsupported_name" });
  });

  it("drops a number or date only the question has, stated rather than denied (an echoed false premise)", () => {
    expect(verdict("This is Xi's first visit to Peru [6].", "Why is this Xi's first visit to Peru?")).toMatchObject({
      ok: false,
      reason: "unsupported_number",
    });
    expect(verdict("Both presidents met in May [2].", "Why did both presidents meet in May?")).toMatchObject({
      ok: false,
      reason: "unsupported_date",
    });
    expect(
      verdict(
        "The sources do not say that this is Xi's first visit; they say it will be his second visit to Peru in eight years [6].",
        "Why is this Xi's first visit to Peru?",
      ).ok,
    ).toBe(true);
    expect(verdict("It is not his first visit: it is his second visit to Peru [6].", "Why is this Xi's first visit to Peru?").ok).toBe(
      true,
    );
    expect(verdict("They met in Beijing in June [2].", "Where did they meet in June?").ok).toBe(true);
  });

  it("drops an order the evidence does not state, though a count there folds to the same number ('first' is not 'one year')", () => {
    const question = "Why will the Lima visit be the first meeting between the two presidents?";
    const lima: EvidenceSentence = {
      ...(EVIDENCE[0] as EvidenceSentence),
      number: 7,
      text: "Xi's visit to Lima will mark the third meeting between the two presidents within a span of one year.",
    };
    const evidence = [...EVIDENCE, lima];
    const check = (sentence: string) => verifySentence({ sentence, evidence, question, english: true });
    expect(check("The Lima visit will be the first meeting between the two presidents within a span of one year [7].")).toMatchObject({
      ok: false,
      reason: "unsupported_number",
    });
    expect(check("The Lima visit will be the third meeting between the two presidents within a span of one year [7].").ok).toBe(true);
    expect(check("It will not be the first meeting; it will be the third meeting between the two presidents [7].").ok).toBe(true);
  });

  it("drops a sentence citing unrelated evidence even when it names nothing", () => {
    expect(
      verdict("Trade between the countries has grown steadily thanks to frequent political contact [6].", "Has trade grown?"),
    ).toMatchObject({
      ok: false,
      reason: "off_evidence",
    });
  });

  it("drops a sentence that restates the question and adds an answer its cited evidence does not hold", () => {
    const question = "What will the new direct route reduce dependence on?";
    // [5] is about trade partners: "intermediary routes" comes from [1], which it does not cite.
    expect(verdict("The new direct route will reduce dependence on intermediary routes [5].", question)).toMatchObject({
      ok: false,
      reason: "off_evidence",
    });
    expect(verdict("The new direct route will reduce dependence on intermediary routes [1].", question).ok).toBe(true);
    // The names of one sentence do not carry the words of another: [4] names the ambassador, the
    // interview sentence says what high-level exchanges are for.
    const exchanges = "Who is Balarezo?\nWhat did he say about high-level exchanges?";
    expect(
      verdict(
        "Peru's ambassador to China Marco V Balarezo said high-level exchanges are essential for strengthening mutual trust and friendship and expanding areas of cooperation [4].",
        exchanges,
      ),
    ).toMatchObject({ ok: false, reason: "off_evidence" });
    // Irregular verbs are the question's words: "met" is "meet".
    expect(verdict("They met in Beijing in June [2].", "Where did they meet in June?").ok).toBe(true);
  });

  it("drops a faithful sentence whose evidence shares none of the question's words: it answers another question", () => {
    const experience = [
      oneSentence(
        "The ambassador said that China's experience in infrastructure development, digital transformation and poverty reduction is highly valuable for Peru.",
      ),
    ];
    const check = (question: string) =>
      verifySentence({
        sentence: "The ambassador said China's experience in infrastructure development is highly valuable for Peru [1].",
        evidence: experience,
        question,
        english: true,
      });
    // The role and the framing ("ambassador", "describe") are no topic.
    expect(check("How does the ambassador describe sectors like agriculture and high-value fisheries?")).toMatchObject({
      ok: false,
      reason: "off_evidence",
    });
    expect(check("How does the ambassador describe China's experience?")).toMatchObject({ ok: true });
    // A bare name is a reader's span, and where the question says it was read is no topic.
    expect(
      verifySentence({
        sentence: "Marco V. Balarezo [4].",
        evidence: EVIDENCE,
        question: "Who is the Peruvian envoy to China quoted in the article?",
        english: true,
      }),
    ).toMatchObject({ ok: true });
    // A summary's sentences may each take one part of what it asks about.
    expect(check("Summarise the interview in two sentences.")).toMatchObject({ ok: true });
  });

  it("drops an answer to 'what was the X of Y' whose evidence never says X: 'significant' is no value", () => {
    const trade = [oneSentence("For 10 consecutive years, China has been Peru's biggest trading partner.")];
    const check = (question: string, sentence: string) => verifySentence({ sentence, evidence: trade, question, english: true });
    expect(
      check(
        "What was the value of Peru's exports to China last year?",
        "Peru's exports to China were significant, with China being Peru's biggest trading partner for 10 consecutive years [1].",
      ),
    ).toMatchObject({ ok: false, reason: "slot_mismatch" });
    // A name is answered by a name: "name" need not be written, nor "full", the question's one topic word.
    const president = [oneSentence("He will hold talks with Peruvian President Dina Ercilia Boluarte Zegarra.")];
    expect(
      verifySentence({
        sentence: "Peru's president is Dina Ercilia Boluarte Zegarra [1].",
        evidence: president,
        question: "What is the full name of Peru's president?",
        english: true,
      }),
    ).toMatchObject({ ok: true });
  });

  it("checks dates written in other languages against the English evidence", () => {
    const spanish = "¿Cuándo se inaugura el puerto?";
    expect(
      verifySentence({ sentence: "El jueves, por ambos presidentes [1].", evidence: EVIDENCE, question: spanish, english: false }).ok,
    ).toBe(true);
    expect(verifySentence({ sentence: "El viernes [1].", evidence: EVIDENCE, question: spanish, english: false })).toMatchObject({
      ok: false,
      reason: "unsupported_date",
    });
    const chinese = "港口什么时候落成？";
    expect(verifySentence({ sentence: "星期四［１］。", evidence: EVIDENCE, question: chinese, english: false }).ok).toBe(true);
    expect(verifySentence({ sentence: "星期五［１］。", evidence: EVIDENCE, question: chinese, english: false })).toMatchObject({
      ok: false,
      reason: "unsupported_date",
    });
  });

  it("reads a hyphenated name whole in the evidence too ('Asia-Pacific')", () => {
    const region = [
      oneSentence(
        "Balarezo said that Peru, as the host of APEC this year, is committed to strengthening its ties with the Asia-Pacific region.",
      ),
    ];
    const question = "Which region is Peru committed to strengthening its ties with?";
    expect(verifySentence({ sentence: "Asia-Pacific [1].", evidence: region, question, english: true }).ok).toBe(true);
    expect(verifySentence({ sentence: "Asia-Europe [1].", evidence: region, question, english: true })).toMatchObject({
      ok: false,
      reason: "unsupported_name",
    });
  });

  it("folds case, accents and full-width forms before comparing names and numbers", () => {
    expect(verdict("BEIJING hosted the June meeting [2].", "Where did they meet in June?").ok).toBe(true);
    expect(
      verifySentence({ sentence: "Se reunieron en Béijing en junio [2].", evidence: EVIDENCE, question: "¿Dónde?", english: false }).ok,
    ).toBe(true);
    expect(verdict("For １０ consecutive years China has been Peru's biggest trading partner [5].", "How long?").ok).toBe(true);
    expect(verdict("For １２ consecutive years China has been Peru's biggest trading partner [5].", "How long?")).toMatchObject({
      ok: false,
      reason: "unsupported_number",
    });
  });

  it("reads Peru's spelling of September as a month the evidence must hold", () => {
    const spanish = (sentence: string) => verifySentence({ sentence, evidence: EVIDENCE, question: "¿Cuándo?", english: false });
    expect(spanish("Se reunieron en Beijing en setiembre [2].")).toMatchObject({ ok: false, reason: "unsupported_date" });
    expect(spanish("Se reunieron en Beijing en septiembre [2].")).toMatchObject({ ok: false, reason: "unsupported_date" });
  });

  it("accepts names that come from the question rather than the evidence", () => {
    expect(
      verdict(
        "The sources do not say Boluarte cancelled it; the port is inaugurated on Thursday by both presidents [1].",
        "Why did Boluarte cancel the inauguration?",
      ).ok,
    ).toBe(true);
  });
});

describe("assertedPremise: an answer to 'why' must not state the question's premise where its evidence does not", () => {
  const question = "Why did China stop being Peru's biggest trading partner?";

  it("finds the question's own word stated as fact ('stopped'), names and numbers all checking out", () => {
    const sentence = "China stopped being Peru's biggest trading partner because of the last 10 years [5].";
    expect(verifySentence({ sentence, evidence: EVIDENCE, question, english: true }).ok).toBe(true);
    expect(assertedPremise({ sentence, evidence: EVIDENCE, question })).toEqual(["stop"]);
  });

  it("lets a correction, and a sentence in its evidence's words, through", () => {
    expect(
      assertedPremise({
        sentence: "The sources do not say that China stopped; they say it has been Peru's biggest trading partner for 10 years [5].",
        evidence: EVIDENCE,
        question,
      }),
    ).toBeUndefined();
    expect(
      assertedPremise({
        sentence: "China has been Peru's biggest trading partner for 10 consecutive years [5].",
        evidence: EVIDENCE,
        question,
      }),
    ).toBeUndefined();
  });

  it("leaves the question's word for why it asks ('matter', 'important') to the answer: that is no premise of fact", () => {
    expect(
      assertedPremise({
        sentence: "The route matters because it positions Peru as a gateway for South American trade with Asia [1].",
        evidence: EVIDENCE,
        question: "Why does the route matter for Peru?",
      }),
    ).toBeUndefined();
    expect(
      assertedPremise({
        sentence: "Chancay Port is important because it is one of the largest port investments in South America [3].",
        evidence: EVIDENCE,
        question: "Why is Chancay Port important?",
      }),
    ).toBeUndefined();
  });

  it("reads only why questions", () => {
    expect(
      assertedPremise({
        sentence: "China stopped being Peru's partner [5].",
        evidence: EVIDENCE,
        question: "Did China stop being Peru's partner?",
      }),
    ).toBeUndefined();
  });
});

describe("saysMoreThanNames", () => {
  it("tells a claim from a bare name or number", () => {
    expect(saysMoreThanNames("Marco V. Balarezo [1].")).toBe(false);
    expect(saysMoreThanNames("10 [5].")).toBe(false);
    expect(saysMoreThanNames("Balarezo said trade will grow [3].")).toBe(true);
  });
});

describe("looksEnglish", () => {
  it("tells English questions from Spanish and Chinese ones", () => {
    expect(looksEnglish("Who will open the port?")).toBe(true);
    expect(looksEnglish("¿Quién inaugurará el puerto?")).toBe(false);
    expect(looksEnglish("谁将为港口揭幕？")).toBe(false);
  });
});
