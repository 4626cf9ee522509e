/**
 * Folds text so the same fact written differently compares equal: NFKC (CJK full-width letters and
 * digits become ASCII), accents stripped, lower case, digit-group separators dropped, and number
 * words up to twenty, tens, and ordinals written as digits ("second" → "2").
 */
const NUMBER_WORDS: Readonly<Record<string, string>> = {
  zero: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  seventeen: "17",
  eighteen: "18",
  nineteen: "19",
  twenty: "20",
  thirty: "30",
  forty: "40",
  fifty: "50",
  sixty: "60",
  seventy: "70",
  eighty: "80",
  ninety: "90",
  hundred: "100",
  thousand: "1000",
  million: "1000000",
  billion: "1000000000",
  first: "1",
  second: "2",
  third: "3",
  fourth: "4",
  fifth: "5",
  sixth: "6",
  seventh: "7",
  eighth: "8",
  ninth: "9",
  tenth: "10",
  once: "1",
  twice: "2",
  dozen: "12",
};

const NUMBER_WORD = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join("|")})\\b`, "g");

export function foldText(text: string): string {
  // "one of the largest" counts nothing.
  return foldWords(text).replace(NUMBER_WORD, (word, _group, offset: number, whole: string) =>
    word === "one" && whole.startsWith(" of ", offset + word.length) ? word : (NUMBER_WORDS[word] ?? word),
  );
}

/** Folded as `foldText` folds, but with number words as written ("second", not "2"). */
function foldWords(text: string): string {
  return text
    .normalize("NFKC")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/(?<=\d)[,\u00a0 ](?=\d{3}\b)/g, "")
    .replace(/(?<=\d)(st|nd|rd|th)\b/g, "");
}

const TOKEN = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*/gu;

/** Folded words and numbers of a text, in order; CJK characters count one each. */
export function foldedTokens(text: string): string[] {
  return foldText(text).match(TOKEN) ?? [];
}

/** The same tokens as `foldedTokens`, one for one, with number words as the text writes them ("second", "two"). */
export function writtenTokens(text: string): string[] {
  return foldWords(text).match(TOKEN) ?? [];
}

/** Whether `needle` occurs in `haystack` as a run of whole folded tokens. */
export function containsFolded(haystack: string, needle: string): boolean {
  const words = foldedTokens(needle);
  if (words.length === 0) return false;
  return tokenRunIndex(foldedTokens(haystack), words) >= 0;
}

/** Where `words` first occur as a consecutive run of `tokens`, or -1. */
export function tokenRunIndex(tokens: readonly string[], words: readonly string[]): number {
  for (let start = 0; start + words.length <= tokens.length; start += 1) {
    if (words.every((word, offset) => tokens[start + offset] === word)) return start;
  }
  return -1;
}
