/**
 * Cuts model output into sentences as it streams, so each can be verified and released alone. A
 * sentence keeps the citation markers written after its full stop ("Beijing. [1]"); a full stop
 * after an initial or a common abbreviation ("Marco V. Balarezo", "Mr.") does not end one.
 */
const TERMINATORS = new Set([".", "!", "?", "。", "！", "？"]);
const WIDE_TERMINATORS = new Set(["。", "！", "？"]);
const CLOSERS = new Set(['"', "'", "”", "’", ")", "」"]);
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "st",
  "no",
  "vs",
  "etc",
  "jr",
  "sr",
  "gen",
  "gov",
  "amb",
  "u.s",
  "e.g",
  "i.e",
]);

export class SentenceStream {
  #buffer = "";

  /** Adds a delta; returns the sentences it completed. */
  push(delta: string): string[] {
    this.#buffer += delta;
    return this.#take(false);
  }

  /** The end of the stream: whatever is left is the last sentence. */
  flush(): string[] {
    return this.#take(true);
  }

  #take(final: boolean): string[] {
    const sentences: string[] = [];
    for (;;) {
      const end = sentenceEnd(this.#buffer, final);
      if (end === undefined) break;
      const sentence = this.#buffer.slice(0, end).trim();
      this.#buffer = this.#buffer.slice(end);
      if (sentence !== "") sentences.push(sentence);
    }
    if (final) {
      const rest = this.#buffer.trim();
      this.#buffer = "";
      if (rest !== "") sentences.push(rest);
    }
    return sentences;
  }
}

/** Where the first complete sentence of `text` ends, or undefined when more text is needed to tell. */
function sentenceEnd(text: string, final: boolean): number | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (character === "\n") {
      if (text.slice(0, index).trim() === "") continue;
      return index + 1;
    }
    if (!TERMINATORS.has(character)) continue;
    if (character === "." && !endsSentenceAt(text, index)) continue;
    let end = index + 1;
    while (end < text.length && (TERMINATORS.has(text[end] as string) || CLOSERS.has(text[end] as string))) end += 1;
    // Markers after the stop belong to this sentence.
    let cursor = end;
    for (;;) {
      let next = cursor;
      while (next < text.length && text[next] === " ") next += 1;
      if (next >= text.length) return final ? text.length : undefined;
      const marker = /^[[【［]\s*[\d０-９]+(?:\s*[,、，]\s*[\d０-９]+)*\s*[\]】］]/.exec(text.slice(next));
      if (marker) {
        cursor = next + marker[0].length;
        continue;
      }
      if (/^[[【［][\d０-９,、，\s]*$/.test(text.slice(next))) return final ? text.length : undefined;
      const following = text[next] as string;
      if (!WIDE_TERMINATORS.has(character) && next === cursor && cursor === end) break;
      if (/[\p{Ll}\d]/u.test(following) && !WIDE_TERMINATORS.has(character)) break;
      return cursor;
    }
  }
  return undefined;
}

/** A full stop ends a sentence unless it closes an initial, an abbreviation or sits inside a number. */
function endsSentenceAt(text: string, index: number): boolean {
  if (/\d/.test(text[index + 1] ?? "") && /\d/.test(text[index - 1] ?? "")) return false;
  const word = /([\p{L}.]+)$/u.exec(text.slice(0, index))?.[1] ?? "";
  if (/^\p{Lu}$/u.test(word)) return false;
  return !ABBREVIATIONS.has(word.toLowerCase());
}
