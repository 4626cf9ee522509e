import type { Span } from "../text/sentences.ts";
import type { Embedder, EmbedPurpose } from "./embedder.ts";
import type { TokenRange } from "./span-tokens.ts";

/** A text and character spans inside it (sentences of a chunk) whose own vectors are wanted too. */
export interface SpannedText {
  readonly text: string;
  readonly spans: readonly Span[];
}

/** The token states inside one span, summed and counted but not averaged, so occurrences can be pooled together. */
export interface SpanStates {
  readonly sum: Float32Array;
  readonly tokens: number;
}

export interface SpannedVectors {
  /** The text's vector, as `embed` gives it. */
  readonly vector: Float32Array;
  /** Per span, from the same forward pass; undefined when its tokens could not be located exactly or were cut off. */
  readonly spans: readonly (SpanStates | undefined)[];
}

/**
 * An embedder that also returns the token states of spans from the text's own forward pass ("late
 * chunking"): a sentence read inside its chunk, at no extra model cost.
 */
export interface SpanEmbedder extends Embedder {
  embedWithSpans(items: readonly SpannedText[], purpose: EmbedPurpose): Promise<SpannedVectors[]>;
}

export function canEmbedSpans(embedder: Embedder): embedder is SpanEmbedder {
  return typeof (embedder as Partial<SpanEmbedder>).embedWithSpans === "function";
}

/** Sums the hidden states of row `row` over each range; `hidden` is [rows, length, dimensions], row-major. */
export function sumSpanStates(options: {
  hidden: Float32Array;
  row: number;
  length: number;
  dimensions: number;
  ranges: readonly (TokenRange | undefined)[];
}): (SpanStates | undefined)[] {
  const { hidden, row, length, dimensions, ranges } = options;
  return ranges.map((range) => {
    if (!range) return undefined;
    const sum = new Float32Array(dimensions);
    for (let position = range.start; position < range.end; position += 1) {
      const base = (row * length + position) * dimensions;
      for (let column = 0; column < dimensions; column += 1) sum[column] = (sum[column] as number) + (hidden[base + column] as number);
    }
    return { sum, tokens: range.end - range.start };
  });
}

/** Mean of the pooled occurrences, normalised to unit length; undefined without any. */
export function poolOccurrences(occurrences: readonly SpanStates[], dimensions: number): Float32Array | undefined {
  if (occurrences.length === 0) return undefined;
  const vector = new Float32Array(dimensions);
  let tokens = 0;
  for (const occurrence of occurrences) {
    tokens += occurrence.tokens;
    for (let column = 0; column < dimensions; column += 1) vector[column] = (vector[column] as number) + (occurrence.sum[column] as number);
  }
  // The mean's direction is the sum's; dividing by the token count first keeps the arithmetic of mean pooling.
  let norm = 0;
  for (let column = 0; column < dimensions; column += 1) {
    const mean = (vector[column] as number) / tokens;
    vector[column] = mean;
    norm += mean * mean;
  }
  const scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
  for (let column = 0; column < dimensions; column += 1) vector[column] = (vector[column] as number) * scale;
  return vector;
}
