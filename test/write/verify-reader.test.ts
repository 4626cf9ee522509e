import { describe, expect, it } from "vitest";
import { questionSlot, type Slot } from "../../src/write/question-slot.ts";
import { parseReaderOutput, verifyReaderAnswer } from "../../src/write/verify-reader.ts";
import { EVIDENCE, oneSentence } from "./evidence-fixture.ts";

/** The reader's answer checked against one crafted evidence sentence, numbered 1. */
function readOne(options: { sentence: string; question: string; answer: string; slot: Slot }) {
  const { sentence, question, answer, slot } = options;
  return verifyReaderAnswer({ output: { evidence: 1, answer }, evidence: [oneSentence(sentence)], question, slot });
}

/** One answer from one crafted sentence, checked against each question asked of it. */
function answerTo(sentence: string, answer: string, slot: Slot) {
  return (question: string) => readOne({ sentence, question, answer, slot });
}

function read(question: string, evidence: number, answer: string) {
  const slot = questionSlot(question);
  if (!slot) throw new Error(`not a factoid question: ${question}`);
  return verifyReaderAnswer({ output: { evidence, answer }, evidence: EVIDENCE, question, slot });
}

describe("verifyReaderAnswer: a short answer must be a span of its cited sentence, in the slot asked about", () => {
  it("accepts the right span of the right sentence", () => {
    expect(read("Who will inaugurate Chancay Port?", 1, "both presidents")).toMatchObject({ ok: true, span: "both presidents" });
    expect(read("In which city did Xi and Boluarte meet in June?", 2, "Beijing")).toMatchObject({ ok: true, span: "Beijing" });
    expect(read("When will the port be inaugurated?", 1, "Thursday")).toMatchObject({ ok: true });
    expect(read("Who is Peru's ambassador to China?", 4, "Marco V. Balarezo")).toMatchObject({ ok: true });
    expect(read("How many times has Xi visited Peru?", 6, "second")).toMatchObject({ ok: true });
  });

  it("counts with an ordinal only what the ordinal numbers: 'his second visit' answers how many visits, not how many meetings", () => {
    expect(read("How many times has Xi visited Peru?", 6, "second")).toMatchObject({ ok: true });
    expect(read("How many visits has Xi made to Peru?", 6, "second")).toMatchObject({ ok: true });
    expect(read("How many ministerial meetings have Peru and China held?", 6, "Second")).toMatchObject({
      ok: false,
      reason: "wrong_type",
    });
    // A digit the model wrote is still the sentence's ordinal: "2" is "second" there.
    expect(read("How many ministerial meetings have Peru and China held in recent years?", 5, "2")).toMatchObject({ ok: false });
    expect(read("How many ministerial meetings have Peru and China held in recent years?", 6, "2")).toMatchObject({ ok: false });
    // Inside "second-largest" it is a rank: it counts nothing.
    expect(read("How many investment destinations does China have in Latin America?", 5, "second")).toMatchObject({
      ok: false,
      reason: "wrong_type",
    });
  });

  it("counts with a number only the noun the question counts: '10 consecutive years' is no number of companies", () => {
    // The numbers of the sentence that count the question's noun, as the extractive answerer finds them.
    const counts = (question: string, counting: readonly string[]) =>
      verifyReaderAnswer({ output: { evidence: 5, answer: "10" }, evidence: EVIDENCE, question, slot: "quantity", counts: () => counting });
    expect(counts("How many Chinese companies have invested in Peru?", [])).toMatchObject({ ok: false, reason: "wrong_type" });
    expect(counts("For how many consecutive years has China been Peru's biggest trading partner?", ["10"])).toMatchObject({ ok: true });
    // Without the extractive reading of the question (another language), the number stands.
    expect(read("How many Chinese companies have invested in Peru?", 5, "10")).toMatchObject({ ok: true });
  });

  it("does not count what came before with an ordinal: the third meeting is not how many meetings came before it", () => {
    const ask = answerTo(
      "Xi's visit to Lima will mark the third meeting between the two presidents within a span of one year.",
      "third",
      "quantity",
    );
    expect(ask("How many times had the two presidents met before the Lima visit?")).toMatchObject({ ok: false, reason: "wrong_type" });
    expect(ask("How many times will the two presidents have met after the Lima visit?")).toMatchObject({ ok: true });
  });

  it("takes the period a count happened in for no length: 'his second visit in eight years' does not say how long a visit lasts", () => {
    const ask = answerTo("The mayor's trip will be his second visit to Saltmarsh in eight years.", "eight years", "quantity");
    expect(ask("How long will the mayor's visit to Saltmarsh last?")).toMatchObject({ ok: false, reason: "slot_mismatch" });
    expect(ask("¿Cuánto tiempo durará la visita del alcalde a Saltmarsh?")).toMatchObject({ ok: false, reason: "slot_mismatch" });
    // How long since the last visit is what the window says.
    expect(ask("How long has it been since the mayor last visited Saltmarsh?")).toMatchObject({ ok: true });
    const stay = answerTo("The mayor will stay in Saltmarsh for three days.", "three days", "quantity");
    expect(stay("How long will the mayor's visit to Saltmarsh last?")).toMatchObject({ ok: true });
  });

  it("takes the question's own person for no answer: 'Dina Ercilia Boluarte Zegarra' does not say whom Boluarte meets", () => {
    const ask = answerTo(
      "During the visit, he will hold talks with Peruvian President Dina Ercilia Boluarte Zegarra.",
      "Dina Ercilia Boluarte Zegarra",
      "person",
    );
    expect(ask("Who will Boluarte meet after Xi leaves Lima?")).toMatchObject({ ok: false, reason: "repeats_question" });
    expect(ask("Who will Xi hold talks with?")).toMatchObject({ ok: true });
    // "Who is Boluarte?" asks who she is: her full name tells it.
    expect(ask("Who is Boluarte?")).toMatchObject({ ok: true });
  });

  it("answers 'at what time' only with a time of day, not with the day", () => {
    expect(read("At what time will the port inauguration begin?", 1, "Thursday")).toMatchObject({ ok: false, reason: "wrong_type" });
    const sentence = "The ceremony will begin at 10 am on Thursday, the ambassador said.";
    expect(readOne({ sentence, question: "What time will the ceremony begin?", answer: "10 am", slot: "time" })).toMatchObject({
      ok: true,
    });
  });

  it("holds a 'which X' answer to the sentence's X: 'rural communities' are not the gaps 'social and development gaps' names", () => {
    const gaps = (answer: string) =>
      readOne({
        sentence:
          "China's advancements in digital transformation also offer a road map for closing social and development gaps in Peru, particularly regarding rural communities' access to technology and digital services, he said.",
        question: "Which gaps could China's digital transformation help Peru close?",
        answer,
        slot: "thing",
      });
    expect(gaps("rural communities")).toMatchObject({ ok: false, reason: "slot_mismatch" });
    expect(gaps("social and development gaps")).toMatchObject({ ok: true });
    expect(gaps("social and development")).toMatchObject({ ok: true });
    // Right after the noun: "new areas, such as environmental protection, e-commerce".
    expect(
      readOne({
        sentence: "The upgrade incorporates new areas, such as environmental protection, e-commerce and global supply chains.",
        question: "Which new areas will the upgraded trade agreement incorporate?",
        answer: "environmental protection, e-commerce and global supply chains",
        slot: "thing",
      }),
    ).toMatchObject({ ok: true });
    // A sentence without the noun leaves the span free: "China Daily" answers "Which newspaper ...?".
    expect(
      readOne({
        sentence: "Balarezo told China Daily in a written interview that exchanges matter.",
        question: "Which newspaper interviewed Balarezo?",
        answer: "China Daily",
        slot: "thing",
      }),
    ).toMatchObject({ ok: true });
  });

  it("takes the question's own place, in any language or as its demonym, for no answer", () => {
    expect(read("Which Chinese company will build the port?", 3, "China")).toMatchObject({ ok: false, reason: "repeats_question" });
    expect(read("秘鲁在哪个地区加强联系？", 4, "Peru")).toMatchObject({ ok: false, reason: "repeats_question" });
    expect(read("¿Qué país invierte en Perú?", 5, "Peru")).toMatchObject({ ok: false, reason: "repeats_question" });
    expect(read("¿Qué país es el segundo mayor destino de inversión de China en América Latina?", 5, "Peru")).toMatchObject({ ok: true });
  });

  it("does not give a place for a person: 'the other in Beijing' names no official", () => {
    expect(read("Which Chinese official met Balarezo in June?", 2, "Beijing")).toMatchObject({ ok: false, reason: "wrong_type" });
    expect(read("Who did Xi meet in June?", 2, "Beijing")).toMatchObject({ ok: false, reason: "wrong_type" });
    expect(read("Which ambassador spoke about the agreements?", 4, "Marco V. Balarezo")).toMatchObject({ ok: true });
  });

  it("catches the speaker given as the one who acts (the probe's 'Marco V. Balarezo will inaugurate the port [6]')", () => {
    expect(read("Who will inaugurate the port?", 3, "Balarezo")).toMatchObject({ ok: false, reason: "speaker_not_answer" });
    expect(read("Who will sign the agreements?", 4, "Marco V. Balarezo")).toMatchObject({ ok: false, reason: "speaker_not_answer" });
  });

  it("lets the speaker answer a question about who said or gave an interview, in Spanish and Chinese too", () => {
    expect(read("Who said Chancay Port is one of the largest port investments in South America?", 3, "Balarezo")).toMatchObject({
      ok: true,
    });
    expect(read("谁表示钱凯港是南美洲最大的港口投资之一？", 3, "Balarezo")).toMatchObject({ ok: true });
    expect(read("¿Quién dijo que el puerto de Chancay es una de las mayores inversiones portuarias?", 3, "Balarezo")).toMatchObject({
      ok: true,
    });
    expect(read("¿Quién inaugurará el puerto de Chancay?", 3, "Balarezo")).toMatchObject({ ok: false, reason: "speaker_not_answer" });
    expect(read("谁将为钱凯港揭幕？", 3, "Balarezo")).toMatchObject({ ok: false, reason: "speaker_not_answer" });
  });

  it("lets the speaker answer 'who is' questions, in any language, and number words are no qualifiers", () => {
    expect(read("Who is the Peruvian envoy quoted?", 4, "Marco V. Balarezo")).toMatchObject({ ok: true });
    expect(read("秘鲁驻华大使是谁？", 4, "Marco V. Balarezo")).toMatchObject({ ok: true });
    expect(read("Where did the two presidents meet last year?", 2, "San Francisco")).toMatchObject({ ok: true });
  });

  it("holds the span to the question's order: a sentence about the visit is no source for the first visit", () => {
    const talks = [oneSentence("During the visit, he will hold talks with President Dina Boluarte.")];
    const check = (question: string) =>
      verifyReaderAnswer({ output: { evidence: 1, answer: "Dina Boluarte" }, evidence: talks, question, slot: "person" });
    expect(check("Who was Peru's president during Xi's first visit?")).toMatchObject({ ok: false, reason: "slot_mismatch" });
    expect(check("Who will Xi hold talks with during the visit?")).toMatchObject({ ok: true });
    // A rank is no order: "second-largest" in the question does not ask for "second".
    expect(read("Which country has been China's second-largest investment destination?", 5, "Peru")).toMatchObject({ ok: true });
  });

  it("dates only the question's event even when it has one event word: 'starting on Wednesday' is not when Xi leaves", () => {
    expect(read("On which day will Xi leave Peru?", 6, "Wednesday")).toMatchObject({ ok: false, reason: "slot_mismatch" });
    expect(read("On which day does Xi's trip start?", 6, "Wednesday")).toMatchObject({ ok: true });
  });

  it("dates only the question's event: 'when will it take effect' is not answered by the month negotiations concluded", () => {
    const june = [oneSentence("In June the two sides announced the conclusion of negotiations to upgrade the free trade agreement.")];
    const check = (question: string) =>
      verifyReaderAnswer({ output: { evidence: 1, answer: "June" }, evidence: june, question, slot: "time" });
    expect(check("When will the free trade agreement upgrade take effect?")).toMatchObject({ ok: false, reason: "slot_mismatch" });
    expect(check("When did the two sides announce the conclusion of the negotiations?")).toMatchObject({ ok: true });
    // The phase asked about, start or end: the month negotiations concluded is not when they began.
    expect(check("When did the negotiations to upgrade the free trade agreement begin?")).toMatchObject({
      ok: false,
      reason: "slot_mismatch",
    });
    expect(check("When did the negotiations to upgrade the free trade agreement end?")).toMatchObject({ ok: true });
    expect(read("When does Xi's trip start?", 6, "Wednesday")).toMatchObject({ ok: true });
    expect(read("When will the port open?", 1, "Thursday")).toMatchObject({ ok: true });
    // One word the sentence says otherwise ("finish" for "conclusion") still dates the event.
    expect(check("When did the negotiations on the upgrade finish?")).toMatchObject({ ok: true });
  });

  it("takes a group as the answer to 'whose' ('rural communities')", () => {
    const access = [oneSentence("It matters for rural communities' access to technology, he said.")];
    expect(
      verifyReaderAnswer({
        output: { evidence: 1, answer: "rural communities" },
        evidence: access,
        question: "Whose access to technology did the ambassador single out?",
        slot: "person",
      }),
    ).toMatchObject({ ok: true, span: "rural communities" });
  });

  it("catches a role reversal: Peru's ambassador to China is not China's ambassador to Peru", () => {
    expect(read("Who is China's ambassador to Peru?", 4, "Marco V. Balarezo")).toMatchObject({ ok: false, reason: "role_mismatch" });
  });

  it("catches the same role from another sending country, with 'envoy' for 'ambassador' and 'in' for 'to'", () => {
    expect(read("Who is China's envoy in Lima?", 4, "Marco V. Balarezo")).toMatchObject({ ok: false, reason: "role_mismatch" });
    expect(read("Who is the Peruvian envoy to China?", 4, "Marco V. Balarezo")).toMatchObject({ ok: true });
    const unnamed = [{ ...(EVIDENCE[3] as (typeof EVIDENCE)[number]), number: 1, text: "The new ambassador to China, Ana Ruiz, arrived." }];
    expect(
      verifyReaderAnswer({
        output: { evidence: 1, answer: "Ana Ruiz" },
        evidence: unnamed,
        question: "Who is Peru's ambassador to China?",
        slot: "person",
      }),
    ).toMatchObject({ ok: true });
  });

  it("catches the owner of the relation given as its other end: Peru's biggest trading partner is not China's", () => {
    expect(read("Which country is China's biggest trading partner?", 5, "Peru")).toMatchObject({ ok: false, reason: "role_mismatch" });
    expect(read("Which country has been Peru's biggest trading partner?", 5, "China")).toMatchObject({ ok: true, span: "China" });
  });

  it("catches a rank the sentence adds to the question's superlative: second-largest is not the largest", () => {
    expect(read("Which country is China's largest investment destination in Latin America?", 5, "Peru")).toMatchObject({
      ok: false,
      reason: "slot_mismatch",
    });
    expect(read("Which country is China's second-largest investment destination in Latin America?", 5, "Peru")).toMatchObject({
      ok: true,
    });
  });

  it("checks a span many sentences hold in the one most about the question, not in a cited sentence that merely names it", () => {
    expect(read("Which country is China's largest investment destination in Latin America?", 4, "Peru")).toMatchObject({
      ok: false,
      reason: "slot_mismatch",
    });
    expect(read("Who will inaugurate Chancay Port?", 2, "both presidents")).toMatchObject({ ok: true, source: { number: 1 } });
  });

  it("keeps the cited sentence when the model added the question's word for the kind of answer ('Chancay Port' for 'to Chancay')", () => {
    expect(read("Which port will the new direct route from Shanghai reach?", 1, "Chancay Port")).toMatchObject({
      ok: true,
      span: "Chancay",
      source: { number: 1 },
    });
    expect(read("Which port is a landmark Belt and Road project?", 3, "Chancay Port")).toMatchObject({
      ok: true,
      span: "Chancay Port",
      source: { number: 3 },
    });
  });

  it("catches the other place of the sentence: San Francisco was last year, not June", () => {
    expect(read("In which city did Xi and Boluarte meet in June?", 2, "San Francisco")).toMatchObject({
      ok: false,
      reason: "slot_mismatch",
    });
  });

  it("catches a sentence that does not speak of the date the question asks about ('Lima' for the June meeting)", () => {
    const lima = {
      ...(EVIDENCE[0] as (typeof EVIDENCE)[number]),
      number: 7,
      text: "Xi's visit to Lima will mark the third meeting between the two presidents within a span of one year.",
    };
    const verdict = verifyReaderAnswer({
      output: { evidence: 7, answer: "Lima" },
      evidence: [...EVIDENCE, lima],
      question: "In which city did Xi and Boluarte meet in June?",
      slot: "place",
    });
    expect(verdict).toMatchObject({ ok: false, reason: "slot_mismatch", detail: "the cited sentence does not mention june" });
  });

  it("drops words no evidence sentence holds", () => {
    expect(read("Where did they meet in June?", 2, "Lima")).toMatchObject({ ok: false, reason: "not_in_evidence" });
  });

  it("takes the cited sentence's own words for a span written with another article or 'two' for 'both', and nothing else", () => {
    expect(read("Who will open the port?", 1, "the two presidents")).toMatchObject({
      ok: true,
      source: { number: 1 },
      span: "both presidents",
    });
    expect(read("Who will open the port?", 1, "the three presidents")).toMatchObject({ ok: false, reason: "not_in_evidence" });
    expect(read("Who will open the port?", 1, "the Peruvian presidents")).toMatchObject({ ok: false, reason: "not_in_evidence" });
  });

  it("takes words several sentences hold from the best ranked one where they pass every check, or drops them", () => {
    expect(read("Who will open the port?", 6, "both presidents")).toMatchObject({ ok: true, source: { number: 1 } });
    // Both sentences holding "Balarezo" ([3] and [4]) name him only as the speaker.
    expect(read("Who will inaugurate the port?", 6, "Balarezo")).toMatchObject({ ok: false, reason: "speaker_not_answer" });
    // The cited sentence holds the words but fails; the other holder is checked on its own.
    expect(read("In which city did Xi and Boluarte meet in June?", 2, "San Francisco")).toMatchObject({
      ok: false,
      reason: "slot_mismatch",
    });
  });

  it("cites the one sentence that holds the words when the model miscounted, and checks that sentence", () => {
    expect(read("When does Xi's trip start?", 1, "Wednesday")).toMatchObject({ ok: true, source: { number: 6 }, span: "Wednesday" });
    expect(read("In which city did Xi and Boluarte meet in June?", 1, "San Francisco")).toMatchObject({
      ok: false,
      reason: "slot_mismatch",
    });
  });

  it("drops an answer of the wrong type and a whole sentence", () => {
    expect(read("How much did the port cost?", 3, "one of the largest port investments")).toMatchObject({
      ok: false,
      reason: "wrong_type",
    });
    expect(read("When will the port be inaugurated?", 1, "both presidents")).toMatchObject({ ok: false, reason: "wrong_type" });
    // A time is a date, a year or a number with a time word, never a bare number; a year question wants a year.
    expect(read("In which year did China become Peru's biggest trading partner?", 5, "10")).toMatchObject({
      ok: false,
      reason: "wrong_type",
      detail: "the answer is not a year",
    });
    expect(read("When did China become Peru's biggest trading partner?", 5, "10")).toMatchObject({ ok: false, reason: "wrong_type" });
    expect(read("中国是哪一年成为秘鲁最大贸易伙伴的？", 5, "10")).toMatchObject({ ok: false, reason: "wrong_type" });
    expect(read("¿En qué año China se convirtió en el mayor socio comercial de Perú?", 5, "10")).toMatchObject({
      ok: false,
      reason: "wrong_type",
    });
    expect(read("In which year did the two presidents meet in San Francisco?", 2, "last year")).toMatchObject({ ok: true });
    expect(read("When did the two presidents meet in San Francisco?", 2, "last year")).toMatchObject({ ok: true });
    expect(
      read("How much did the port cost?", 3, "Chancay Port, a landmark project under the two countries' Belt and Road cooperation"),
    ).toMatchObject({
      ok: false,
      reason: "not_short",
    });
  });

  it("drops a role word given for a 'who is' question, in any language", () => {
    expect(read("秘鲁驻华大使是谁？", 4, "Ambassador")).toMatchObject({
      ok: false,
      reason: "wrong_type",
      detail: "the answer names no one",
    });
    expect(read("Who will inaugurate the port?", 1, "both presidents")).toMatchObject({ ok: true });
  });

  it("drops an answer that only repeats the question", () => {
    expect(read("Who will inaugurate Chancay Port?", 3, "Chancay Port")).toMatchObject({ ok: false, reason: "repeats_question" });
  });

  it("drops a citation out of range and takes evidence 0 as abstaining", () => {
    expect(read("Who will inaugurate the port?", 9, "both presidents")).toMatchObject({ ok: false, reason: "unknown_citation" });
    expect(read("Who is the mayor of Lima?", 0, "")).toEqual({ ok: "abstain" });
  });

  it("compares after folding case, accents and full-width forms", () => {
    expect(read("Where did they meet in June?", 2, "BEIJING")).toMatchObject({ ok: true });
    expect(read("¿En qué ciudad se reunieron en junio?", 2, "Béijing")).toMatchObject({ ok: true });
    expect(read("For how many consecutive years has China been Peru's biggest trading partner?", 5, "１０")).toMatchObject({ ok: true });
    expect(read("For how many consecutive years has China been Peru's biggest trading partner?", 5, "ten")).toMatchObject({ ok: true });
  });
});

describe("parseReaderOutput", () => {
  it("reads the first line's number and words, with brackets, quotes or a full-width colon", () => {
    expect(parseReaderOutput("2: Beijing")).toEqual({ evidence: 2, answer: "Beijing" });
    expect(parseReaderOutput('\n [2]： "Beijing" \nBecause the sentence says so.')).toEqual({ evidence: 2, answer: "Beijing" });
    expect(parseReaderOutput("0:")).toEqual({ evidence: 0, answer: "" });
  });

  it("refuses anything else", () => {
    expect(parseReaderOutput("Beijing [2]")).toBeUndefined();
    expect(parseReaderOutput('{"evidence": 1, "answer": "x"}')).toBeUndefined();
    expect(parseReaderOutput("The answer is 2: Beijing")).toBeUndefined();
    expect(parseReaderOutput("")).toBeUndefined();
    // "0" alone is the reply for "no sentence answers", with its colon left off.
    expect(parseReaderOutput("0")).toEqual({ evidence: 0, answer: "" });
    expect(parseReaderOutput("3")).toBeUndefined();
  });
});

describe("questionSlot", () => {
  it("finds the slot of factoid questions in English, Spanish and Chinese", () => {
    expect(questionSlot("Who will open it?")).toBe("person");
    expect(questionSlot("In which city did they meet in June?")).toBe("place");
    expect(questionSlot("When does the trip start?")).toBe("time");
    expect(questionSlot("How many agreements were signed?")).toBe("quantity");
    // A follow-up's opening conjunction is not the question: "And where …?" still asks for a place.
    expect(questionSlot("And where will the fourth one be held?")).toBe("place");
    expect(questionSlot("¿Y cuándo empieza el viaje?")).toBe("time");
    expect(questionSlot("And why does it matter?")).toBeUndefined();
    expect(questionSlot("¿Quién es el embajador de Perú en China?")).toBe("person");
    expect(questionSlot("¿Con quién se reunirá Xi en Perú?")).toBe("person");
    expect(questionSlot("With whom will Xi hold talks?")).toBe("person");
    expect(questionSlot("¿En qué ciudad se reunieron en junio?")).toBe("place");
    expect(questionSlot("Which region is Peru committed to strengthening its ties with as APEC host?")).toBe("place");
    expect(questionSlot("¿Con qué región quiere Perú fortalecer sus lazos?")).toBe("place");
    expect(questionSlot("港口什么时候落成？")).toBe("time");
    expect(questionSlot("At what time will the port inauguration begin?")).toBe("time");
    expect(questionSlot("¿A qué hora empieza la ceremonia?")).toBe("time");
    expect(questionSlot("仪式几点开始？")).toBe("time");
    // "在哪些方面" asks in which respects, not where.
    expect(questionSlot("中国在哪些方面的经验对秘鲁很有价值？")).toBeUndefined();
    expect(questionSlot("他们在哪里见面？")).toBe("place");
    expect(questionSlot("Which port will the new direct route from Shanghai reach?")).toBe("place");
  });

  it("reads Spanish 'what/which' questions as English ones are read: '¿Qué país ...?' a place, '¿Qué foro ...?' a thing, '¿Qué dijo ...?' free form", () => {
    expect(questionSlot("¿Qué país es el segundo mayor destino de inversión de China?")).toBe("place");
    expect(questionSlot("¿Qué foro organiza Perú este año?")).toBe("thing");
    expect(questionSlot("¿Qué dijo Balarezo sobre el puerto?")).toBeUndefined();
    expect(questionSlot("¿Qué es APEC?")).toBeUndefined();
  });

  it("leaves summaries, why-questions and several-part questions to free form", () => {
    expect(questionSlot("Summarise the interview in two sentences.")).toBeUndefined();
    expect(questionSlot("Why did Xi cancel the Chancay inauguration?")).toBeUndefined();
    expect(questionSlot("When and where will the port open?")).toBeUndefined();
    expect(questionSlot("Who is the ambassador? What did he say about trade?")).toBeUndefined();
    expect(questionSlot("When does Xi's trip start, and how many times will he have visited Peru?")).toBeUndefined();
    expect(questionSlot("What did President Boluarte say about the port?")).toBeUndefined();
    expect(questionSlot("Which company will operate the port?")).toBe("thing");
  });

  it("reads 'which official', 'what ministers', '¿qué funcionario?' as asking for a person", () => {
    expect(questionSlot("Which Chinese official met Balarezo in June?")).toBe("person");
    expect(questionSlot("What ministers will travel with Xi?")).toBe("person");
    expect(questionSlot("¿Qué funcionario chino se reunió con Balarezo?")).toBe("person");
    expect(questionSlot("Which official document was signed?")).toBe("thing");
  });
});
