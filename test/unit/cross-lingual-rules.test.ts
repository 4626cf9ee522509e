import { describe, expect, it } from "vitest";
import { expectedAnswer, findSlotFiller } from "../../src/answer/answer-type.ts";
import type { CorpusLexicon } from "../../src/answer/corpus-lexicon.ts";
import { chinesePlaces, chineseRoles, englishPlace, englishRole } from "../../src/answer/cross-lingual-glossary.ts";
import { crossLingualQuestion, crossLingualRules, namesEveryPlace } from "../../src/answer/cross-lingual-rules.ts";
import { carriesFocus, constraintAnchors } from "../../src/answer/focus-checks.ts";
import { analyze } from "../../src/text/analyze.ts";

const spanish = crossLingualRules("es");
const chinese = crossLingualRules("zh");
const lexicon: CorpusLexicon = {
  lowercaseWords: new Set(["the", "during", "ambassador", "president", "his", "one", "for"]),
  roleStems: new Set(["ambassador", "presid"]),
  standaloneNames: new Set(["China", "Peru"]),
  personNames: new Set(["marco", "v.", "balarezo", "dina", "boluarte"]),
};
const rulesFor = (question: string) => (/\p{Script=Han}/u.test(question) ? chinese : spanish);

/** The words of an English `sentence` that fill the slot a Spanish or Chinese `question` asks for. */
function filler(question: string, sentence: string): string | undefined {
  const rules = rulesFor(question);
  const expected = expectedAnswer({ question, rules, lexicon });
  const span = findSlotFiller({ text: sentence, expected, context: { rules, lexicon, questionTerms: new Set(rules.terms(question)) } });
  return span ? sentence.slice(span.start, span.end) : undefined;
}

const BALAREZO = "The cooperation is to be deepened, Peruvian Ambassador to China Marco V. Balarezo said.";

describe("crossLingualQuestion", () => {
  it("applies to Spanish and Chinese questions over English documents only", () => {
    expect(crossLingualQuestion({ question: "es", documents: ["en"] })).toBe("es");
    expect(crossLingualQuestion({ question: "zh", documents: ["en"] })).toBe("zh");
    expect(crossLingualQuestion({ question: "en", documents: ["en"] })).toBeUndefined();
    expect(crossLingualQuestion({ question: "es", documents: ["en", "es"] })).toBeUndefined();
    expect(crossLingualQuestion({ question: "other", documents: ["en"] })).toBeUndefined();
  });
});

describe("the slot a Spanish or Chinese question asks for", () => {
  it.each([
    ["¿Quién es el embajador de Perú en China?", "person"],
    ["¿Con quién hablará Xi?", "person"],
    ["¿Dónde se reunieron los presidentes?", "place"],
    ["¿En qué ciudades se reunieron?", "named"],
    ["¿Cuándo inauguran el puerto?", "time"],
    ["¿Qué día empieza el viaje?", "weekday"],
    ["¿En qué año se firmó el acuerdo?", "year"],
    ["¿Desde hace cuántos años China es el principal socio?", "since"],
    ["¿Desde cuándo es China el mayor socio comercial del Perú?", "since"],
    ["¿Cuánto costó el puerto?", "money"],
    ["¿Cuál fue el volumen del comercio bilateral?", "money"],
    ["¿Cuántos acuerdos se firmarán?", "count"],
    ["¿Es la primera vez que Xi visita el Perú?", "ordinal"],
    ["¿Cuántas veces se han reunido los presidentes?", "times"],
    ["¿Qué productos se exportarán?", "any"],
    ["秘鲁驻华大使是谁？", "person"],
    ["两国元首去年在哪里会晤？", "place"],
    ["哪个中国港口与钱凯有直达航线？", "named"],
    ["钱凯港什么时候启用？", "time"],
    ["习近平的秘鲁之行从星期几开始？", "weekday"],
    ["中国连续多少年是秘鲁最大的贸易伙伴？", "duration"],
    ["钱凯港总投资是多少亿美元？", "money"],
    ["去年中秘双边贸易额是多少？", "money"],
    ["这次访问将签署多少项协议？", "count"],
    ["这是习主席第几次访问秘鲁？", "ordinal"],
    ["两国元首一年内会面了几次？", "times"],
    ["秘鲁是中国在拉美的第几大投资目的地？", "rank"],
    ["自贸协定升级纳入了哪些新领域？", "any"],
    ["两国希望在哪些领域加强合作？", "any"],
    ["秘鲁总统叫什么名字？", "person"],
    ["¿Cómo se llama la presidenta del Perú?", "person"],
    ["¿Qué embajador concedió la entrevista?", "person"],
  ])("%s asks for a %s", (question, slot) => {
    expect(expectedAnswer({ question, rules: rulesFor(question), lexicon }).slot).toBe(slot);
  });
});

describe("roles carried over to the English sentence", () => {
  it("reads the role and the words narrowing it in Spanish and Chinese", () => {
    for (const question of [
      "¿Quién es el embajador de Perú en China?",
      "¿Quién es el embajador del Perú en China?",
      "秘鲁驻华大使是谁？",
    ]) {
      const expected = expectedAnswer({ question, rules: rulesFor(question), lexicon });
      expect(expected.identity, question).toBe(true);
      expect(expected.roles, question).toEqual([{ stem: "ambassador", before: "peru", after: "china" }]);
    }
  });

  it("answers 'who is Peru's ambassador to China' with the name beside the role", () => {
    expect(filler("¿Quién es el embajador de Perú en China?", BALAREZO)).toBe("Marco V. Balarezo");
    expect(filler("秘鲁驻华大使是谁？", BALAREZO)).toBe("Marco V. Balarezo");
    expect(filler("秘鲁总统是谁？", "He will hold talks with Peruvian President Dina Boluarte.")).toBe("Dina Boluarte");
    expect(filler("秘鲁总统叫什么名字？", "He will hold talks with Peruvian President Dina Boluarte.")).toBe("Dina Boluarte");
  });

  it("does not answer China's ambassador to Peru with Peru's ambassador to China", () => {
    expect(filler("¿Quién es el embajador de China en el Perú?", BALAREZO)).toBeUndefined();
    expect(filler("中国驻秘鲁大使是谁？", BALAREZO)).toBeUndefined();
    expect(filler("¿Quién es el alcalde de Lima?", BALAREZO)).toBeUndefined();
  });
});

describe("fillers in the English sentence", () => {
  it("answers 'since when' with a date or a span of time", () => {
    const question = "¿Desde cuándo es China el mayor socio comercial del Perú?";
    expect(filler(question, "For 10 consecutive years, China has been Peru's biggest trading partner.")).toBe("10 consecutive years");
    expect(filler(question, "China has been Peru's biggest trading partner since 2014.")).toBe("2014");
  });

  it("counts a duration in the unit the question asks for", () => {
    const sentence = "Xi's trip will be his second visit to Peru in eight years.";
    expect(filler("¿Cuántos días durará la visita de Xi?", sentence)).toBeUndefined();
    expect(filler("习近平将在利马停留几天？", sentence)).toBeUndefined();
    expect(filler("¿Cuántos años han pasado desde la primera visita?", sentence)).toBe("eight years");
    expect(filler("习近平上次访问秘鲁是几年前？", sentence)).toBe("eight years");
  });

  it("tells ordinals from ranks", () => {
    const sentence = "It will be his second visit, while Peru has been China's second-largest investment destination.";
    expect(filler("这是习主席第几次访问秘鲁？", sentence)).toBe("second");
    expect(filler("秘鲁是中国在拉美的第几大投资目的地？", sentence)).toBe("second-largest");
  });

  it("counts with a cardinal that counts something, not 'one', a year, an ordinal or a span of time", () => {
    const question = "这次访问将签署多少项协议？";
    expect(filler(question, "The most crucial meetings: one in San Francisco and the other in Beijing.")).toBeUndefined();
    expect(filler(question, "APEC 2024 represents a key platform.")).toBeUndefined();
    expect(filler(question, "It will mark the third meeting.")).toBeUndefined();
    expect(filler(question, "His second visit in eight years.")).toBeUndefined();
    expect(filler(question, "The presidents will sign 12 agreements.")).toBe("12 agreements");
  });

  it("answers 'how many times' with a repetition, an ordinal or a count, not 'one' of several", () => {
    const question = "¿Cuántas veces se han reunido los presidentes?";
    expect(filler(question, "The meetings were two: one in San Francisco and the other in Beijing.")).toBeUndefined();
    expect(filler(question, "Xi's visit to Lima will mark the third meeting between the two presidents.")).toBe("third");
    expect(filler(question, "The presidents have met twice this year.")).toBe("twice");
  });

  it("answers 'which city' with a city, 'which country' with a country and 'which company' with no place", () => {
    const sentence = "In recent years, Peru and China met in San Francisco and in Beijing.";
    expect(filler("¿En qué ciudades se reunieron antes Boluarte y Xi?", sentence)).toBe("San Francisco");
    expect(filler("两国元首在哪些城市会晤过？", "Peru and China have engaged in dialogue.")).toBeUndefined();
    expect(filler("¿Qué país organiza APEC este año?", "Lima, in Peru, hosts APEC this year.")).toBe("Peru");
    expect(filler("APEC峰会在哪个城市举行？", "Peru is committed to its ties with the Asia-Pacific region.")).toBeUndefined();
    const route = "The port will establish a route from Asia, positioning Peru as a gateway for South American trade.";
    expect(filler("¿Qué empresa china opera el puerto?", route)).toBeUndefined();
    expect(filler("哪家公司运营钱凯港？", route)).toBeUndefined();
  });

  it("needs an amount of money for a cost", () => {
    expect(
      filler("¿Cuánto costó construir el puerto?", "Chancay is one of the largest port investments in South America."),
    ).toBeUndefined();
    expect(filler("钱凯港总投资是多少亿美元？", "The port cost 3.5 billion dollars.")).toBe("3.5 billion dollars");
  });
});

describe("key constraints", () => {
  it("asks the sentence to say 'last year' or 'this year' when the question does", () => {
    const lastYear = "One meeting was in San Francisco last year.";
    const thisYear = "Peru, as the host of APEC this year, is committed to its ties.";
    expect(carriesFocus({ question: "两国元首去年在哪里会晤？", sentence: lastYear, rules: chinese })).toBe(true);
    expect(carriesFocus({ question: "两国元首去年在哪里会晤？", sentence: thisYear, rules: chinese })).toBe(false);
    expect(carriesFocus({ question: "秘鲁今年主办什么会议？", sentence: thisYear, rules: chinese })).toBe(true);
    expect(carriesFocus({ question: "¿Qué organiza el Perú este año?", sentence: lastYear, rules: spanish })).toBe(false);
  });
});

describe("a next or a former one", () => {
  const focus = (question: string, sentence: string) => carriesFocus({ question, sentence, rules: rulesFor(question) });
  const june = "It was during the Peruvian president's visit to China in June that the two sides concluded talks.";
  const next = "Boluarte's next visit to China is planned for May.";

  it("needs the sentence to speak of the next visit or next year, not the last one", () => {
    for (const question of ["¿Cuándo será la próxima visita de Boluarte a China?", "博鲁阿尔特下次什么时候访华？"]) {
      expect(focus(question, june), question).toBe(false);
      expect(focus(question, next), question).toBe(true);
    }
    const thisYear = "Peru, as the host of APEC this year, is committed to its ties.";
    for (const question of ["¿Dónde se celebrará la cumbre de APEC el próximo año?", "明年的APEC会议在哪里举行？"]) {
      expect(focus(question, thisYear), question).toBe(false);
      expect(focus(question, "APEC meets in Korea next year."), question).toBe(true);
    }
  });

  it("needs a former holder of a post to be said as such, not the present one", () => {
    const former = "The former Peruvian ambassador to China, Luis Quesada, opened the office.";
    for (const question of ["¿Quién fue el embajador del Perú en China antes de Balarezo?", "巴拉雷索之前的秘鲁驻华大使是谁？"]) {
      expect(focus(question, BALAREZO), question).toBe(false);
      expect(focus(question, former), question).toBe(true);
    }
    expect(focus("¿Quién era el ex embajador?", BALAREZO)).toBe(false);
    expect(focus("秘鲁驻华大使是谁？", BALAREZO)).toBe(true);
  });
});

describe("events and things the question names", () => {
  const inauguration = "The inauguration of the port on Thursday by both presidents will open a route from Shanghai to Chancay.";
  const focus = (question: string, sentence: string) => carriesFocus({ question, sentence, rules: rulesFor(question) });

  it("needs a visit, a construction or a start in the sentence when the question asks about one", () => {
    expect(focus("¿Cuándo visitará Boluarte Shanghái?", inauguration)).toBe(false);
    expect(focus("秘鲁总统什么时候访问上海？", inauguration)).toBe(false);
    expect(focus("秘鲁总统什么时候访问上海？", "The Peruvian president will visit Shanghai in May.")).toBe(true);
    expect(focus("¿Cuándo empezó la construcción del puerto de Chancay?", inauguration)).toBe(false);
    expect(focus("钱凯港是什么时候开始建设的？", inauguration)).toBe(false);
    expect(focus("钱凯港是什么时候开始建设的？", "Construction of the port began in 2019.")).toBe(true);
    expect(focus("¿Qué empresa construyó el puerto?", "A Chinese company built the port.")).toBe(true);
    expect(focus("习近平的秘鲁之行从星期几开始？", "Xi's trip, starting on Wednesday, will be his second visit.")).toBe(true);
  });

  it("needs an arrival or a signing when the question asks about one", () => {
    expect(focus("习近平什么时候抵达秘鲁？", inauguration)).toBe(false);
    expect(focus("¿Cuándo llegará Xi a Lima?", "Xi arrived in Lima on Wednesday.")).toBe(true);
    expect(focus("¿Qué países firmaron el TLC?", "The two sides announced the conclusion of the free trade agreement.")).toBe(false);
    expect(focus("这次访问期间将签署什么？", "An array of agreements are expected to be signed during the visit.")).toBe(true);
  });

  it("needs an end, business people, a population, diplomatic ties or a distance when the question asks about one", () => {
    expect(focus("¿Cuándo terminará la visita de Xi?", "Xi's trip, starting on Wednesday, will be his second visit.")).toBe(false);
    expect(focus("习近平在利马会见了哪些企业家？", inauguration)).toBe(false);
    expect(focus("¿Cuándo se fundó la empresa?", "Tidewater Labs was founded in 2011.")).toBe(true);
    expect(focus("¿Cuál es la población de Chancay?", "Chancay Port is one of the largest port investments.")).toBe(false);
    expect(focus("中国和秘鲁什么时候建交？", inauguration)).toBe(false);
    expect(focus("钱凯港距离利马多远？", inauguration)).toBe(false);
    expect(focus("钱凯港距离利马多远？", "The port lies 80 kilometres north of Lima.")).toBe(true);
    expect(
      focus("¿Cuándo se anunció la conclusión de las negociaciones?", "The two sides announced the conclusion of talks in June."),
    ).toBe(true);
    expect(focus("¿Cuántos barcos usarán la terminal?", "Ships will use the new terminal.")).toBe(true);
  });

  it("needs someone accompanying when the question asks who else comes along", () => {
    const also = "The two countries are also negotiating an action plan.";
    const along = "Foreign Minister Wang Yi will accompany Xi on the visit.";
    for (const question of ["¿Quién más acompañará a Xi Jinping en su visita al Perú?", "还有谁会陪同习近平访问秘鲁？"]) {
      expect(focus(question, also), question).toBe(false);
      expect(focus(question, along), question).toBe(true);
    }
  });

  it("needs an election when the question asks about one", () => {
    const dialogue = "Peru and China have engaged in a very fruitful political dialogue.";
    for (const question of ["¿Cuál fue el resultado de las elecciones en el Perú?", "秘鲁大选的结果如何？"]) {
      expect(focus(question, dialogue), question).toBe(false);
      expect(focus(question, "Peru will elect a new congress in April."), question).toBe(true);
    }
  });

  it("needs the economic indicator asked about: output, prices or jobs, not trade", () => {
    const trade = "For 10 consecutive years, China has been Peru's biggest trading partner.";
    for (const question of ["¿Cuál es el PIB del Perú?", "秘鲁的国内生产总值是多少？"]) {
      expect(focus(question, trade), question).toBe(false);
      expect(focus(question, "Peru's GDP grew by 3% last year."), question).toBe(true);
    }
    expect(focus("¿Cuál es la inflación en el Perú?", trade)).toBe(false);
    expect(focus("秘鲁的失业率是多少？", trade)).toBe(false);
    expect(focus("秘鲁的失业率是多少？", "Unemployment in Peru fell to 6%.")).toBe(true);
  });

  it("needs an interview or a capital when the question asks about one", () => {
    expect(focus("秘鲁的首都是哪里？", inauguration)).toBe(false);
    expect(focus("哪位大使接受了采访？", "Balarezo told China Daily in a written interview that exchanges matter.")).toBe(true);
    expect(focus("哪位大使接受了采访？", "During the visit, he will hold talks with President Boluarte.")).toBe(false);
  });

  it("finds a thing, not an event, named in the sentence before ('With this upgrade, …')", () => {
    const question = "升级后的自贸协定预计会带来什么？";
    const sentence = "With this upgrade, significant increases in transaction volume are anticipated.";
    const previous = "The two sides concluded negotiations to upgrade the free trade agreement.";
    expect(carriesFocus({ question, sentence, rules: chinese })).toBe(false);
    expect(carriesFocus({ question, sentence, rules: chinese, previous })).toBe(true);
    expect(
      carriesFocus({ question: "秘鲁总统什么时候访问上海？", sentence: inauguration, rules: chinese, previous: "He will visit Shanghai." }),
    ).toBe(false);
  });

  it("does not ask for the visit that only frames the question", () => {
    const apec = "Peru, as the host of APEC this year, is committed to strengthening its ties.";
    expect(focus("¿Qué foro organiza el Perú durante la visita?", apec)).toBe(true);
    expect(focus("习近平访问期间秘鲁主办什么会议？", apec)).toBe(true);
    expect(focus("这次访问将签署多少项协议？", "Twelve agreements will be signed.")).toBe(true);
  });

  it("does not read infrastructure or initiatives as construction or a start", () => {
    expect(focus("中国的基础设施建设经验对秘鲁有什么意义？", "China's experience in infrastructure is valuable for Peru.")).toBe(true);
    expect(focus("¿Qué iniciativas promueve APEC?", "APEC promotes new cooperation initiatives.")).toBe(true);
  });

  it("needs a trade agreement or a plan named when the question names one", () => {
    const areas = "APEC is a platform for new initiatives in areas such as the digital economy.";
    expect(focus("自贸协定升级纳入了哪些新领域？", areas)).toBe(false);
    expect(focus("自贸协定升级纳入了哪些新领域？", "The upgrade of the free trade agreement adds new areas.")).toBe(true);
    expect(focus("¿Qué temas nuevos entran en la actualización del TLC?", areas)).toBe(false);
    expect(focus("两国正在商谈制定什么行动计划？", areas)).toBe(false);
  });

  it("needs the speaker a Spanish question names", () => {
    const question = "¿Qué dijo Boluarte sobre el acuerdo comercial?";
    expect(focus(question, "The two sides announced the conclusion of negotiations on the trade agreement.")).toBe(false);
    expect(focus(question, "Boluarte said the trade agreement would expand exports.")).toBe(true);
    expect(focus("¿Por qué son importantes los intercambios según Balarezo?", "Balarezo said exchanges are essential.")).toBe(true);
    expect(focus("¿Por qué son importantes los intercambios según Balarezo?", "Exchanges are essential, he said.")).toBe(false);
  });
});

describe("the speaker a Spanish question names", () => {
  const focus = (question: string, sentence: string, previous?: string) => carriesFocus({ question, sentence, rules: spanish, previous });

  it("is the sentence's speaker, not someone the speaker mentions", () => {
    const question = "¿Qué opina Xi Jinping del puerto de Chancay?";
    expect(focus(question, "Agreements will be signed during President Xi Jinping's state visit, Balarezo said.")).toBe(false);
    expect(focus(question, "Xi's trip will be his second visit to Peru.")).toBe(false);
    expect(focus(question, "Chancay is a landmark, President Xi Jinping said.")).toBe(true);
  });

  it("is asked for by questions about someone's view ('¿Cómo valora…?', '¿Qué considera…?')", () => {
    const talks = "During the visit, Xi will hold talks with Peruvian President Dina Boluarte.";
    expect(focus("¿Cómo valora Boluarte la visita de Xi?", talks)).toBe(false);
    expect(focus("¿Cómo valora Boluarte la visita de Xi?", "The visit is historic, President Boluarte said.")).toBe(true);
    expect(focus("¿Qué considera Boluarte sobre el puerto?", talks)).toBe(false);
  });

  it("is the speaker of the sentence before when the sentence says only 'he said'", () => {
    const question = "¿Por qué son importantes los intercambios según Balarezo?";
    expect(focus(question, "Exchanges are essential, he said.", "Ties are strong, Balarezo said.")).toBe(true);
    expect(focus(question, "Exchanges are essential, he said.", "Ties are strong, Xi said.")).toBe(false);
  });
});

describe("the speaker a Chinese question names", () => {
  const focus = (question: string, sentence: string) => carriesFocus({ question, sentence, rules: chinese });

  it("is said by the sentence's speaker when the glossary cannot read the name, by role", () => {
    const question = "博鲁阿尔特总统对贸易协定说了什么？";
    expect(focus(question, "The two sides announced the conclusion of negotiations on the trade agreement.")).toBe(false);
    expect(focus(question, "The trade agreement is a success, he said.")).toBe(false);
    expect(focus(question, "The trade agreement is a success, Peruvian President Dina Boluarte said.")).toBe(true);
  });

  it("is named by country when it can be read, and leaves a bare name or role to the embedding", () => {
    expect(focus("巴西总统对这次访问说了什么？", "The visit is welcome, the Peruvian president said.")).toBe(false);
    expect(focus("据巴拉雷索说，高层交往为什么重要？", "Balarezo said exchanges are essential.")).toBe(true);
    expect(focus("大使对钱凯港说了什么？", "Chancay is a landmark, Balarezo said.")).toBe(true);
  });

  it("speaks in the sentence when the question names a role with a country, and reports words when it names no one the glossary reads", () => {
    const talks = "During the visit, he will hold talks with Peruvian President Dina Boluarte.";
    expect(focus("秘鲁外交部长对这次访问说了什么？", talks)).toBe(false);
    expect(focus("秘鲁外交部长对这次访问说了什么？", "The visit is welcome, Peru's foreign minister said.")).toBe(true);
    expect(focus("博鲁阿尔特对这次访问说了什么？", talks)).toBe(false);
    expect(focus("博鲁阿尔特对这次访问说了什么？", "The visit is welcome, Boluarte said.")).toBe(true);
  });

  it("is asked for by questions about someone's view as well as their words", () => {
    const peruvian = "The visit is welcome, the Peruvian president said.";
    for (const question of ["巴西总统对这次访问有什么看法？", "巴西总统如何评价这次访问？", "巴西总统怎么看待钱凯港？"]) {
      expect(focus(question, peruvian), question).toBe(false);
      expect(focus(question, "The visit is welcome, the Brazilian president said."), question).toBe(true);
    }
  });
});

describe("dates the question names", () => {
  const meetings = "The meetings were one in San Francisco last year and the other in Beijing in June.";

  it("needs the month or weekday the question names, in Spanish words, Chinese numerals or digits", () => {
    for (const question of ["¿Dónde se reunieron los presidentes en junio?", "两国元首六月在哪里会面？", "两国元首6月在哪里会面？"])
      expect(carriesFocus({ question, sentence: meetings, rules: rulesFor(question) }), question).toBe(true);
    for (const question of [
      "¿Dónde se reunieron en marzo?",
      "两国元首三月在哪里会面？",
      "两国元首十二月在哪里会面？",
      "星期三会发生什么？",
    ])
      expect(carriesFocus({ question, sentence: meetings, rules: rulesFor(question) }), question).toBe(false);
    expect(carriesFocus({ question: "¿Qué pasará el jueves?", sentence: "The port opens on Thursday.", rules: spanish })).toBe(true);
  });

  it("reads a year as a name the sentence must share", () => {
    expect(chinese.questionNames?.("2023年中秘贸易额是多少？")).toEqual(["2023"]);
    expect(spanish.questionNames?.("¿Cuál fue el volumen del comercio bilateral en 2023?")).toEqual(["2023"]);
  });

  it("anchors the answer at the words that say the question's constraints", () => {
    const words = (anchors: ReadonlySet<number> | undefined) => [...(anchors ?? [])].map((index) => meetings.split(" ")[index]);
    expect(words(constraintAnchors({ question: "两国元首六月在哪里会面？", sentence: meetings, rules: chinese }))).toEqual(["June."]);
    expect(words(constraintAnchors({ question: "两国元首去年在哪里会晤？", sentence: meetings, rules: chinese }))).toEqual([
      "last",
      "year",
    ]);
    expect(constraintAnchors({ question: "两国元首在哪里会晤？", sentence: meetings, rules: chinese })).toBeUndefined();
    const question = "两国元首六月在哪里会面？";
    const expected = expectedAnswer({ question, rules: chinese, lexicon });
    const context = { rules: chinese, lexicon, questionTerms: new Set(chinese.terms(question)) };
    const anchors = constraintAnchors({ question, sentence: meetings, rules: chinese });
    const span = findSlotFiller({ text: meetings, expected, context, anchors });
    expect(span && meetings.slice(span.start, span.end)).toBe("Beijing");
  });
});

describe("places beside a date or number", () => {
  it("are all named in the sentence, themselves or as a demonym", () => {
    const terms = (sentence: string) => new Set(chinese.terms(sentence));
    const names = chinese.questionNames?.("秘鲁总统什么时候访问上海？") ?? [];
    expect(names).toEqual(["peru", "shanghai"]);
    expect(namesEveryPlace({ names, sentenceTerms: terms("The Peruvian president visited China in June."), rules: chinese })).toBe(false);
    expect(namesEveryPlace({ names, sentenceTerms: terms("The Peruvian president visited Shanghai in June."), rules: chinese })).toBe(true);
    expect(namesEveryPlace({ names: ["Xi", "Jinping"], sentenceTerms: terms("Xi's trip starts on Wednesday."), rules: spanish })).toBe(
      true,
    );
  });

  it("are named with every word of a place of several words", () => {
    const terms = (sentence: string) => new Set(spanish.terms(sentence));
    const names = spanish.questionNames?.("¿Qué opina Balarezo sobre Estados Unidos?") ?? [];
    expect(names).toContain("united states");
    expect(namesEveryPlace({ names, sentenceTerms: terms("Balarezo spoke during President Xi's state visit."), rules: spanish })).toBe(
      false,
    );
    expect(namesEveryPlace({ names, sentenceTerms: terms("Balarezo spoke of the United States."), rules: spanish })).toBe(true);
  });
});

describe("names the sources would spell alike", () => {
  it("are the capitalised words of a Spanish question, not translated names after an article", () => {
    expect(spanish.questionNames?.("¿Xi Jinping va a visitar Machu Picchu?")).toEqual(["jinping", "machu", "picchu"]);
    expect(spanish.questionNames?.("¿Chancay es parte de la Franja y la Ruta?")).toEqual([]);
    expect(spanish.questionNames?.("¿Qué dijo el presidente de Brasil?")).toEqual(["brazil"]);
    expect(spanish.questionNames?.("¿Qué dijo el Presidente de Estados Unidos?")).toEqual(["united states"]);
  });

  it("are the countries and Latin-script names of a Chinese question", () => {
    expect(chinese.questionNames?.("巴西总统对这次访问说了什么？")).toEqual(["brazil"]);
    expect(chinese.questionNames?.("2024年APEC会议将重点推动哪些领域的合作？")).toEqual(["APEC", "2024"]);
  });
});

describe("yes/no questions", () => {
  it.each([
    ["¿Xi Jinping va a visitar Machu Picchu?", true],
    ["¿Chancay es parte de la Franja y la Ruta?", true],
    ["¿Qué le puede enseñar China al Perú?", false],
    ["¿Cuándo inauguran el puerto?", false],
    ["que productos peruanos se exportan?", false],
    ["¿En que sectores quieren cooperar?", false],
    ["¿Es la primera vez que Xi visita el Perú?", true],
    ["彭丽媛会陪同习近平出访吗？", true],
    ["钱凯港是否属于一带一路？", true],
    ["两国正在商谈制定什么行动计划？", false],
  ])("%s is yes/no: %s", (question, yesNo) => {
    expect(rulesFor(question).yesNoQuestion.test(question)).toBe(yesNo);
  });
});

describe("the glossary", () => {
  it("translates role words and country names", () => {
    expect(englishRole("Embajadora")).toBe("ambassador");
    expect(englishRole("casa")).toBeUndefined();
    expect(englishPlace("Perú")).toBe("peru");
    expect(englishPlace("peruanos")).toBe("peru");
    expect(chineseRoles("秘鲁国家主席").map((role) => role.english)).toEqual(["president"]);
  });

  it("reads a one-character country only after 驻, never inside another word", () => {
    expect(chinesePlaces("秘鲁驻华大使").map((place) => place.english)).toEqual(["peru", "china"]);
    expect(chinesePlaces("中国在拉美的投资")).toEqual([
      { english: "china", start: 0, end: 2 },
      { english: "latin america", start: 3, end: 5 },
    ]);
  });

  it("keeps English analysis for the sentences", () => {
    expect(spanish.terms("Peruvian Ambassador")).toEqual(analyze("Peruvian Ambassador", { language: "en" }));
  });
});
