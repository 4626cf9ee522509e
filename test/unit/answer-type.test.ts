import { describe, expect, it } from "vitest";
import { countingNumbers, expectedAnswer, findSlotFiller } from "../../src/answer/answer-type.ts";
import type { CorpusLexicon } from "../../src/answer/corpus-lexicon.ts";
import { languageRules, stemEnglish } from "../../src/answer/language-rules.ts";
import { tokenize } from "../../src/answer/sentence-tokens.ts";
import { analyze } from "../../src/text/analyze.ts";

const rules = languageRules("en");
const lexicon: CorpusLexicon = {
  lowercaseWords: new Set(["the", "harbour", "expense", "reports", "during", "mayor", "ambassador", "president"]),
  roleStems: new Set(["mayor", "ambassador", "presid", "lead", "director", "master"]),
  standaloneNames: new Set(["China", "Peru"]),
  personNames: new Set(["lena", "ortiz", "marco", "v.", "balarezo", "ingrid", "solberg", "dina", "boluarte"]),
};

/** The words of `sentence` that fill the slot `question` asks for, or undefined. */
function filler(question: string, sentence: string): string | undefined {
  const expected = expectedAnswer({ question, rules, lexicon });
  const span = findSlotFiller({ text: sentence, expected, context: { rules, lexicon, questionTerms: new Set(analyze(question)) } });
  return span ? sentence.slice(span.start, span.end) : undefined;
}

describe("expectedAnswer", () => {
  it.each([
    ["Who approves expense reports?", "person"],
    ["Where did the presidents meet?", "place"],
    ["Which city will Xi visit?", "named"],
    ["When will the port open?", "time"],
    ["On which weekday does the trip start?", "weekday"],
    ["In which year was the company founded?", "year"],
    ["How many vacation days do I get?", "quantity"],
    ["How much does the hotel cost?", "money"],
    ["How long is parental leave?", "duration"],
    ["How often are laptops replaced?", "frequency"],
    ["What is the population of Chancay?", "quantity"],
    ["What was the size of the delegation?", "quantity"],
    ["What does APEC represent?", "any"],
    ["Where does Peru rank among investment destinations?", "any"],
  ])("%s asks for a %s", (question, slot) => {
    expect(expectedAnswer({ question, rules, lexicon }).slot).toBe(slot);
  });

  it("takes the counted noun of 'how many' and its head", () => {
    expect(expectedAnswer({ question: "How many unused vacation days can be carried over?", rules, lexicon }).counted).toMatchObject({
      head: stemEnglish("days"),
      generic: false,
    });
    expect(expectedAnswer({ question: "How many times has he visited?", rules, lexicon }).counted?.generic).toBe(true);
  });

  it("finds the numbers that count the question's noun, for the writer's short answers", () => {
    const counting = (question: string, sentence: string) => countingNumbers(sentence, expectedAnswer({ question, rules, lexicon }));
    const trade = "For 10 consecutive years, China has been Peru's biggest trading partner.";
    expect(counting("For how many consecutive years has China been Peru's biggest trading partner?", trade)).toEqual(["10"]);
    expect(counting("How many Chinese companies have invested in Peru?", trade)).toEqual([]);
    expect(counting("How many vacation days do I get?", "Staff get 25 days of paid vacation a year.")).toEqual(["25"]);
    // "How many times" counts anything; a question that is not "how many" has nothing to count.
    expect(counting("How many times has he visited?", trade)).toBeUndefined();
    expect(counting("When did the trip start?", trade)).toBeUndefined();
  });

  it("reads 'who is the X' as asking for the holder of role X, narrowed as the question narrows it", () => {
    const expected = expectedAnswer({ question: "Who is Peru's ambassador to China?", rules, lexicon });
    expect(expected.identity).toBe(true);
    expect(expected.roles).toEqual([{ stem: "ambassador", before: "peru", after: "china" }]);
    expect(expectedAnswer({ question: "Who is the Chinese president's spokesperson?", rules, lexicon }).roles[0]?.stem).toBe(
      "spokesperson",
    );
  });

  it("gives no slot for a language without rules", () => {
    expect(expectedAnswer({ question: "Wer genehmigt Spesenabrechnungen?", rules: languageRules("other"), lexicon }).slot).toBe("any");
  });
});

describe("findSlotFiller", () => {
  it("does not take the quoted speaker as the answer to 'who'", () => {
    expect(filler("Who will open the harbour?", "The harbour will open on Friday, the mayor said.")).toBeUndefined();
    expect(filler("Who will open the harbour?", "The harbour will be opened on Friday by Mayor Lena Ortiz, officials said.")).toBe(
      "Mayor Lena Ortiz",
    );
  });

  it("answers 'who is the X' with the name beside role X, even in an attribution", () => {
    const sentence = "Trade will grow, Peruvian Ambassador to China Marco V. Balarezo said.";
    expect(filler("Who is the ambassador?", sentence)).toBe("Marco V. Balarezo");
    expect(filler("Who is Peru's ambassador to China?", sentence)).toBe("Marco V. Balarezo");
    expect(filler("Who is China's ambassador to Peru?", sentence)).toBeUndefined();
    expect(filler("Who is the finance director?", "The finance director, Ingrid Solberg, owns the budget.")).toBe("Ingrid Solberg");
  });

  it("answers 'who' with a role phrase the corpus uses, preferring the agent after 'by'", () => {
    const sentence = "Expense reports are approved by your team lead; larger ones also need the finance director's approval.";
    expect(filler("Who approves expense reports?", sentence)).toBe("team lead");
  });

  it("does not answer 'who will X meet' with a phrase for both parties, which X is one of", () => {
    const sentence = "The visit will be the third meeting between the two presidents.";
    expect(filler("Who will Boluarte meet during the visit?", sentence)).toBeUndefined();
    expect(filler("Who will Boluarte meet during the visit?", "Boluarte will meet the mayor in Lima.")).toBe("mayor");
    // Asked for who acts, the pair answers.
    expect(filler("Who will open the harbour?", "Both presidents will open the harbour on Thursday.")).toBe("Both presidents");
  });

  it("counts the noun a few words after the number", () => {
    expect(
      filler("How many vacation days do full-time employees get?", "Employees are entitled to 25 days of paid vacation per year."),
    ).toBe("25 days");
    expect(filler("How many vacation days do full-time employees get?", "Vacation requests go to your team lead.")).toBeUndefined();
    expect(filler("How many employees does the company have?", "The company has about 140 employees.")).toBe("140 employees");
  });

  it("asks an amount of the right kind", () => {
    expect(filler("How much is the daily meal allowance?", "The daily meal allowance is 45 euros.")).toBe("45 euros");
    expect(
      filler("How much did China invest in the port?", "The port is one of the largest port investments in South America."),
    ).toBeUndefined();
  });

  it("finds places, times and years, nearest the question's words", () => {
    const sentence = "They met twice, once in San Francisco last year and once in Beijing in June.";
    expect(filler("Where did they meet last year?", sentence)).toBe("San Francisco");
    expect(filler("Where did they meet in June?", sentence)).toBe("Beijing");
    expect(filler("When did they meet in Beijing?", sentence)).toBe("June");
    expect(filler("In which year was the company founded?", "Tidewater Labs was founded in 2011 in Rotterdam.")).toBe("2011");
    expect(filler("Where is the head office?", "Tidewater Labs was founded in 2011 in Rotterdam.")).toBe("Rotterdam");
    expect(filler("Where is the embassy?", "The deal will be signed during a visit to the Latin American country.")).toBeUndefined();
    expect(filler("Where is the embassy?", "The embassy is in Lima, near the Peruvian coast.")).toBe("Lima");
  });

  it("answers 'whose' with the owner written before the noun", () => {
    expect(filler("Whose access to services is a concern?", "The concern is rural communities' access to services.")).toBe(
      "rural communities",
    );
    expect(filler("Whose experience is valuable?", "China's experience is valuable for Peru.")).toBe("China");
    expect(filler("Whose experience is valuable?", "Experience is valuable.")).toBeUndefined();
  });

  it("does not answer with what the question already says", () => {
    expect(filler("Who was Peru's president before Boluarte?", "Peruvian President Dina Boluarte met Xi.")).toBeUndefined();
  });

  it("takes a weekday only for 'which day'", () => {
    expect(filler("On which day will the port open?", "The port opens on Thursday, a year after work began last year.")).toBe("Thursday");
    expect(filler("On which day will the port open?", "The port opened last year.")).toBeUndefined();
  });

  it("takes a duration or a frequency beside a name the question says, as a date", () => {
    // None of the question's other words is in the sentence ("last"): its names anchor how long and how often.
    const sentence = "The new ferry line opened last week; it is the mayor's second trip to Saltmarsh in eight years.";
    const anchored = (question: string) => {
      const expected = expectedAnswer({ question, rules, lexicon });
      const context = { rules, lexicon, questionTerms: new Set(analyze(question)) };
      const span = findSlotFiller({ text: sentence, expected, context, anchors: new Set<number>() });
      return span ? sentence.slice(span.start, span.end) : undefined;
    };
    expect(anchored("How long has it been since the mayor was last in Saltmarsh?")).toBe("eight years");
    expect(anchored("How long has it been since the mayor was last in Northgate?")).toBeUndefined();
    expect(anchored("How often has the mayor been to Saltmarsh?")).toBe("second");
    // Across languages the names are all a question shares with a sentence: only a date stands by them.
    const question = "How long has it been since the mayor was last in Saltmarsh?";
    const expected = expectedAnswer({ question, rules, lexicon });
    const context = { rules, lexicon, questionTerms: new Set(analyze(question)), crossLingual: true };
    expect(findSlotFiller({ text: sentence, expected, context, anchors: new Set<number>() })).toBeUndefined();
  });

  it("takes the period a count happened in for no length of stay: 'his second trip in eight years' is how often, not how long", () => {
    const sentence = "The mayor's second trip to Saltmarsh in eight years starts on Monday.";
    expect(filler("How long will the mayor's trip to Saltmarsh last?", sentence)).toBeUndefined();
    expect(filler("How long will the mayor's trip to Saltmarsh last?", "The mayor's trip to Saltmarsh will last three days.")).toBe(
      "three days",
    );
    expect(filler("How long has it been since the mayor's last trip to Saltmarsh?", sentence)).toBe("eight years");
  });

  it("counts what came before without the ordinal: the mayor's third trip says two trips came before it", () => {
    const sentence = "The visit will be the mayor's third trip to Saltmarsh within a span of one year.";
    expect(filler("How many times has the mayor travelled to Saltmarsh?", sentence)).toBe("third");
    // Nor does "one year" count times.
    expect(filler("How many times had the mayor travelled to Saltmarsh before this visit?", sentence)).toBeUndefined();
    expect(filler("How many times had the mayor travelled to Saltmarsh before this visit?", "He had been there twice before.")).toBe(
      "twice",
    );
  });

  it("counts 'days of notice' only where the sentence says the days are of notice", () => {
    const question = "How many days of notice are needed for unpaid leave?";
    expect(filler(question, "Requests for more than ten consecutive working days need four weeks' notice.")).toBeUndefined();
    expect(filler(question, "Unpaid leave needs 20 days of notice.")).toBe("20 days");
    expect(filler(question, "Unpaid leave needs 20 notice days.")).toBe("20 notice days");
    // A sentence that does not say "notice" may say it in other words, or not give it to another amount.
    expect(filler(question, "Unpaid leave must be requested 20 days ahead.")).toBe("20 days");
    expect(filler("How many days of home working are allowed per week?", "Employees may work from home for up to three days a week.")).toBe(
      "three days",
    );
    expect(
      filler("How many weeks of parental leave do birth parents receive?", "Birth parents receive 16 weeks of fully paid parental leave."),
    ).toBe("16 weeks");
    expect(filler("How many days of paid vacation do employees get?", "Employees are entitled to 25 days of paid vacation.")).toBe(
      "25 days",
    );
  });

  it("takes no person for an organisation: a titled name is someone, not the newspaper asked for", () => {
    expect(
      filler("Which newspaper did he talk to?", "During the visit, he will talk with Peruvian President Dina Boluarte."),
    ).toBeUndefined();
    expect(filler("Which newspaper did he talk to?", "He told China Daily in a written interview about the visit.")).toBe("China Daily");
  });

  it("takes a place, a name or an organisation only near the words for what the question is about", () => {
    const sentence = "The embassy opened in spring, and since then many new trade agreements have been signed by delegations in Lima.";
    const near = (question: string, words: readonly string[]) => {
      const expected = expectedAnswer({ question, rules, lexicon });
      const tokens = tokenize(sentence);
      const anchors = new Set(tokens.flatMap((token, index) => (words.includes(token.lower) ? [index] : [])));
      const context = { rules, lexicon, questionTerms: new Set(analyze(question)) };
      const span = findSlotFiller({ text: sentence, expected, context, anchors });
      return span ? sentence.slice(span.start, span.end) : undefined;
    };
    expect(near("Where is the embassy?", ["embassy"])).toBeUndefined();
    expect(near("Where were the agreements signed?", ["agreements", "signed"])).toBe("Lima");
    expect(near("Which city hosts the embassy?", ["embassy"])).toBeUndefined();
  });
});

describe("slots added on the handbook's near-miss dev items", () => {
  it("asks a percentage or share for a percentage, which no duration or count fills", () => {
    expect(expectedAnswer({ question: "What percentage of salary is paid during sick leave?", rules, lexicon }).slot).toBe("percentage");
    expect(filler("What percentage of salary is paid during sick leave?", "Birth parents receive 16 weeks of fully paid leave.")).toBe(
      undefined,
    );
    expect(filler("What share of the salary is paid during sick leave?", "During sick leave 70 percent of the salary is paid.")).toBe(
      "70 percent",
    );
  });

  it("answers 'how often' with a frequency, an ordinal or a count of the question's own noun, not any number", () => {
    expect(filler("How often must passwords be changed?", "Passwords must be at least 14 characters long.")).toBe(undefined);
    expect(filler("How often are laptops replaced?", "Laptops are replaced every four years.")).toBe("every four years");
    expect(filler("How often has he visited Peru?", "It will be his second visit to Peru.")).toBe("second");
    expect(filler("How often has he visited Peru?", "He has made three visits to Peru.")).toBe("three visits");
  });

  it("answers 'what time' and '…in the morning?' with a time of day, not a year", () => {
    expect(filler("When does the office open in the morning?", "A second office opened in 2019.")).toBe(undefined);
    expect(filler("When does the service desk open in the morning?", "The service desk is open from 8:00 to 18:00.")).toBe("8:00");
    expect(filler("When did the second office open?", "A second office opened in 2019.")).toBe("2019");
  });

  it("answers 'when' with a window counted from an event", () => {
    expect(filler("When must parental leave be taken?", "Parental leave can be taken in the first 12 months after a birth.")).toBe(
      "in the first 12 months",
    );
  });

  it("takes the words before the question's verb as its doer, and a name after the preposition the question ends on", () => {
    expect(filler("Who shares the notes?", "Meetings are held on video, and the meeting owner shares notes in the channel.")).toBe(
      "meeting owner",
    );
    expect(filler("Which tool are expense reports submitted in?", "Expense reports are submitted in Ledgerly within 30 days.")).toBe(
      "Ledgerly",
    );
  });
});

describe("who did it, not to whom it was done", () => {
  /** As `filler`, with the sentence's words for the question's focus at `anchorWord`. */
  const fillerNear = (question: string, sentence: string, anchorWord: string) => {
    const expected = expectedAnswer({ question, rules, lexicon });
    const anchors = new Set(tokenize(sentence).flatMap((token, index) => (token.lower === anchorWord ? [index] : [])));
    const context = { rules, lexicon, questionTerms: new Set(analyze(question)) };
    const span = findSlotFiller({ text: sentence, expected, context, anchors });
    return span ? sentence.slice(span.start, span.end) : undefined;
  };

  it("passes over the subject of a passive and takes the agent of the question's verb, however far", () => {
    expect(filler("Who chooses the buddy?", "New mayors are paired with a buddy for their first three months.")).toBe(undefined);
    const chosen = "The buddy is a colleague from another team in the harbour, chosen by the People team.";
    expect(fillerNear("Who chooses the buddy?", chosen, "buddy")).toBe("People team");
    // The agent of another word is no answer ("…on Thursday by both presidents" to "Who built the port?").
    // When the sentence says who does it, no one else in it does, even when that doer repeats the question.
    const budget = "Each mayor has a yearly budget of 1,500 euros, approved by the harbour master.";
    expect(filler("Who approves the budget for harbour masters?", budget)).toBe(undefined);
    expect(filler("Who approves the budget?", budget)).toBe("harbour master");
    const opens = "The harbour opens to ferries and tugs from all over the coast on Friday by the mayor.";
    expect(fillerNear("Who built the harbour?", opens, "harbour")).toBe(undefined);
  });
});

describe("rules from the library dev items", () => {
  it("reads cents as money and counts a noun only when no unit stands right after the number", () => {
    expect(filler("How much does a colour print cost?", "A colour page costs 50 cents.")).toBe("50 cents");
    expect(filler("How many items can I reserve at once?", "Late returns cost up to a maximum of 5 euros per item.")).toBe(undefined);
    expect(filler("How many items can I borrow at once?", "Members may borrow up to 12 items at a time.")).toBe("12 items");
  });

  it("answers 'where' with a place inside a building when no place is named, not with a time", () => {
    expect(filler("Where are the quiet zones?", "Quiet zones are on the third floor.")).toBe("third floor");
    expect(filler("Where is the meeting?", "The meeting is in the first week of May.")).toBe(undefined);
  });

  it("does not reach across a semicolon for the words nearest the question's", () => {
    const sentence = "Quiet zones are on the third floor; phone calls are only allowed in the entrance hall.";
    const expected = expectedAnswer({ question: "Where may I make a phone call?", rules, lexicon });
    const span = findSlotFiller({ text: sentence, expected, context: { rules, lexicon, questionTerms: new Set(analyze("phone call")) } });
    expect(span && sentence.slice(span.start, span.end)).toBe("entrance hall");
  });
});

describe("which of several fillers a sentence holds", () => {
  const fill = (question: string, sentence: string, options: { anchorWord?: string; rare?: string } = {}) => {
    const expected = expectedAnswer({ question, rules, lexicon });
    const anchors = options.anchorWord
      ? new Set(tokenize(sentence).flatMap((token, index) => (token.lower === options.anchorWord ? [index] : [])))
      : undefined;
    const rareTerms = new Set(analyze(options.rare ?? ""));
    const context = { rules, lexicon, questionTerms: new Set(analyze(question)), rarity: (term: string) => (rareTerms.has(term) ? 0 : -1) };
    const span = findSlotFiller({ text: sentence, expected, context, anchors });
    return span ? sentence.slice(span.start, span.end) : undefined;
  };

  it("takes the one nearest the rarest question word the sentence says", () => {
    const sentence = "Requests for more than ten consecutive working days need four weeks' notice.";
    expect(fill("How much notice do I need for a long holiday of many working days?", sentence, { rare: "notice" })).toBe("four weeks");
  });

  it("lets a name the question says anchor a date", () => {
    const sentence =
      "The most crucial meetings have been the two between both presidents — one in San Francisco last year and the other in Beijing in June.";
    expect(fill("When did the presidents meet in Beijing?", sentence, { anchorWord: "meetings" })).toBe("June");
  });
});
