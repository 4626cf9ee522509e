import { foldAccents } from "./fold-accents.ts";

function wordSet(...lines: string[]): ReadonlySet<string> {
  return new Set(lines.flatMap((line) => line.split(" ")).map(foldAccents));
}

/**
 * English function words that carry little meaning for keyword search: pronouns, articles,
 * auxiliaries, prepositions, conjunctions, and the fragments left when contractions and
 * possessives are split at the apostrophe ("don't" -> "don" + "t", "Peru's" -> "peru" + "s").
 */
export const ENGLISH_STOP_WORDS = wordSet(
  "a about above after again against all am an and any are aren as at be because been before being below between both but by",
  "can couldn d did didn do does doesn doing don down during each few for from further had hadn has hasn have haven having he",
  "her here hers herself him himself his how i if in into is isn it its itself just ll m me more most my myself no nor not now",
  "of off on once only or other our ours ourselves out over own re s same she should shouldn so some such t than that the their",
  "theirs them themselves then there these they this those through to too under until up ve very was wasn we were weren what",
  "when where which while who whom why will with won would wouldn you your yours yourself yourselves",
);

/**
 * Spanish function words: articles, prepositions, conjunctions, pronouns and possessives, the
 * question words, and the forms of ser, estar, haber and ir that questions are built with. Kept
 * without accents, since words are folded before they are looked up ("qué" and "que" alike).
 */
export const SPANISH_STOP_WORDS = wordSet(
  "el la los las lo un una unos unas al del a ante bajo con contra de desde durante en entre hacia hasta mediante para por",
  "segun sin sobre tras y e o u ni pero sino que como cuando donde mientras porque pues si aunque cual cuales cuyo cuya",
  "quien quienes cuanto cuanta cuantos cuantas adonde yo tu usted ustedes ella ellos ellas nosotros nosotras vosotros vosotras",
  "me te se nos os le les mi mis tus su sus nuestro nuestra nuestros nuestras vuestro vuestra mio mia tuyo suyo suya suyos suyas",
  "este esta estos estas ese esa esos esas aquel aquella aquellos aquellas esto eso aquello ser es son era eran fue fueron sea",
  "sean sera seran sido siendo soy eres somos estar estan estaba estaban estuvo estuvieron este estado estoy estamos haber ha",
  "han habia habian hubo habra habran hay he has hemos habido haya va van iba iban muy mas menos ya tambien tampoco solo no",
  "cada todo toda todos todas otro otra otros otras mismo misma mismos mismas tan tanto tanta tantos tantas algo alguno alguna",
  "algunos algunas nada ningun ninguna poco mucho mucha muchos muchas",
);

/**
 * Chinese function words as Intl.Segmenter cuts them: particles, pronouns, question words,
 * copulas and common prepositions, none of which says what a question is about.
 */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(
  [
    "的 了 着 过 是 在 和 与 及 或 也 都 就 还 又 吗 呢 吧 啊 呀 么 之 其 以 于 为 而 并 被 把 对 从 向 给 将 会 要 有 没有",
    "这 那 这个 那个 这些 那些 这次 那次 此 该 我 你 您 他 她 它 我们 你们 他们 她们 它们 自己",
    "由 来 什么 谁 哪 哪里 哪儿 哪个 哪些 哪一 怎么 怎样 怎么样 如何 为什么 为何 多少 几 何时 什么时候 是否 请问 一下",
  ]
    .flatMap((line) => line.split(" "))
    .filter((word) => word !== ""),
);
