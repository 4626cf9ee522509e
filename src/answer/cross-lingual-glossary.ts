import { foldAccents } from "../text/fold-accents.ts";

/**
 * The few words a Spanish or Chinese question must carry over to English sentences for the answer
 * checks to judge them: role nouns ("embajador", "大使") and country names ("Brasil", "巴西"). The
 * embedding model matches meaning across languages; these checks need the exact word, so each entry
 * gives the English word a sentence would use. General vocabulary, not taken from any corpus.
 */
interface GlossaryEntry {
  readonly english: string;
  readonly es: readonly string[];
  readonly zh: readonly string[];
  /** Places only: a city or a region (a continent, an ocean), not a country. */
  readonly city?: true;
  readonly region?: true;
}

const ROLES: readonly GlossaryEntry[] = [
  { english: "ambassador", es: ["embajador", "embajadora", "embajadores"], zh: ["大使"] },
  { english: "president", es: ["presidente", "presidenta", "presidentes", "mandatario", "mandataria"], zh: ["国家主席", "总统", "主席"] },
  { english: "minister", es: ["ministro", "ministra", "ministros"], zh: ["部长", "外长"] },
  { english: "spokesperson", es: ["portavoz", "vocero", "vocera"], zh: ["发言人"] },
  { english: "director", es: ["director", "directora", "directores"], zh: ["总监", "主任", "董事"] },
  { english: "manager", es: ["gerente", "gerentes"], zh: ["经理"] },
  { english: "lead", es: ["jefe", "jefa", "lider", "responsable"], zh: ["负责人", "领导"] },
  { english: "secretary", es: ["secretario", "secretaria"], zh: ["秘书长", "秘书"] },
  { english: "officer", es: ["oficial", "funcionario", "funcionaria"], zh: ["官员"] },
  { english: "mayor", es: ["alcalde", "alcaldesa"], zh: ["市长"] },
];

/**
 * Countries and a few cities by their Spanish and Chinese names; a one-character Chinese form counts
 * only after 驻 ("stationed in": "驻华" is in China), since alone it is part of many words ("拉美").
 */
const PLACES: readonly GlossaryEntry[] = [
  { english: "china", es: ["china", "chino", "chinos", "chinas"], zh: ["中国", "中方", "华", "中"] },
  { english: "peru", es: ["peru", "peruano", "peruana", "peruanos", "peruanas"], zh: ["秘鲁", "秘"] },
  { english: "brazil", es: ["brasil", "brasileno", "brasilena"], zh: ["巴西"] },
  { english: "chile", es: ["chile", "chileno", "chilena"], zh: ["智利"] },
  { english: "argentina", es: ["argentina", "argentino"], zh: ["阿根廷"] },
  { english: "colombia", es: ["colombia", "colombiano", "colombiana"], zh: ["哥伦比亚"] },
  { english: "mexico", es: ["mexico", "mexicano", "mexicana"], zh: ["墨西哥"] },
  { english: "united states", es: ["estados unidos", "estadounidense", "eeuu", "ee.uu."], zh: ["美国", "美方"] },
  { english: "canada", es: ["canada", "canadiense"], zh: ["加拿大"] },
  { english: "japan", es: ["japon", "japones", "japonesa"], zh: ["日本"] },
  { english: "korea", es: ["corea", "coreano", "coreana"], zh: ["韩国", "朝鲜"] },
  { english: "india", es: ["india", "indio"], zh: ["印度"] },
  { english: "russia", es: ["rusia", "ruso", "rusa"], zh: ["俄罗斯"] },
  { english: "france", es: ["francia", "frances", "francesa"], zh: ["法国"] },
  { english: "germany", es: ["alemania", "aleman", "alemana"], zh: ["德国"] },
  { english: "spain", es: ["espana", "espanol", "espanola"], zh: ["西班牙"] },
  { english: "britain", es: ["reino unido", "britanico", "britanica", "inglaterra"], zh: ["英国"] },
  { english: "italy", es: ["italia", "italiano", "italiana"], zh: ["意大利"] },
  { english: "australia", es: ["australia", "australiano"], zh: ["澳大利亚"] },
  { english: "taiwan", es: ["taiwan", "taiwanes", "taiwanesa"], zh: ["台湾"] },
  { english: "asia-pacific", es: ["asia-pacifico", "asia pacifico"], zh: ["亚太"], region: true },
  { english: "asia", es: ["asia"], zh: ["亚洲"], region: true },
  { english: "europe", es: ["europa", "europeo", "europea"], zh: ["欧洲"], region: true },
  { english: "africa", es: ["africa", "africano", "africana"], zh: ["非洲"], region: true },
  {
    english: "latin america",
    es: ["america latina", "latinoamerica", "latinoamericano", "latinoamericana"],
    zh: ["拉丁美洲", "拉美"],
    region: true,
  },
  {
    english: "south america",
    es: ["sudamerica", "suramerica", "america del sur", "sudamericano", "sudamericana"],
    zh: ["南美洲", "南美"],
    region: true,
  },
  { english: "pacific", es: ["pacifico"], zh: ["太平洋"], region: true },
  { english: "beijing", es: ["pekin", "beijing"], zh: ["北京"], city: true },
  { english: "shanghai", es: ["shanghai"], zh: ["上海"], city: true },
  { english: "lima", es: ["lima"], zh: ["利马"], city: true },
];

/**
 * Events and things a question may ask about that a sentence must name for it to be about them
 * ("¿Cuándo visitará…?", "什么时候开始建设…?"): an inauguration on Thursday is neither a visit nor the
 * start of construction. English gives the forms a sentence would use; Spanish gives word beginnings
 * (accents folded), Chinese whole words. General vocabulary of news and reports, not of one corpus.
 */
export interface ConceptEntry {
  readonly name: string;
  /** A thing rather than an event: a sentence may refer back to it ("this upgrade") after the one naming it. */
  readonly thing?: true;
  /**
   * An act someone does, as an English passive participle ("signed"): "are expected to be signed during
   * the visit" says no signer, so whoever else the sentence names did not sign.
   */
  readonly participle?: RegExp;
  /**
   * What the question is about rather than a word the answer stands beside: "como anfitrión de APEC"
   * must be said, but the region asked for may be further along the sentence than its "host".
   */
  readonly topic?: true;
  readonly english: RegExp;
  readonly es: RegExp;
  readonly zh: RegExp;
}

export const CONCEPTS: readonly ConceptEntry[] = [
  {
    name: "visit",
    english: /\b(visit\w*|trip\w*|tour\w*|travel\w*|stay\w*|journey\w*)\b/i,
    // Not "durante la visita", "这次访问期间": the visit framing a question about something else.
    es: /(?<!\b(durante|en) (la|su|esta) )\b(visit\w*|viaj\w*|gira)\b/,
    zh: /(?<!这次|此次|本次)(访问|出访|到访|访华|之行|参访|行程)(?!期间)/,
  },
  {
    name: "arrive",
    english: /\b(arriv\w*|land(s|ed|ing)?|reach(es|ed|ing)?)\b/i,
    es: /\b(lleg\w*|arrib\w*)\b/,
    zh: /抵达|到达|抵秘|抵京/,
  },
  {
    name: "sign",
    participle: /^signed$/i,
    english: /\bsign(s|ed|ing|ings)?\b/i,
    es: /\bfirm(ar|o|aron|ara|aran|aria|arian|ado|ados|ada|adas|an|e|en)\b/,
    zh: /签署|签订|签约|签字/,
  },
  {
    name: "accompany",
    participle: /^accompanied$/i,
    english: /\b(accompan\w*|along with|delegations?|entourage|escort\w*)\b/i,
    es: /\b(acompan\w*|comitiva|delegacion\w*|sequito)\b/,
    zh: /陪同|随行|随同|代表团/,
  },
  {
    name: "interview",
    participle: /^interviewed$/i,
    english: /\binterview\w*\b/i,
    es: /\bentrevist\w*\b/,
    zh: /采访|专访|访谈/,
  },
  {
    name: "capital",
    english: /\bcapital\b/i,
    es: /\bcapital\b/,
    zh: /首都/,
  },
  {
    name: "end",
    english: /\b(end(s|ed|ing)?|conclu\w*|finish\w*|complet\w*|until|clos(e|es|ed|ing))\b/i,
    es: /\b(termin(a|an|o|aron|ara|aran|ar|acion)|acab\w*|conclu\w*|finaliz\w*)\b/,
    zh: /结束|完成|闭幕|截止/,
  },
  // Business people, not "the company": a question about a company is often answered by its name.
  {
    name: "business people",
    english: /\b(business\w*|entrepreneurs?|executives?|CEOs?)\b/i,
    es: /\b(empresari[oa]s?|ejecutiv[oa]s)\b/,
    zh: /企业家|商界|商人/,
  },
  {
    name: "population",
    english: /\b(population|inhabitants|residents|people)\b/i,
    es: /\b(poblacion|habitantes)\b/,
    zh: /人口|居民/,
  },
  // Economic indicators: a figure about trade or investment is not a country's output, prices or jobs.
  {
    name: "gdp",
    english: /\b(GDP|gross domestic product|economic output)\b/i,
    es: /\b(pib|producto (interno|interior|nacional) bruto)\b/,
    zh: /国内生产总值|生产总值|GDP/i,
  },
  {
    name: "inflation",
    english: /\b(inflation|consumer prices)\b/i,
    es: /\b(inflacion|ipc)\b/,
    zh: /通货膨胀|通胀|物价/,
  },
  {
    name: "unemployment",
    english: /\b(unemploy\w*|jobless\w*)\b/i,
    es: /\b(desemple\w*|desocupacion)\b/,
    zh: /失业|就业率/,
  },
  {
    name: "election",
    english: /\b(elect\w*|vot(e|es|ed|ing|ers?)|ballots?|polls?)\b/i,
    es: /\b(eleccion\w*|electoral\w*|votacion\w*|comicios|sufragio)\b/,
    zh: /选举|大选|投票|选民/,
  },
  {
    name: "diplomatic relations",
    english: /\bdiplomatic\b/i,
    es: /\b(relaciones diplomaticas)\b/,
    zh: /建交|外交关系/,
  },
  {
    name: "distance",
    english: /\b(km|kilomet\w*|miles?|distance|far)\b/i,
    es: /\b(distancia|lejos|kilometros)\b/,
    zh: /距离|多远|公里/,
  },
  {
    name: "build",
    participle: /^(built|constructed|erected)$/i,
    english: /\b(buil[dt]\w*|construct\w*|erect\w*)\b/i,
    es: /\b(constru\w*|edific\w*)\b/,
    // "基础设施建设" is infrastructure itself, not its construction.
    zh: /建造|修建|兴建|承建|建成|施工|开工|(?<!设施)建设/,
  },
  {
    name: "start",
    english: /\b(start\w*|begin\w*|began|begun|launch\w*|commenc\w*|since|inaugurat\w*|open(s|ed|ing)?)\b/i,
    es: /\b(empez\w*|empiez\w*|comenz\w*|comienz\w*|inicio|inicia|inician|iniciar\w*|iniciaron)\b/,
    zh: /开始|开工|启动|始于/,
  },
  {
    name: "speech",
    english: /\b(speech\w*|address\w*|remarks|spoke|speak\w*|lectur\w*)\b/i,
    es: /\b(discurso\w*|conferencia magistral)\b/,
    zh: /演讲|讲话|致辞|发表演说/,
  },
  {
    name: "legislature",
    thing: true,
    english: /\b(congress\w*|parliament\w*|legislat\w*|senate|assembly)\b/i,
    es: /\b(congreso\w*|parlamento\w*|senado|asamblea)\b/,
    zh: /国会|议会|参议院|众议院/,
  },
  {
    name: "plan",
    thing: true,
    english: /\bplan(s|ned|ning)?\b/i,
    es: /\b(plan|planes)\b/,
    zh: /计划|规划/,
  },
  // What a visit's coverage rarely says and a visitor may well ask: the weather, where a guest stays,
  // protests, the airport. A sentence about the visit that names none of them does not answer.
  {
    name: "weather",
    english: /\b(weather|rain\w*|temperatures?|climate|forecast\w*|storms?)\b/i,
    es: /\b(clima|(que|cual) tiempo (hara|hace|habra)|lluvi\w*|temperaturas?|pronostico\w*)\b/,
    zh: /天气|气温|下雨|气候|天气预报/,
  },
  {
    name: "lodging",
    english: /\b(hotels?|lodg\w*|accommodat\w*|guesthouses?)\b/i,
    es: /\b(hotel\w*|aloj\w*|hosped\w*)\b/,
    zh: /酒店|宾馆|饭店|下榻|入住/,
  },
  {
    name: "protest",
    english: /\b(protest\w*|demonstrat(ion|ions|ors?)|rall(y|ies)|strikes?|unrest)\b/i,
    es: /\b(protest\w*|manifestacion\w*|manifestantes|huelgas?|disturbios)\b/,
    zh: /抗议|示威|游行|罢工/,
  },
  {
    name: "airport",
    english: /\b(airports?|airfields?|air base)\b/i,
    es: /\b(aeropuertos?|aerodromo)\b/,
    zh: /机场|专机/,
  },
  // A person's age, not how long something lasted: "¿Cuántos años tiene Xi?" is not "in eight years".
  {
    name: "age",
    english: /\b(aged?|years old|born|birthday)\b/i,
    es: /\b(cuant[oa]s anos tiene|edad|nacio|cumpleanos)\b/,
    zh: /多大年纪|年龄|几岁|多少岁|出生/,
  },
  // Duties on trade, and its other direction: a sentence about exports does not say what is imported.
  {
    name: "tariff",
    english: /\b(tariffs?|duties|customs)\b/i,
    es: /\b(arancel\w*|arancelari\w*)\b/,
    zh: /关税/,
  },
  {
    name: "import",
    english: /\bimport(s|ed|ing|er|ers)?\b/i,
    es: /\bimport(a|an|o|aron|ara|aran|ar|amos|acion|aciones|ado|ados|adora|adoras)\b/,
    zh: /进口/,
  },
  {
    name: "scholarship",
    english: /\b(scholarships?|grants?|fellowships?)\b/i,
    es: /\b(becas?|becari[oa]s?)\b/,
    zh: /奖学金/,
  },
  {
    name: "summit",
    // "APEC meets in Korea next year" says where the summit will be; "the third meeting of the two
    // presidents" is no summit.
    english: /\b(summits?|conferences?|forums?|meets)\b/i,
    es: /\bcumbres?\b/,
    zh: /峰会|首脑会议/,
  },
  // How long or large a structure is: a sentence calling a port large gives no measure of it.
  {
    name: "dimension",
    // A number with a unit, or the measure named: "long", "wide" and "areas" say other things too, as
    // "in-depth" does.
    english: /\b(\d[\d,.]*\s*(m|km|metres?|meters?|feet|hectares?)|lengths?|widths?|(?<!in-)depth)\b/i,
    es: /\b(cuanto mide|miden?|longitud|metros|ancho|anchura|profundidad|superficie|hectareas)\b/,
    zh: /多长|多宽|多深|长度|宽度|深度|面积|多少米/,
  },
  // Someone's schooling: "¿Dónde estudió?" is not answered by where the person works or speaks.
  {
    name: "education",
    english: /\b(stud(y|ied|ies|ying)|students?|universit\w*|college\w*|graduat\w*|degrees?|alumn\w*|schools?|schooling)\b/i,
    es: /\b(estudi(o|aste|aron|ado|ar|a|an)|universidad\w*|gradu\w*|licenciatura|carrera universitaria|colegio)\b/,
    zh: /大学|毕业|学位|留学|上学|读书|求学|学历/,
  },
  // A motto or theme: an event's agenda ("a platform for digital economy integration") names none.
  {
    name: "theme",
    english: /\b(themes?|slogans?|mottos?|taglines?)\b/i,
    es: /\b(lema|eslogan|tema (central|oficial)|consigna)\b/,
    zh: /主题|口号|标语/,
  },
  // Sectors a question may ask about that a text on trade and investment may never mention.
  {
    name: "mining",
    english: /\b(min(e|es|ing|ers?|erals?)|copper|lithium|gold|silver)\b/i,
    es: /\b(miner\w*|minas?|cobre|litio)\b/,
    zh: /矿业|采矿|矿产|矿山|铜矿|锂矿/,
  },
  // What a report on a visit or a deal may well leave out: its entry into force, a delay, who runs or
  // funds a project, who hosts an event, the press, tourism, languages spoken, the building talks are in.
  {
    name: "entry into force",
    topic: true,
    english: /\b((in|into) force|take(s|n)? effect|took effect|effective)\b/i,
    es: /\b(en vigor|vigencia)\b/,
    zh: /生效/,
  },
  {
    name: "delay",
    topic: true,
    english: /\b(delay\w*|postpon\w*|behind schedule|put off)\b/i,
    es: /\b(retras\w*|demor\w*|aplaz\w*|pospu\w*|posterg\w*)\b/,
    zh: /推迟|延迟|延期|推后|延误/,
  },
  {
    name: "management",
    topic: true,
    english: /\b(manag\w*|operat\w*|administ\w*|run by)\b/i,
    es: /\b(dirig\w*|administr\w*|gestion\w*|opera|operan|operara|operaran|operador\w*|manej\w*)\b/,
    zh: /管理|运营|经营|掌管/,
  },
  {
    name: "funding",
    topic: true,
    english: /\b(financ\w*|fund(s|ed|ing)?|loans?|lend\w*|lent|credits?|banks?)\b/i,
    es: /\b(financ\w*|fondos|prestam\w*|prestar\w*|presta|prestan|presto|credito\w*|banco\w*)\b/,
    zh: /资金|融资|贷款|银行|出资|资助/,
  },
  {
    name: "host",
    topic: true,
    english: /\b(host\w*|organi[sz]\w*)\b/i,
    es: /\b(organiz\w*|anfitrion\w*)\b/,
    zh: /主办|举办|东道主|承办/,
  },
  // Not the media at large: "China Daily" is a newspaper that the sentence names, not "the press".
  {
    name: "press",
    topic: true,
    english: /\b(press|journalists?|reporters?|news conference)\b/i,
    es: /\b(prensa|periodistas?)\b/,
    zh: /记者会|新闻发布会|记者招待会|记者/,
  },
  {
    name: "tourism",
    topic: true,
    english: /\b(touris\w*|sightseeing)\b/i,
    es: /\bturis\w*\b/,
    zh: /旅游|游客|观光/,
  },
  {
    name: "language",
    topic: true,
    english: /\b(languages?|fluent\w*|bilingual|Spanish|English|Mandarin)\b/i,
    es: /\b(idiomas?|lenguas?)\b/,
    zh: /语言|外语|汉语|普通话/,
  },
  {
    name: "venue",
    topic: true,
    english: /\b(buildings?|palace|venues?|halls?|headquarters|convention cent(re|er))\b/i,
    es: /\b(edificio\w*|palacio|recinto|sede del encuentro)\b/,
    zh: /哪栋|建筑物|大楼|会场|场馆|总统府|会议中心/,
  },
  // About people and public life rather than trade: awards, security, pay, the climate, health care, sport, office.
  {
    name: "award",
    topic: true,
    english: /\b(awards?|prizes?|honou?rs?|medals?|decorat\w*)\b/i,
    es: /\b(premi(o|os|ado|ada|ados|adas)|galardon\w*|condecora\w*|medallas?)\b/,
    zh: /奖项|获奖|奖章|勋章|颁奖/,
  },
  {
    name: "security",
    topic: true,
    english: /\b(security|police|policing|guards?|safety)\b/i,
    es: /\b(seguridad|polic\w*|custodi\w*)\b/,
    zh: /安保|安全措施|警察|警力|保安/,
  },
  {
    name: "pay",
    topic: true,
    english: /\b(wages?|salar\w*|earn\w*|income|paid)\b/i,
    es: /\b(salari\w*|sueldos?|gana|ganan)\b/,
    zh: /工资|薪水|薪资|收入|月薪|年薪/,
  },
  {
    name: "climate",
    topic: true,
    english: /\b(climate|emissions?|carbon|warming)\b/i,
    es: /\b(climatic\w*|emisiones|carbono|calentamiento)\b/,
    zh: /气候变化|碳排放|减排|全球变暖/,
  },
  {
    name: "health care",
    topic: true,
    english: /\b(vaccin\w*|medicines?|hospitals?|doctors?|drugs?)\b/i,
    es: /\b(vacunas?|medicament\w*|hospital\w*|medic(o|os|a|as))\b/,
    zh: /疫苗|药品|医院|医生/,
  },
  {
    name: "sport",
    topic: true,
    english: /\b(sports?|football|soccer|athlet\w*|olympic\w*)\b/i,
    es: /\b(deport\w*|futbol\w*|atleta\w*|olimpi\w*)\b/,
    zh: /足球|体育|运动员|球队|奥运/,
  },
  {
    name: "office",
    topic: true,
    english: /\b(took office|in office|tenure|in power|elected|sworn in|term of office)\b/i,
    es: /\b(en el cargo|mandato|asumio|en el poder)\b/,
    zh: /上任|就职|任期|执政|当选|在任/,
  },
  {
    name: "trade agreement",
    thing: true,
    english: /\b(trade (agreement|deal|pact|treaty)|FTA)\b/i,
    es: /\b(tlc|tratado de libre comercio|acuerdo (comercial|de libre comercio))\b/,
    zh: /自贸协定|自由贸易协定|贸易协定|自贸协议|贸易协议/,
  },
];

export type QuestionLanguage = "es" | "zh";

/** Spanish word to English, built once; the first entry holding a word gives it. */
function spanishIndex(entries: readonly GlossaryEntry[]): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const entry of entries) for (const word of entry.es) if (!index.has(word)) index.set(word, entry.english);
  return index;
}

/** Chinese words with their English, longest first, built once. */
function chineseIndex(entries: readonly GlossaryEntry[]): readonly { word: string; english: string }[] {
  return entries
    .flatMap((entry) => entry.zh.map((word) => ({ word, english: entry.english })))
    .sort((a, b) => b.word.length - a.word.length);
}

/** Each glossary place's English name and its kind. */
const PLACE_KINDS: ReadonlyMap<string, "city" | "country" | "region"> = new Map(
  PLACES.map((entry) => [entry.english, entry.city ? "city" : entry.region ? "region" : "country"]),
);

/** Whether an English name is one of the glossary's countries, cities or regions ("Peru", "Shanghai", "Asia-Pacific"). */
export function glossaryPlaceKind(english: string): "city" | "country" | "region" | undefined {
  return PLACE_KINDS.get(english.toLowerCase());
}

/** Whether an English name is one of the glossary's places: a country, city or region ("peru", "shanghai"). */
export function isGlossaryPlace(english: string): boolean {
  return PLACE_KINDS.has(english.toLowerCase());
}

const SPANISH_ROLES = spanishIndex(ROLES);
const SPANISH_PLACES = spanishIndex(PLACES);
const CHINESE_ROLES = chineseIndex(ROLES);
const CHINESE_PLACES = chineseIndex(PLACES);

/** Every Spanish role word of the glossary ("embajador", "presidenta"), accents folded. */
export const SPANISH_ROLE_WORDS: readonly string[] = [...SPANISH_ROLES.keys()];

/** Every Chinese role word of the glossary ("大使", "部长"), longest first. */
export const CHINESE_ROLE_WORDS: readonly string[] = CHINESE_ROLES.map((role) => role.word);

/** The English role noun of a Spanish word ("embajadora" gives "ambassador"). */
export function englishRole(word: string): string | undefined {
  return SPANISH_ROLES.get(foldAccents(word.toLowerCase()));
}

/** The English name of a Spanish country name or demonym ("Perú", "peruano" give "peru"). */
export function englishPlace(word: string): string | undefined {
  return SPANISH_PLACES.get(foldAccents(word.toLowerCase()));
}

export interface ChineseTerm {
  readonly english: string;
  readonly start: number;
  readonly end: number;
}

/** Role nouns in a Chinese text, longest first where they overlap ("国家主席" before "主席"). */
export function chineseRoles(text: string): ChineseTerm[] {
  return findChinese(text, CHINESE_ROLES);
}

/** Country and city names in a Chinese text, including one-character forms ("驻华": China). */
export function chinesePlaces(text: string): ChineseTerm[] {
  return findChinese(text, CHINESE_PLACES);
}

function findChinese(text: string, words: readonly { word: string; english: string }[]): ChineseTerm[] {
  const found: ChineseTerm[] = [];
  const taken = new Array<boolean>(text.length).fill(false);
  for (const { word, english } of words) {
    let from = text.indexOf(word);
    while (from >= 0) {
      const end = from + word.length;
      const standsAlone = word.length > 1 || text[from - 1] === "驻";
      if (standsAlone && !taken.slice(from, end).some(Boolean)) {
        found.push({ english, start: from, end });
        taken.fill(true, from, end);
      }
      from = text.indexOf(word, end);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
