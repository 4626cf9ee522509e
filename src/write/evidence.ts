/** One numbered evidence sentence the writer may cite; the text is the document's own, by offsets. */
export interface EvidenceSentence {
  /** 1-based, as the prompt shows it. */
  readonly number: number;
  readonly docId: string;
  readonly chunkId: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
  /** Exactly `document.text.slice(start, end)`. */
  readonly text: string;
  readonly score: number;
}

/** `[3]`, `[1, 2]`, `[1][4]`, also full-width brackets and digits (NFKC turns ［３］ into [3]). */
const MARKER = /\s*[[【]\s*(\d+(?:\s*[,、，]\s*\d+)*)\s*[\]】]/g;

/** The evidence numbers a model-written sentence cites, in order, without repeats. */
export function citedNumbers(sentence: string): number[] {
  const numbers: number[] = [];
  for (const match of sentence.normalize("NFKC").matchAll(MARKER)) {
    for (const part of (match[1] as string).split(/[,、，]/)) {
      const value = Number(part.trim());
      if (!numbers.includes(value)) numbers.push(value);
    }
  }
  return numbers;
}

/** The sentence without its citation markers, for checking what it claims. */
export function withoutMarkers(sentence: string): string {
  return sentence
    .normalize("NFKC")
    .replace(MARKER, "")
    .replace(/\s+([.!?。！？,;:])/g, "$1")
    .trim();
}

/** Rewrites each marker through `renumber` (evidence number to citation number); unknown numbers vanish. */
export function renumberMarkers(sentence: string, renumber: (evidenceNumber: number) => number | undefined): string {
  return sentence.normalize("NFKC").replace(MARKER, (_marker, list: string) => {
    const numbers = list
      .split(/[,、，]/)
      .map((part) => renumber(Number(part.trim())))
      .filter((value): value is number => value !== undefined);
    return numbers.length === 0 ? "" : ` ${numbers.map((value) => `[${value}]`).join("")}`;
  });
}
