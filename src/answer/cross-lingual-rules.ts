import { ENGLISH_MONTHS, ENGLISH_WEEKDAYS, SPANISH_MONTHS, SPANISH_WEEKDAYS } from "../text/calendar-words.ts";
import { foldAccents } from "../text/fold-accents.ts";
import type { Language } from "../text/language.ts";
import type { QuestionRole } from "./answer-type.ts";
import {
  CHINESE_ROLE_WORDS,
  CONCEPTS,
  chinesePlaces,
  chineseRoles,
  englishPlace,
  englishRole,
  isGlossaryPlace,
  type QuestionLanguage,
  SPANISH_ROLE_WORDS,
} from "./cross-lingual-glossary.ts";
import { type KeyConstraint, type LanguageRules, languageRules, type SlotPattern, type StatedRank, stemEnglish } from "./language-rules.ts";
import { speakerRuns } from "./name-spans.ts";
import { type Token, tokenize } from "./sentence-tokens.ts";
import { soundsLikeAny, transliteratedNames } from "./transliterated-names.ts";

/**
 * Rules for a Spanish or Chinese question over English sentences: what the question asks for (its
 * slot, key constraints, role and names) is read in the question's language, and the sentences are
 * read with the English rules (names, speakers, amounts). Meaning is matched by the multilingual
 * embedding; these rules only check that the sentence holds the kind of fact asked for.
 */
export function crossLingualRules(language: QuestionLanguage): LanguageRules {
  return CROSS_LINGUAL_RULES[language];
}

function buildCrossLingualRules(language: QuestionLanguage): LanguageRules {
  const english = languageRules("en");
  const question = language === "es" ? SPANISH : CHINESE;
  return {
    ...english,
    ...question,
    countedNoun: undefined,
    rankWords: NEVER,
    conversation: { greeting: NEVER, thanks: NEVER, scope: NEVER, more: NEVER },
  };
}

const NEVER = /(?!)/;

type QuestionSide = Pick<
  LanguageRules,
  | "slots"
  | "keyConstraints"
  | "asksOtherParty"
  | "yesNoQuestion"
  | "asksAboutSpeech"
  | "speechSubject"
  | "speakerMatches"
  | "questionText"
  | "questionRoles"
  | "questionNames"
  | "questionUnit"
  | "clockQuestion"
  | "monthQuestion"
  | "questionActs"
  | "questionPlaceKind"
  | "questionRank"
  | "transliteratedNames"
>;

/** What an English sentence must say for the constraint, whatever the question's language. */
const SAYS = {
  lastYear: /\b(last year|previous year|a year ago)\b/i,
  thisYear: /\b(this year|current year)\b/i,
  original: /\b(original|originally|initial|first signed|first)\b/i,
  first: /\b(first|initial|maiden)\b/i,
  besides: /\b(also|as well|too|another|others|besides|in addition|along with|accompan\w*)\b/i,
  other: /\b(other|others|another)\b/i,
  // A next visit or next year is still to come: a sentence about the past one ("in June") is not it.
  next: /\b(next|upcoming|forthcoming|coming|following)\b/i,
  // Whoever held a post before is not its holder now: "Peruvian Ambassador to China Marco V. Balarezo".
  former: /\b(former|formerly|previous|previously|predecessors?|preceded|before|earlier|ex-\w+)\b/i,
} as const;

const CHINESE_MONTH_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const CHINESE_WEEKDAYS = ["一", "二", "三", "四", "五", "六", "(?:日|天)"];

/**
 * A month or weekday the question names ("en junio", "六月", "6月", "星期三") must be the sentence's:
 * the June meeting is not the one in San Francisco last year.
 */
function calendarConstraints(language: QuestionLanguage): KeyConstraint[] {
  const months = ENGLISH_MONTHS.map((month, index) => ({
    name: month,
    inQuestion:
      language === "es"
        ? new RegExp(`\\b(${SPANISH_MONTHS[index]?.join("|")})\\b`)
        : new RegExp(`(?<![0-9一二三四五六七八九十])(${CHINESE_MONTH_NUMERALS[index]}|${index + 1})月`),
    inSentence: new RegExp(`\\b${month}\\b`, "i"),
  }));
  const weekdays = ENGLISH_WEEKDAYS.map((weekday, index) => ({
    name: weekday,
    inQuestion:
      language === "es" ? new RegExp(`\\b${SPANISH_WEEKDAYS[index]}\\b`) : new RegExp(`(?:星期|礼拜|周)${CHINESE_WEEKDAYS[index]}`),
    inSentence: new RegExp(`\\b${weekday}\\b`, "i"),
  }));
  return [...months, ...weekdays];
}

/** Spanish patterns see the question lower-cased, accents folded and without its opening "¿". */
const SPANISH_SLOTS: readonly SlotPattern[] = [
  { slot: "weekday", pattern: /\b(que|cual) dia\b|\bdia de la semana\b/ },
  { slot: "year", pattern: /\b(que|cual) ano\b/ },
  { slot: "ordinal", pattern: /^es (la|el|su) (primera?|segund[oa]|tercer[oa]?)\b/ },
  { slot: "rank", pattern: /\b(que|cual) (lugar|puesto) ocupa\b/ },
  { slot: "times", pattern: /\bcuantas veces\b/ },
  { slot: "frequency", pattern: /\b(con que frecuencia|cada cuanto)\b/ },
  { slot: "since", pattern: /^(y )?desde (cuando|hace cuant[oa]s?)\b/ },
  { slot: "time", pattern: /^(y |hasta |para )?cuando\b|\b(que|cual|cuales) (fechas?|horas?|mes)\b/ },
  { slot: "duration", pattern: /\b(cuanto tiempo|cuant[oa]s (anos|dias|semanas|meses|horas))\b/ },
  // "¿Qué porcentaje de las exportaciones…?": a share, which an amount or a ranking does not give.
  { slot: "percentage", pattern: /\b(porcentaje|por ciento|proporcion)\b/ },
  {
    slot: "money",
    pattern:
      /\bcuant[oa]s?\b.*\b(cost\w*|cuest\w*|invirti\w*|invier\w*|inversion\w*|pag\w*|precio|vale|valor|gast\w*|dinero|dolares|soles|euros)\b/,
  },
  // "¿Cuál fue el volumen del comercio…?": the size of trade or investment is an amount of money.
  { slot: "money", pattern: /\b(volumen|monto|importe|valor)\b.*\b(comerci\w*|intercambio|inversion\w*|exportacion\w*|importacion\w*)\b/ },
  { slot: "count", pattern: /\bcuant[oa]s?\b|\b(que|cual) (numero|cantidad)\b/ },
  {
    slot: "person",
    pattern: /^(a |con |de |por |para )?quien(es)?\b|\bquien(es)? (es|era|fue|son|sera|hara|dijo|firmo)\b|^como se llama(n)?\b/,
  },
  // "¿Qué embajador concedió la entrevista?": which holder of a role is a person.
  { slot: "person", pattern: new RegExp(`\\b(que|cual) (${SPANISH_ROLE_WORDS.join("|")})\\b`) },
  { slot: "place", pattern: /^(a |de |en |hacia |por )?(donde|adonde)\b|\ben que lugar\b/ },
  {
    slot: "named",
    pattern: /\b(que|cual|cuales) (ciudad|ciudades|pais|paises|lugar|lugares|region|puerto|puertos|continente|nacion)\b/,
  },
  { slot: "organisation", pattern: /\b(que|cual) (periodico|diario|medio|empresa|compania|organizacion|agencia|institucion|banco)\b/ },
];

const SPANISH_CONSTRAINTS: readonly KeyConstraint[] = [
  { name: "original", inQuestion: /\b(original|originalmente|inicial)\b/, inSentence: SAYS.original },
  // "¿En qué ciudad estuvo Xi en su primera visita?": the first one, which "his second visit" is not.
  // Not a yes/no question ("¿Es su primera visita?"), "la primera vez", nor a span since it ("desde la primera visita").
  {
    name: "first",
    inQuestion: /^(?!(es|fue|sera|era|seria|ha sido)\b)(?!.*\b(desde|hace)\b).*\bprimer[oa]?s? (?!vez\b)\p{L}/u,
    inSentence: SAYS.first,
  },
  { name: "last year", inQuestion: /\bano pasado\b/, inSentence: SAYS.lastYear },
  { name: "this year", inQuestion: /\beste ano\b/, inSentence: SAYS.thisYear },
  { name: "cost", inQuestion: /\b(costo|coste|costaron|cuesta|cuestan|precio|valor|vale)\b/, needsMoney: true },
  { name: "else", inQuestion: /\b(quien|quienes|que) mas\b|\b(ademas|aparte) de\b/, inSentence: SAYS.besides },
  { name: "other", inQuestion: /\b(otro|otra|otros|otras)\b/, inSentence: SAYS.other },
  { name: "next", inQuestion: /\b(proxim[oa]s?|siguientes?|que viene|venider[oa]s?)\b/, inSentence: SAYS.next },
  {
    name: "former",
    inQuestion: new RegExp(`\\b(anterior|anteriores|predecesor\\w*|antecesor\\w*|antes de|ex-? ?(${SPANISH_ROLE_WORDS.join("|")}))\\b`),
    inSentence: SAYS.former,
  },
  ...conceptConstraints("es"),
  ...calendarConstraints("es"),
];

/** The passive participles of the glossary's acts the question names ("firmó", "签署": "signed"). */
function actsIn(text: string, language: QuestionLanguage): RegExp[] {
  return CONCEPTS.flatMap((concept) => (concept.participle && concept[language].test(text) ? [concept.participle] : []));
}

/** The glossary's events and things as constraints: a question naming one needs a sentence naming it. */
function conceptConstraints(language: QuestionLanguage): KeyConstraint[] {
  return CONCEPTS.map((concept) => ({
    name: concept.name,
    inQuestion: concept[language],
    inSentence: concept.english,
    ...(concept.thing ? { mayBePrevious: true } : {}),
    ...(concept.topic ? { notAnchor: true } : {}),
  }));
}

const SPANISH_UNITS: Readonly<Record<string, string>> = { anos: "year", dias: "day", semanas: "week", meses: "month", horas: "hour" };
const CHINESE_UNITS: Readonly<Record<string, string>> = { 年: "year", 天: "day", 周: "week", 个月: "month", 小时: "hour" };

/** Articles before a capitalised word mark a translated name ("la Franja y la Ruta"), not one the sources would spell alike. */
const SPANISH_ARTICLES = /^(el|la|los|las|del|al|lo)$/;

/** Spanish questions as their patterns read them: lower-cased, accents folded, without the opening "¿". */
function spanishText(question: string): string {
  return foldAccents(question.trim().toLowerCase()).replace(/^[¿¡\s]+/, "");
}

const SPANISH: QuestionSide = {
  slots: SPANISH_SLOTS,
  keyConstraints: SPANISH_CONSTRAINTS,
  // No question word: "¿Xi va a visitar Machu Picchu?". Inside a question one is told from a conjunction
  // ("que") by its accent; at the start it is a question word with or without one ("que paso?").
  yesNoQuestion:
    /^(?!.*(qué|quién|quiénes|cuál|cuáles|cuándo|dónde|adónde|cómo|cuánt[oa]s?)(?!\p{L}))(?![¿¡\s]*((a|de|en|por|para|con|desde|hasta|hacia)\s+)?(que|quien|quienes|cual|cuales|cuando|donde|adonde|como|cuant[oa]s?)(?!\p{L}))/iu,
  asksAboutSpeech: /\b(dijo|dice|declaro|afirmo|senalo|segun|entrevista|comento|explico)\b/,
  // "¿Qué dijo Boluarte sobre…?", "…según Balarezo?": a name among the speaker's words must be in the answer.
  speechSubject:
    /^[¿¡\s]*(?:[Qq]u[ée]|[Cc][óo]mo|[Pp]or qu[ée])\s+(?:dijo|dice|dijeron|ha dicho|opina|opin[óo]|declar[óo]|afirm[óo]|piensa|coment[óo]|se[ñn]al[óo]|respondi[óo]|valora|valor[óo]|ve|vio|considera|consider[óo]|cree|eval[úu]a|evalu[óo])\s+(.+?)\s+(?:sobre|de|del|acerca|respecto|en)\s|\bseg[úu]n\s+((?:\p{Lu}[\p{L}.'’-]*\s*)+)/u,
  speakerMatches: spanishSpeakerMatches,
  questionText: spanishText,
  questionRoles: spanishRoles,
  questionNames: spanishNames,
  clockQuestion: /\b(que|cual|cuales) horas?\b/,
  monthQuestion: /\b(que|cual) mes\b/,
  questionActs: (question) => actsIn(spanishText(question), "es"),
  // "¿Con quién hablará Xi…?", "¿A quién visitará Boluarte…?": a name right after the verb acts.
  asksOtherParty: (question) => /^[¿¡\s]*(?:[Cc]on|[Aa]) qui[eé]n(?:es)? \S+ \p{Lu}/u.test(question.trim()),
  questionUnit: (question) => {
    const unit = /\bcuant[oa]s (anos|dias|semanas|meses|horas)\b/.exec(spanishText(question))?.[1];
    return unit && SPANISH_UNITS[unit];
  },
  questionRank: spanishRank,
  questionPlaceKind: (question) => {
    const text = spanishText(question);
    if (SPANISH_SLOTS.some(({ slot, pattern }) => slot === "organisation" && pattern.test(text))) return "none";
    const kind = /\b(?:que|cual|cuales) (ciudad|ciudades|pais|paises|nacion|naciones)\b/.exec(text)?.[1];
    return kind === undefined ? undefined : kind.startsWith("ciudad") ? "city" : "country";
  },
};

/** "哪位部长", "哪些秘鲁部长": a "which" and, a few characters on, one of the glossary's roles. */
const CHINESE_WHICH_ROLE = new RegExp(`哪(?:位|些|个|几位|一位)[^，。？?\\s]{0,4}?(${CHINESE_ROLE_WORDS.join("|")})`);

const CHINESE_SLOTS: readonly SlotPattern[] = [
  { slot: "weekday", pattern: /星期几|礼拜几|周几/ },
  { slot: "year", pattern: /哪一?年|什么年份|何年/ },
  // "第几大": which rank ("second-largest"); "第几次": which in order ("his second visit").
  { slot: "rank", pattern: /第几(大|名|位)/ },
  { slot: "ordinal", pattern: /第几/ },
  { slot: "times", pattern: /几次|多少次/ },
  { slot: "since", pattern: /从什么时候开始|从何时起|自何时/ },
  { slot: "time", pattern: /什么时候|何时|哪一?天|几号|几月|什么时间|几点|什么日子/ },
  { slot: "duration", pattern: /多长时间|多久|(多少|几)(年|天|个月|周|小时)/ },
  { slot: "percentage", pattern: /百分之(多少|几)|百分比|占比|比重|比例是多少|几成/ },
  {
    slot: "money",
    pattern:
      /多少钱|多少(亿|万|千)?(美元|元|美金|人民币)|花了多少|耗资|造价|成本|(投资|价值|金额|额)[^，。？?]*多少|多少[^，。？?]*(投资|资金)/,
  },
  { slot: "count", pattern: /多少|几(个|位|家|项|年|名|座|条|种|天|十|百|千|万)/ },
  { slot: "person", pattern: /谁|哪位|何人|叫什么名字|(名字|姓名|全名)(是什么|叫什么)/ },
  // "哪些秘鲁部长…？": which holders of a role, as "¿Qué ministros…?" asks.
  { slot: "person", pattern: CHINESE_WHICH_ROLE },
  // Not "在哪些领域" (in which areas): a place is asked by 在哪 alone.
  { slot: "place", pattern: /哪里|哪儿|在哪(?![些个一种位家项])|何处|何地|什么地方/ },
  { slot: "named", pattern: /哪(个|座|些)?[^，。？?\s]{0,4}?(国家|城市|港口|地区|地方)|哪国|什么(国家|城市|港口|地方)/ },
  // "哪家航运公司": a kind of company may stand between the question word and the noun.
  { slot: "organisation", pattern: /哪(家|个|些)?[^，。？?\s]{0,4}?(公司|企业|机构|报纸|媒体|组织|银行)/ },
];

const CHINESE_CONSTRAINTS: readonly KeyConstraint[] = [
  { name: "original", inQuestion: /最初|原先|原来|起初/, inSentence: SAYS.original },
  // Not a yes/no question ("是第一次访问秘鲁吗？"), nor a span since it ("距第一次访问多少年").
  { name: "first", inQuestion: /^(?!.*(吗|是否|是不是|多少年|几年|多久|以来)).*(第一次|首次|初次)/, inSentence: SAYS.first },
  { name: "last year", inQuestion: /去年/, inSentence: SAYS.lastYear },
  { name: "this year", inQuestion: /今年/, inSentence: SAYS.thisYear },
  { name: "cost", inQuestion: /成本|造价|花费|耗资|价格|价值/, needsMoney: true },
  { name: "else", inQuestion: /还有谁|还有哪些|除了|此外/, inSentence: SAYS.besides },
  { name: "other", inQuestion: /其他|其它/, inSentence: SAYS.other },
  // Not 未来 or 今后 ("in future"), which ask about what is planned rather than the next occurrence.
  { name: "next", inQuestion: /下次|下一次|下一届|下届|下一轮|明年|来年|下个月|下周/, inSentence: SAYS.next },
  // Not 上任 ("take office").
  { name: "former", inQuestion: /之前|以前|前任|上一任|前一任/, inSentence: SAYS.former },
  ...conceptConstraints("zh"),
  ...calendarConstraints("zh"),
];

const CHINESE: QuestionSide = {
  questionRank: chineseRank,
  transliteratedNames: (question) => transliteratedNames(question, [...chinesePlaces(question), ...chineseRoles(question)]),
  slots: CHINESE_SLOTS,
  keyConstraints: CHINESE_CONSTRAINTS,
  yesNoQuestion: /吗[？?]?\s*$|是否|有没有|是不是|会不会|能不能/,
  asksAboutSpeech: /说|表示|称|采访|据/,
  // "博鲁阿尔特总统对贸易协定说了什么？", "…对美国有什么看法？", "据巴拉雷索说，…", "巴西总统如何评价…？":
  // the speaker is captured.
  speechSubject:
    /^(?:据)?([^，,。？?]+?)(?:对|就|关于)[^，,。？?]+?(?:说了什么|说过什么|怎么说|表示了什么|发表了什么|有何评论|有什么评论|如何评价|怎么评价|有什么看法|有何看法|怎么看|如何看待|持什么态度)|^据([^，,。？?]+?)(?:说|称|表示)|^([^，,。？?]+?)(?:如何|怎么|怎样)(?:评价|看待)/,
  speakerMatches: chineseSpeakerMatches,
  questionText: (question) => question.trim().toLowerCase(),
  questionRoles: chineseQuestionRoles,
  questionNames: chineseNames,
  clockQuestion: /几点|几时几分|什么时刻/,
  monthQuestion: /几月|哪个月|哪一个月|什么月份/,
  questionActs: (question) => actsIn(question, "zh"),
  questionUnit: (question) => {
    const unit = /(?:多少|几)(个月|年|天|周|小时)/.exec(question)?.[1];
    return unit && CHINESE_UNITS[unit];
  },
  questionPlaceKind: (question) => {
    if (CHINESE_SLOTS.some(({ slot, pattern }) => slot === "organisation" && pattern.test(question))) return "none";
    const kind = /(?:哪|什么)[个座些]?(城市|国家)|哪(国)/.exec(question);
    return kind === null ? undefined : kind[1] === "城市" ? "city" : "country";
  },
};

/** Spanish words that state a rank; "más grande que" compares instead, and "lo más importante" ranks nothing named. */
const SPANISH_RANKS: readonly { rank: number; pattern: RegExp }[] = [
  // Not "segundo mayor", "tercer mayor": those rank second and third.
  {
    rank: 1,
    pattern: /(?<!\blo |\bsegund[oa]s? |\btercer[oa]?s? )\b(principal(es)?|mayor(es)?|mas grande(s)?|mas importante(s)?)\b(?! que\b)/,
  },
  { rank: 2, pattern: /\bsegund[oa]s?\b/ },
  { rank: 3, pattern: /\btercer[oa]?s?\b/ },
];

/**
 * "¿Cuál es el segundo socio comercial del Perú?": a rank the question states, ranked for the places
 * named after it ("del Perú", "de la inversión china"), though not where it is ranked ("en América Latina").
 */
function spanishRank(question: string): StatedRank | undefined {
  const text = spanishText(question);
  if (SPANISH_SLOTS.some(({ slot, pattern }) => (slot === "rank" || slot === "ordinal") && pattern.test(text))) return undefined;
  const found = SPANISH_RANKS.map(({ rank, pattern }) => ({ rank, match: pattern.exec(text) })).find(({ match }) => match !== null);
  if (!found?.match) return undefined;
  const after = tokenize(text.slice(found.match.index + found.match[0].length));
  const owners = after.flatMap((token, index) =>
    /^(en|a|hacia)$/.test(after[index - 1]?.lower ?? "") ? [] : [englishPlace(token.text)].filter((place) => place !== undefined),
  );
  return {
    rank: found.rank,
    owners,
    among: /\bun[oa] de (los|las)\b/.test(text.slice(0, found.match.index)),
    importance: found.match[0].includes("importante"),
  };
}

/** Chinese words that state a rank: 最大 (the top one), 第二大 (the second); 第几 asks for one instead. */
const CHINESE_RANKS: readonly { rank: number; pattern: RegExp }[] = [
  { rank: 1, pattern: /最大|最重要|头号|首要|第一大/ },
  { rank: 2, pattern: /第二(大|位|名)/ },
  { rank: 3, pattern: /第三(大|位|名)/ },
];

/**
 * "秘鲁的第二大贸易伙伴是哪个国家？": a rank the question states, ranked for the places before it in its
 * clause ("秘鲁的"), though not where it is ranked ("在拉美").
 */
function chineseRank(question: string): StatedRank | undefined {
  if (/第几/.test(question)) return undefined;
  const found = CHINESE_RANKS.map(({ rank, pattern }) => ({ rank, match: pattern.exec(question) })).find(({ match }) => match !== null);
  if (!found?.match) return undefined;
  const clause =
    question
      .slice(0, found.match.index)
      .split(/[，,。；;：:？?！!]/)
      .at(-1) ?? "";
  const owners = chinesePlaces(clause)
    .filter((place) => clause[place.start - 1] !== "在")
    .map((place) => place.english);
  return { rank: found.rank, owners, among: /之一/.test(question.slice(found.match.index)), importance: found.match[0] === "最重要" };
}

/**
 * "¿Quién es el embajador del Perú en China?": the role in English ("ambassador"), narrowed the way
 * the English rules narrow it — the owner before ("Peruvian Ambassador"), the place after ("to China").
 */
function spanishRoles(question: string): { identity: boolean; roles: QuestionRole[]; asked?: string } {
  const tokens = tokenize(question);
  const roles: QuestionRole[] = [];
  tokens.forEach((token, index) => {
    const role = englishRole(token.text);
    if (!role) return;
    let before: string | undefined;
    let after: string | undefined;
    let next = index + 1;
    // "embajador peruano": a demonym after the noun.
    const adjective = tokens[next] && englishPlace((tokens[next] as Token).text);
    if (adjective && !(tokens[next] as Token).capitalised) {
      before = adjective;
      next += 1;
    }
    for (;;) {
      const word = tokens[next]?.lower ?? "";
      const place = spanishPlaceAt(tokens, next + 1);
      if (!place) break;
      if (/^(de|del)$/.test(word) && before === undefined) before = place.english;
      else if (/^(en|ante|para)$/.test(word)) after = place.english;
      else break;
      next = place.next;
    }
    roles.push({ stem: stemEnglish(role), before: before && stemEnglish(before), after: after && stemEnglish(after) });
  });
  const text = spanishText(question);
  const asked = SPANISH_WHICH_ROLE.exec(text)?.[1];
  const askedRole = asked === undefined ? undefined : englishRole(asked);
  return {
    identity: roles.length > 0 && /^((quien|quienes) (es|era|fue|son|sera|seran|eran)|como se llama(n)?)\b/.test(text),
    roles,
    ...(askedRole ? { asked: stemEnglish(askedRole) } : {}),
  };
}

/** "¿Qué ministros…?", "¿A qué embajador…?": a "which" right before one of the glossary's roles. */
const SPANISH_WHICH_ROLE = new RegExp(`^(?:a |con |de |por |para )?(?:que|cual|cuales) (${SPANISH_ROLE_WORDS.join("|")})\\b`);

/** The place named at `index` (after an optional article): its English name and the index after it. */
function spanishPlaceAt(tokens: readonly Token[], index: number): { english: string; next: number } | undefined {
  let at = index;
  if (SPANISH_ARTICLES.test(tokens[at]?.lower ?? "")) at += 1;
  const token = tokens[at];
  if (!token) return undefined;
  const pair = tokens[at + 1] ? englishPlace(`${token.text} ${(tokens[at + 1] as Token).text}`) : undefined;
  if (pair) return { english: pair, next: at + 2 };
  const english = englishPlace(token.text) ?? (token.capitalised ? foldAccents(token.lower) : undefined);
  return english ? { english, next: at + 1 } : undefined;
}

/**
 * Names a Spanish question spells as the sources would (Chancay, Machu Picchu, Brasil as "brazil"):
 * capitalised words past the first, except roles and names after an article, which are translations.
 */
function spanishNames(question: string): string[] {
  const tokens = tokenize(question);
  const names: string[] = [];
  for (let index = 1; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (!token.capitalised || /[¿¡"“‘(]$/.test(token.punctuationBefore) || englishRole(token.text)) continue;
    if (SPANISH_ARTICLES.test(tokens[index - 1]?.lower ?? "")) continue;
    const place = spanishPlaceAt(tokens, index);
    names.push(place?.english ?? token.text);
    if (place) index = place.next - 1;
  }
  return [...names, ...yearsIn(question)];
}

/**
 * Years the question names ("¿…en 2023?", "2023年…"): written alike in every language, they name what
 * the question is about as a name does, and a year the sources never mention is a fact they lack.
 */
function yearsIn(question: string): string[] {
  return question.match(/(?<!\d)(1[89]|20)\d\d(?!\d)/g) ?? [];
}

/**
 * "秘鲁驻华大使是谁？": the role ("ambassador") with the country before 驻 as its owner and the one
 * after as its place ("Peruvian Ambassador to China"); without 驻, the country just before the role.
 */
function chineseQuestionRoles(question: string): { identity: boolean; roles: QuestionRole[]; asked?: string } {
  const roles = chineseRoles(question).map((role) => {
    const lead =
      question
        .slice(0, role.start)
        .split(/[，,。；;：:？?！!、\s]/)
        .at(-1) ?? "";
    const stationed = lead.lastIndexOf("驻");
    const places = chinesePlaces(lead);
    const owner = places.filter((place) => stationed < 0 || place.end <= stationed).at(-1);
    const placeAfter = stationed < 0 ? undefined : places.find((place) => place.start > stationed);
    return {
      stem: stemEnglish(role.english),
      before: owner && stemEnglish(owner.english),
      after: placeAfter && stemEnglish(placeAfter.english),
    };
  });
  const asked = chineseRoles(CHINESE_WHICH_ROLE.exec(question)?.[1] ?? "")[0]?.english;
  return {
    identity: roles.length > 0 && /是谁|是哪位|叫什么名字|(名字|姓名|全名)(是什么|叫什么)/.test(question),
    roles,
    ...(asked ? { asked: stemEnglish(asked) } : {}),
  };
}

/**
 * A Chinese question's speaker against an English sentence: a country or Latin-script name of the
 * speaker must be in the sentence; a name the glossary cannot read ("博鲁阿尔特总统") at least needs
 * its role said by the sentence's speaker ("President Boluarte said"), not merely mentioned.
 */
function chineseSpeakerMatches(subject: string, sentenceTokens: readonly Token[], previousTokens?: readonly Token[]): boolean {
  const names = chineseNames(subject).map((name) => name.toLowerCase());
  const roles = chineseRoles(subject);
  const speakers = englishSpeakers(sentenceTokens);
  // A foreign name written by sound ("博鲁阿尔特") must sound like the speaker's name, or like the speaker of
  // the sentence before when this one says only "he said".
  const spelled = transliteratedNames(subject, [...roles, ...chinesePlaces(subject)]);
  if (spelled.length > 0) {
    const unnamed = speakers.length > 0 && speakers.every((speaker) => speaker.every((token) => SPEAKER_PRONOUNS.has(token.lower)));
    const candidates = unnamed && previousTokens !== undefined ? englishSpeakers(previousTokens) : speakers;
    return spelled.every((name) =>
      candidates.some((speaker) =>
        soundsLikeAny(
          name,
          speaker.map((token) => token.text),
        ),
      ),
    );
  }
  const stems = new Set(roles.map((role) => stemEnglish(role.english)));
  const roleSpeaks = () => speakers.some((speaker) => speaker.some((token) => stems.has(stemEnglish(token.lower))));
  if (names.length > 0) {
    const named = sentenceTokens.some((token) => names.some((name) => token.lower.startsWith(name.slice(0, DEMONYM_STEM))));
    // "秘鲁外交部长…说了什么": the country alone is no speaker; the minister must speak.
    return named && (roles.length === 0 || roleSpeaks());
  }
  let unread = subject;
  for (const term of [...roles, ...chinesePlaces(subject)]) unread = unread.replace(subject.slice(term.start, term.end), "");
  // A bare role ("大使") or a name the glossary cannot read ("博鲁阿尔特") is left to the embedding, but
  // what someone said or thinks is in a sentence reporting someone's words.
  if (roles.length === 0 || (unread.match(/\p{Script=Han}/gu)?.length ?? 0) < 2) return speakers.length > 0;
  return roleSpeaks();
}

/**
 * A Spanish question's speaker against an English sentence: a name of the speaker must be the
 * sentence's speaker ("…, Marco V. Balarezo said"), not merely mentioned ("President Xi Jinping's
 * state visit, Balarezo said" is not what Xi thinks). "…, he said" is the speaker of the sentence
 * before. A subject without a name ("según el embajador") is left to the embedding.
 */
function spanishSpeakerMatches(subject: string, sentenceTokens: readonly Token[], previousTokens?: readonly Token[]): boolean {
  const names = tokenize(subject)
    .filter((token) => token.capitalised && !SPANISH_ARTICLES.test(token.lower) && !englishRole(token.text))
    .map((token) => foldAccents(token.lower));
  if (names.length === 0) return true;
  const named = (speaker: readonly Token[]) => speaker.some((token) => names.includes(foldAccents(token.lower)));
  const own = englishSpeakers(sentenceTokens);
  if (own.some(named)) return true;
  const unnamed = own.length > 0 && own.every((speaker) => speaker.every((token) => SPEAKER_PRONOUNS.has(token.lower)));
  return unnamed && previousTokens !== undefined && englishSpeakers(previousTokens).some(named);
}

const SPEAKER_PRONOUNS: ReadonlySet<string> = new Set(["he", "she", "they"]);

/** The sentences are English: their speakers are found with the English rules. */
const ENGLISH_SENTENCE_RULES = languageRules("en");

/** The speakers an English sentence reports ("…, Marco V. Balarezo said"), each as its tokens. */
function englishSpeakers(tokens: readonly Token[]): Token[][] {
  return speakerRuns(tokens, ENGLISH_SENTENCE_RULES).map((run) => tokens.slice(run.first, run.last + 1));
}

/** Countries a Chinese question names, in English, and any capitalised Latin words in it ("APEC"). */
function chineseNames(question: string): string[] {
  const latin = question.match(/\p{Lu}[\p{Script=Latin}.-]*/gu) ?? [];
  return [...chinesePlaces(question).map((place) => place.english), ...latin, ...yearsIn(question)];
}

/**
 * Every country or city the question names is in the sentence, itself or as its demonym ("Peruvian"
 * for Peru): a date or number about a visit to Peru does not answer "秘鲁总统什么时候访问上海？".
 * Other names need not all be there ("Xi Jinping" is "Xi" in "Xi's trip").
 */
export function namesEveryPlace(options: { names: readonly string[]; sentenceTerms: ReadonlySet<string>; rules: LanguageRules }): boolean {
  const { names, sentenceTerms, rules } = options;
  const said = [...sentenceTerms];
  return (
    names
      .filter(isGlossaryPlace)
      // Every word of a place of several ("United States" is not the "state visit").
      .every((place) => rules.terms(place).every((term) => said.some((word) => word.startsWith(term.slice(0, DEMONYM_STEM)))))
  );
}

/** Letters a place and its demonym share: "Peru", "Peruvian"; "China", "Chinese". */
const DEMONYM_STEM = 4;

/**
 * The question's language when it is Spanish or Chinese and every document is English: the pairing
 * these rules read. Other pairings (Spanish documents, a mixed corpus) get no slot checks yet.
 */
export function crossLingualQuestion(options: { question: Language; documents: readonly Language[] }): QuestionLanguage | undefined {
  const { question, documents } = options;
  if (question !== "es" && question !== "zh") return undefined;
  return documents.length > 0 && documents.every((language) => language === "en") ? question : undefined;
}

/** Built once, after the question sides they combine. */
const CROSS_LINGUAL_RULES: Readonly<Record<QuestionLanguage, LanguageRules>> = {
  es: buildCrossLingualRules("es"),
  zh: buildCrossLingualRules("zh"),
};
