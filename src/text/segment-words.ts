// Letters, combining marks (so scripts written with them keep whole words) and digits; everything
// else, apostrophes and hyphens included, separates tokens.
const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}]+/gu;

/** Scripts written without spaces between words, which only a dictionary can cut into words. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

let segmenter: Intl.Segmenter | undefined;

/**
 * ICU's word segmenter, the same dictionaries in Node and workerd. Made on first use: building
 * one costs about a millisecond, and text without CJK or Thai never needs it.
 */
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  return segmenter;
}

/**
 * The words of a text, NFKC-normalised and lowercased, in order: runs of letters and digits, and
 * runs of Chinese, Japanese or Thai cut into dictionary words ("秘鲁驻华大使是谁" -> 秘鲁, 驻华大使,
 * 是, 谁; "2024年apec会议" -> 2024, 年, apec, 会议).
 */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(TOKEN_PATTERN)) {
    const token = match[0];
    if (!UNSPACED_SCRIPT.test(token)) {
      words.push(token);
      continue;
    }
    for (const segment of wordSegmenter().segment(token)) {
      if (segment.isWordLike) words.push(segment.segment);
    }
  }
  return words;
}
