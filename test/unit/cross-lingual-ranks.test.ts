import { describe, expect, it } from "vitest";
import { timeSpans, yearSpans } from "../../src/answer/amount-spans.ts";
import { crossLingualRules } from "../../src/answer/cross-lingual-rules.ts";
import { carriesFocus } from "../../src/answer/focus-checks.ts";

const spanish = crossLingualRules("es");
const chinese = crossLingualRules("zh");
const rulesFor = (question: string) => (/\p{Script=Han}/u.test(question) ? chinese : spanish);
const focus = (question: string, sentence: string) => carriesFocus({ question, sentence, rules: rulesFor(question) });

const PARTNERS = "For a decade, Chile has been Japan's biggest trading partner, while Japan has been Chile's second-largest export market.";

describe("a rank a Spanish or Chinese question states", () => {
  it("is read with the places it is ranked for, not where it is ranked, and not when the rank is asked", () => {
    expect(spanish.questionRank?.("¿Cuál es el segundo socio comercial de Japón?")).toEqual({
      rank: 2,
      owners: ["japan"],
      among: false,
      importance: false,
    });
    expect(spanish.questionRank?.("¿Cuál es el principal mercado de las exportaciones de Chile en Asia?")).toEqual({
      rank: 1,
      owners: ["chile"],
      among: false,
      importance: false,
    });
    expect(spanish.questionRank?.("¿Cuál es una de las mayores minas de Chile?")?.among).toBe(true);
    // "segundo mayor" is the second-largest, not the largest.
    expect(spanish.questionRank?.("¿Qué país es el segundo mayor mercado de exportación de Chile?")).toEqual({
      rank: 2,
      owners: ["chile"],
      among: false,
      importance: false,
    });
    expect(focus("¿Qué país es el segundo mayor mercado de exportación de Chile?", PARTNERS)).toBe(true);
    expect(spanish.questionRank?.("¿Es el puerto más grande que el de Lima?")).toBeUndefined();
    expect(spanish.questionRank?.("¿Qué lugar ocupa Japón entre los mercados chilenos?")).toBeUndefined();
    expect(chinese.questionRank?.("日本的第二大贸易伙伴是哪个国家？")).toEqual({
      rank: 2,
      owners: ["japan"],
      among: false,
      importance: false,
    });
    expect(chinese.questionRank?.("智利在亚洲最大的出口市场是哪个国家？")).toEqual({
      rank: 1,
      owners: ["chile"],
      among: false,
      importance: false,
    });
    expect(chinese.questionRank?.("南美最大的铜矿之一是哪个？")?.among).toBe(true);
    expect(chinese.questionRank?.("日本是智利的第几大出口市场？")).toBeUndefined();
  });

  it("must be the sentence's rank, of the same owner", () => {
    expect(focus("¿Cuál es el segundo socio comercial de Japón?", PARTNERS)).toBe(false);
    expect(focus("日本的第二大贸易伙伴是哪个国家？", PARTNERS)).toBe(false);
    expect(focus("智利最大的出口市场是哪个国家？", PARTNERS)).toBe(false);
    expect(focus("¿Desde hace cuántos años Chile es el principal socio comercial de Japón?", PARTNERS)).toBe(true);
    expect(focus("智利连续多少年是日本最大的贸易伙伴？", PARTNERS)).toBe(true);
  });

  it("is not said of a person ('his second visit') when the question ranks for a place", () => {
    const visit = "The trip will be his second visit to Chile in five years.";
    expect(focus("¿Cuál es el segundo socio comercial de Chile?", visit)).toBe(false);
    expect(focus("¿Cuándo será su segunda visita?", visit)).toBe(true);
  });

  it("is not the top one when the sentence says 'one of the largest', unless the question asks for one of them", () => {
    const mine = "Officials said the Andes mine is considered one of the largest copper investments in South America.";
    expect(focus("¿Cuál es la mayor inversión en cobre de Sudamérica?", mine)).toBe(false);
    expect(focus("南美最大的铜矿投资是哪个？", mine)).toBe(false);
    expect(focus("¿Cuál es una de las mayores inversiones en cobre de Sudamérica?", mine)).toBe(true);
    expect(focus("南美最大的铜矿投资之一是哪个？", mine)).toBe(true);
  });
});

describe("what a visitor asks that coverage of a visit rarely says", () => {
  const stay = "The president's visit to Santiago will be the third meeting of the two leaders this year.";

  it("needs the weather, a hotel, protests or an airport in the sentence when the question asks about one", () => {
    for (const question of [
      "¿Qué tiempo hará en Santiago durante la visita?",
      "访问期间圣地亚哥的天气如何？",
      "¿En qué hotel se alojará el presidente?",
      "总统在圣地亚哥下榻哪家酒店？",
      "¿Habrá protestas durante la visita?",
      "访问期间会有抗议活动吗？",
      "¿A qué aeropuerto llegará el presidente?",
      "总统的专机将降落在哪个机场？",
    ])
      expect(focus(question, stay), question).toBe(false);
    expect(focus("¿En qué hotel se alojará el presidente?", "The president will stay at the Hotel Carrera.")).toBe(true);
    expect(focus("访问期间圣地亚哥的天气如何？", "Rain is forecast in Santiago during the visit.")).toBe(true);
  });

  it("needs an age, tariffs, imports, scholarships, a summit or a measure when the question asks about one", () => {
    const trade = "With this upgrade, greater diversification of Chilean exports into new sectors is anticipated.";
    expect(focus("¿Cuántos años tiene el presidente?", "The trip will be his second visit in eight years.")).toBe(false);
    expect(focus("¿Qué aranceles eliminará el acuerdo actualizado?", trade)).toBe(false);
    expect(focus("升级后的协定将取消哪些关税？", trade)).toBe(false);
    expect(focus("¿Qué productos importa Chile?", trade)).toBe(false);
    expect(focus("智利从日本进口哪些产品？", trade)).toBe(false);
    expect(focus("智利从日本进口哪些产品？", "Chile imports cars and machinery from Japan.")).toBe(true);
    expect(focus("¿Qué becas ofrecerá Japón a los estudiantes?", trade)).toBe(false);
    expect(focus("¿Con quién se reunirá el presidente después de la cumbre?", stay)).toBe(false);
    expect(focus("港口的主码头有多长？", "The port is one of the largest investments in the region.")).toBe(false);
    expect(focus("港口的主码头有多长？", "Its main pier is 1,500 metres long.")).toBe(true);
    expect(focus("港口的主码头有多长？", "He will hold an in-depth exchange of views on cooperation in priority areas.")).toBe(false);
  });

  it("does not read 'importante' as imports, nor 'lo más importante' as a rank", () => {
    expect(focus("¿Qué es lo más importante del acuerdo?", "The agreement adds new areas.")).toBe(true);
    expect(focus("¿Cuáles han sido las reuniones más importantes?", "The most crucial meetings were held in June.")).toBe(true);
    expect(focus("最重要的会晤是哪两次？", "The most crucial meetings were held in June.")).toBe(true);
    expect(focus("智利最大的出口市场是哪个国家？", "The most crucial market for Chile is Japan.")).toBe(false);
  });
});

describe("times in the English sentence", () => {
  it("do not include a year that is part of a name ('APEC 2024')", () => {
    expect(timeSpans("In this context, APEC 2024 represents a key platform")).toEqual([]);
    expect(yearSpans("APEC 2024 represents a key platform")).toEqual([]);
    expect(yearSpans("The summit was held in 2024.")).toEqual([{ start: 23, end: 27 }]);
  });

  it("are asked for by '¿En qué fechas…?' as by '¿En qué fecha…?'", () => {
    const text = spanish.questionText?.("¿Y en qué fechas se celebra?") ?? "";
    expect(spanish.slots.find(({ pattern }) => pattern.test(text))?.slot).toBe("time");
  });
});
