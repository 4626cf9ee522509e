import type { SpanEmbedder, SpanStates } from "../embed/span-embedder.ts";
import { poolOccurrences } from "../embed/span-embedder.ts";
import type { Chunk } from "../store/chunk.ts";
import type { StoredSentence } from "../store/index-data.ts";
import type { Span } from "../text/sentences.ts";
import { runInLengthOrder } from "./embed-batches.ts";

export interface LateChunkingResult {
  /** Row i is the vector of chunks[i]. */
  readonly chunkVectors: Float32Array[];
  /** Row i is the vector of sentences[i]; undefined where the sentence needs a pass of its own. */
  readonly sentenceVectors: (Float32Array | undefined)[];
}

/** A piece of a sentence inside one chunk, in document offsets. */
interface Occurrence extends Span {
  readonly states: SpanStates;
}

/**
 * Chunk vectors and sentence vectors from one forward pass per chunk ("late chunking"): a sentence's
 * vector is the mean of its token states, read inside the chunks that hold it, normalised.
 *
 * The rule for sentences that are not simply inside one chunk: every chunk that holds any part of a
 * sentence contributes the states of that part, and the sentence's vector is the mean over all of
 * those tokens. A sentence in the overlap of two chunks is thus read in both contexts; a sentence
 * longer than a chunk (cut between words by the chunker) is read piece by piece in the chunks that
 * hold its pieces. A sentence whose pieces do not cover it once located exactly (the tokenizer merged
 * tokens across its edge, or the model's sequence length cut the chunk short) gets no vector here,
 * and the caller embeds it on its own.
 */
export async function embedWithLateChunking(options: {
  chunks: readonly Chunk[];
  sentences: readonly StoredSentence[];
  /** Document texts by id, to tell the gaps between a cut sentence's pieces (whitespace) from missing pieces. */
  documentTexts: ReadonlyMap<string, string>;
  embedder: SpanEmbedder;
  batchSize: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<LateChunkingResult> {
  const { chunks, sentences, documentTexts, embedder, batchSize, onProgress } = options;
  const byDocument = new Map<string, number[]>();
  sentences.forEach((sentence, row) => {
    const rows = byDocument.get(sentence.docId) ?? [];
    rows.push(row);
    byDocument.set(sentence.docId, rows);
  });
  const insideRows = chunks.map((chunk) =>
    (byDocument.get(chunk.docId) ?? []).filter((row) => {
      const sentence = sentences[row] as StoredSentence;
      return sentence.end > chunk.start && sentence.start < chunk.end;
    }),
  );
  const items = chunks.map((chunk, index) => ({
    text: chunk.text,
    tokens: chunk.tokenCount,
    spans: (insideRows[index] as number[]).map((row) => {
      const sentence = sentences[row] as StoredSentence;
      return { start: Math.max(sentence.start, chunk.start) - chunk.start, end: Math.min(sentence.end, chunk.end) - chunk.start };
    }),
  }));
  const results = await runInLengthOrder({
    items,
    // Identical chunk texts with identical sentence cuts give identical results: run them once.
    keyOf: (item) => `${item.spans.map((span) => `${span.start}-${span.end}`).join(",")}\n${item.text}`,
    lengthOf: (item) => item.tokens,
    batchSize,
    run: (batch) => embedder.embedWithSpans(batch, "passage"),
    onProgress,
  });

  const occurrences: Occurrence[][] = sentences.map(() => []);
  results.forEach((result, index) => {
    const chunk = chunks[index] as Chunk;
    const item = items[index] as (typeof items)[number];
    (insideRows[index] as number[]).forEach((row, position) => {
      const states = result.spans[position];
      const span = item.spans[position] as Span;
      if (states) occurrences[row]?.push({ start: chunk.start + span.start, end: chunk.start + span.end, states });
    });
  });
  const sentenceVectors = sentences.map((sentence, row) => {
    const found = occurrences[row] as Occurrence[];
    return covers({ pieces: found, sentence, text: documentTexts.get(sentence.docId) ?? "" })
      ? poolOccurrences(
          found.map((occurrence) => occurrence.states),
          embedder.dimensions,
        )
      : undefined;
  });
  return { chunkVectors: results.map((result) => result.vector), sentenceVectors };
}

/** True when the pieces cover every non-space character of the sentence; a cut sentence's pieces meet at the whitespace between words. */
function covers(options: { pieces: readonly Span[]; sentence: Span; text: string }): boolean {
  const { pieces, sentence, text } = options;
  let reach = sentence.start;
  for (const piece of [...pieces].sort((a, b) => a.start - b.start)) {
    if (piece.start > reach && /\S/.test(text.slice(reach, piece.start))) return false;
    reach = Math.max(reach, piece.end);
  }
  return reach >= sentence.end;
}
