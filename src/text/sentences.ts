export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof sr jr st gen col lt sgt capt gov sen rep pres amb hon rev mt ft no nos vol pp fig inc ltd co corp dept univ est approx vs etc al eg ie jan feb mar apr jun jul aug sep sept oct nov dec cf ca ext tel min max avg nr art sec ch".split(
    " ",
  ),
);

const TERMINATOR = /[.!?…]/;
const CLOSERS = /["'”’)\]]/;
/** Spanish questions and exclamations open with their own marks. */
const OPENERS = /["'“‘([¿¡]/;
/** Chinese and Japanese full stops, question and exclamation marks, and what may close after them. */
const FULL_WIDTH_TERMINATOR = /[。！？]/;
const FULL_WIDTH_CLOSERS = /[。！？」』”’）]/;
const CLOSING_QUOTE = /[」』”’]/;

/**
 * Splits text into sentence spans `[start, end)` without altering it: paragraph breaks always end a
 * sentence; inside a paragraph a terminator followed by space and a capital, digit or opening mark
 * (a quote, "¿", "¡") does, except after abbreviations and single initials ("Marco V. Balarezo"), and
 * a Chinese or Japanese "。", "！" or "？" always does.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  const paragraph = /[^\n]+/g;
  for (let match = paragraph.exec(text); match !== null; match = paragraph.exec(text)) {
    splitParagraph(text, match.index, match.index + match[0].length, spans);
  }
  return spans;
}

function splitParagraph(text: string, from: number, to: number, spans: Span[]): void {
  let start = from;
  for (let index = from; index < to; index += 1) {
    if (FULL_WIDTH_TERMINATOR.test(text[index] as string)) {
      // No space and no capital follow a full-width stop: it ends the sentence wherever it stands,
      // unless it closes a quotation, which its attribution follows (“……？”他问。).
      let end = index + 1;
      while (end < to && FULL_WIDTH_CLOSERS.test(text[end] as string)) end += 1;
      if (CLOSING_QUOTE.test(text.slice(index + 1, end)) && end < to) continue;
      pushTrimmed(text, start, end, spans);
      start = end;
      index = end - 1;
      continue;
    }
    if (!TERMINATOR.test(text[index] as string)) continue;
    let end = index + 1;
    while (end < to && (TERMINATOR.test(text[end] as string) || CLOSERS.test(text[end] as string))) end += 1;
    if (end < to && !/\s/.test(text[end] as string)) continue;
    let next = end;
    while (next < to && /\s/.test(text[next] as string)) next += 1;
    if (next < to && !startsSentence(text[next] as string)) continue;
    if (text[index] === "." && isAbbreviation(text, start, index)) continue;
    if (insideShortQuotation({ text, sentenceStart: start, index, end, to })) continue;
    pushTrimmed(text, start, end, spans);
    start = next;
    index = next - 1;
  }
  pushTrimmed(text, start, to, spans);
}

/** A quotation that closes within this many characters is kept whole: a slogan such as "Empower. Include. Grow." */
const SHORT_QUOTATION = 60;

function insideShortQuotation(options: { text: string; sentenceStart: number; index: number; end: number; to: number }): boolean {
  const { text, sentenceStart, index, end, to } = options;
  const before = text.slice(sentenceStart, index);
  const straight = (before.match(/"/g) ?? []).length;
  const curlyOpen = (before.match(/“/g) ?? []).length - (before.match(/”/g) ?? []).length;
  if (straight % 2 === 0 && curlyOpen <= 0) return false;
  const closer = curlyOpen > 0 ? "”" : '"';
  const closing = text.indexOf(closer, index + 1);
  // The quotation closes right after this terminator ("… Grow.""): the sentence ends with it.
  return closing >= end && closing < to && closing - index <= SHORT_QUOTATION;
}

function startsSentence(character: string): boolean {
  return /[\p{Lu}\p{N}]/u.test(character) || OPENERS.test(character);
}

function isAbbreviation(text: string, sentenceStart: number, dotIndex: number): boolean {
  let wordStart = dotIndex;
  while (wordStart > sentenceStart && /[\p{L}.]/u.test(text[wordStart - 1] as string)) wordStart -= 1;
  const word = text.slice(wordStart, dotIndex);
  if (/^\p{Lu}$/u.test(word)) return true;
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  let left = start;
  let right = end;
  while (left < right && /\s/.test(text[left] as string)) left += 1;
  while (right > left && /\s/.test(text[right - 1] as string)) right -= 1;
  if (right > left) spans.push({ start: left, end: right });
}
