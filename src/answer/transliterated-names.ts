/**
 * Foreign names in Chinese are written by sound with a small, standard set of characters ("博鲁阿尔特"
 * for Boluarte, "巴拉雷索" for Balarezo). Read in pinyin and reduced to their consonants, such a name can
 * be matched against the names an English text spells: a question about "卡亚俄" asks about a place the
 * sources never name. General phonetics, not taken from any corpus.
 */

/** Characters of the standard transliteration of foreign names, with their pinyin (without tones). */
const PINYIN: Readonly<Record<string, string>> = Object.fromEntries(
  [
    "阿a 埃ai 艾ai 安an 奥ao 巴ba 拜bai 班ban 邦bang 鲍bao 贝bei 本ben 比bi 宾bin 波bo 博bo 布bu",
    "查cha 达da 戴dai 丹dan 德de 迪di 蒂di 丁ding 杜du 厄e 俄e 恩en 尔er 法fa 菲fei 费fei 芬fen",
    "佛fo 弗fu 福fu 盖gai 冈gang 戈ge 格ge 古gu 瓜gua 圭gui 哈ha 赫he 亨heng 霍huo 基ji 吉ji 杰jie",
    "卡ka 凯kai 坎kan 康kang 考kao 科ke 克ke 肯ken 库ku 奎kui 昆kun 拉la 莱lai 兰lan 朗lang 劳lao",
    "勒le 雷lei 里li 莉li 琳lin 隆long 卢lu 鲁lu 伦lun 罗luo 洛luo 玛ma 迈mai 曼man 梅mei 蒙meng",
    "米mi 莫mo 默mo 姆mu 穆mu 纳na 娜na 奈nai 内nei 尼ni 妮ni 纽niu 努nu 诺nuo 欧ou 帕pa 佩pei",
    "皮pi 普pu 奇qi 乔qiao 丘qiu 萨sa 塞sai 桑sang 瑟se 森sen 莎sha 舍she 舒shu 斯si 苏su 索suo",
    "塔ta 泰tai 坦tan 特te 提ti 廷ting 托tuo 瓦wa 威wei 维wei 韦wei 温wen 沃wo 乌wu 锡xi 希xi",
    "谢xie 辛xin 雅ya 亚ya 耶ye 伊yi 尤you 约yue 扎zha 詹zhan 泽ze 佐zuo",
  ]
    .join(" ")
    .split(" ")
    .map((entry) => [entry.slice(0, 1), entry.slice(1)]),
);

/** Shortest run of such characters read as a name: two are often an ordinary word ("拉美", "亚太"). */
const MIN_NAME_LENGTH = 3;

export interface TransliteratedName {
  readonly text: string;
  /** Its pinyin, without tones or spaces ("boluaerte"). */
  readonly pinyin: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Runs of transliteration characters in a Chinese text that read as a foreign name, outside the spans
 * already read (`taken`: countries, roles).
 */
export function transliteratedNames(text: string, taken: readonly { start: number; end: number }[] = []): TransliteratedName[] {
  const names: TransliteratedName[] = [];
  const free = (index: number) => PINYIN[text[index] ?? ""] !== undefined && !taken.some((span) => index >= span.start && index < span.end);
  for (let start = 0; start < text.length; ) {
    if (!free(start)) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < text.length && free(end)) end += 1;
    if (end - start >= MIN_NAME_LENGTH) {
      const run = text.slice(start, end);
      names.push({ text: run, pinyin: [...run].map((character) => PINYIN[character]).join(""), start, end });
    }
    start = end;
  }
  return names;
}

/**
 * A name's consonants, with the sounds pinyin and English letters tell apart merged: l and r, b and p,
 * d and t, g, k and c, the sibilants (s, z, x, j, q, ch, sh, zh), f, v and ph. "Boluarte" and
 * "boluaerte" both give "bld"; "Balarezo" and "balaleisuo" both give "blls".
 */
export function consonantSkeleton(word: string): string {
  return (
    word
      .toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z]/g, "")
      // An r or l closing a syllable is often left out in Chinese ("Solberg": 索尔贝格, suo-er-bei-ge), so
      // it is left out on both sides.
      .replace(/[rl](?![aeiouy])/g, "")
      .replace(/zh|ch|sh|ph|ng/g, (pair) => ({ zh: "s", ch: "s", sh: "s", ph: "f", ng: "n" })[pair] ?? pair)
      .replace(/[aeiouyw]/g, "")
      .replace(/[rl]/g, "l")
      .replace(/[bp]/g, "b")
      .replace(/[dt]/g, "d")
      .replace(/[gkcq]/g, (letter) => (letter === "q" ? "s" : "g"))
      .replace(/[szxj]/g, "s")
      .replace(/v/g, "f")
      .replace(/h/g, "")
  );
}

/** Whether a transliterated name sounds like one of `words` (English names, each or two side by side). */
export function soundsLikeAny(name: TransliteratedName, words: readonly string[]): boolean {
  const skeleton = consonantSkeleton(name.pinyin);
  if (skeleton.length < 2) return false;
  return words.some((word, index) => {
    const next = words[index + 1];
    return consonantSkeleton(word) === skeleton || (next !== undefined && consonantSkeleton(`${word}${next}`) === skeleton);
  });
}
