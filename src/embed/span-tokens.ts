import type { Span } from "../text/sentences.ts";

/** Positions `[start, end)` of a span's tokens in the model input, special tokens included in the count. */
export interface TokenRange {
  readonly start: number;
  readonly end: number;
}

export interface SpanTokenization {
  /** Model input ids, special tokens included, cut to the sequence length. */
  readonly ids: number[];
  /** Per span: where its tokens are in `ids`; undefined when they cannot be located exactly or were cut off. */
  readonly ranges: (TokenRange | undefined)[];
}

export interface SpanTokenizer {
  /** Token ids of `text`, with the model's special tokens (one before, one after) or without. */
  encode(text: string, withSpecialTokens: boolean): number[];
  readonly maxTokens: number;
  /** The closing special token, kept when a long input is cut. */
  readonly endTokenId: number;
}

/**
 * Tokenises `text` and finds the tokens of each span exactly: the text is cut into pieces at the
 * spans' edges, each piece is tokenised on its own, and the pieces' ids must equal the ids of the
 * whole text (else every range is undefined and the caller uses another method). Whitespace before a
 * span belongs to its piece, because tokenizers fuse a space with the word after it (XLM-R's "▁word")
 * and drop it in WordPiece; a piece of bare whitespace would be a token the whole text does not have.
 */
export function tokenizeWithSpans(options: {
  text: string;
  spans: readonly Span[];
  tokenizer: SpanTokenizer;
  /** Instruction put before the text (e5's "passage: "); spans are offsets into `text` without it. */
  prefix?: string;
}): SpanTokenization {
  const { tokenizer, prefix = "" } = options;
  const text = prefix + options.text;
  const spans = options.spans.map((span) => ({ start: span.start + prefix.length, end: span.end + prefix.length }));
  const full = tokenizer.encode(text, true);
  const ids = cutToSequenceLength(full, tokenizer);
  const unlocated = { ids, ranges: spans.map(() => undefined) };
  const cuts = new Set([0, text.length]);
  const owners = new Map<number, number>();
  spans.forEach((span, index) => {
    let start = span.start;
    while (start > 0 && /\s/.test(text[start - 1] as string)) start -= 1;
    cuts.add(start);
    cuts.add(span.end);
    owners.set(start, index);
  });
  const points = [...cuts].sort((a, b) => a - b);
  const ranges: (TokenRange | undefined)[] = spans.map(() => undefined);
  const body: number[] = [];
  for (let piece = 0; piece + 1 < points.length; piece += 1) {
    const from = points[piece] as number;
    const pieceIds = tokenizer.encode(text.slice(from, points[piece + 1]), false);
    const owner = owners.get(from);
    // Position 0 holds the opening special token.
    if (owner !== undefined && pieceIds.length > 0) ranges[owner] = { start: 1 + body.length, end: 1 + body.length + pieceIds.length };
    body.push(...pieceIds);
  }
  if (full.length !== body.length + 2 || body.some((id, position) => id !== full[position + 1])) return unlocated;
  // The closing special token sits at the last position of a cut input: spans must end before it.
  const limit = ids.length - 1;
  return { ids, ranges: ranges.map((range) => (range && range.end <= limit ? range : undefined)) };
}

/**
 * Model input ids cut to the sequence length, keeping the closing special token ([SEP], XLM-R's </s>)
 * as sentence-transformers does; the transformers.js pipeline's own truncation drops it, which shifts
 * embeddings of long texts.
 */
export function cutToSequenceLength(ids: number[], tokenizer: Pick<SpanTokenizer, "maxTokens" | "endTokenId">): number[] {
  return ids.length <= tokenizer.maxTokens ? ids : [...ids.slice(0, tokenizer.maxTokens - 1), tokenizer.endTokenId];
}
