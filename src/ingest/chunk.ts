import type { TokenCounter } from "../embed/embedder.ts";
import type { Chunk } from "../store/chunk.ts";
import { type Span, splitSentences } from "../text/sentences.ts";
import type { SourceDocument } from "./document.ts";

export interface ChunkerSettings {
  /** Upper bound on model tokens per chunk, below the model's sequence length. */
  readonly maxTokens: number;
  /** Sentences repeated at the start of the next chunk. */
  readonly overlapSentences: number;
}

export const DEFAULT_CHUNKER_SETTINGS: ChunkerSettings = { maxTokens: 160, overlapSentences: 1 };

/** Room for the [CLS] and [SEP] tokens the model adds. */
const SPECIAL_TOKENS = 2;

/** The chunker's limit for this model: the setting, unless the model's sequence less its specials and passage prefix is shorter. */
export function chunkTokenLimit(settings: ChunkerSettings, counter: TokenCounter): number {
  return Math.min(settings.maxTokens, counter.maxTokens - SPECIAL_TOKENS - (counter.passagePromptTokens ?? 0));
}

/**
 * Packs whole sentences into chunks of at most `maxTokens` model tokens, repeating the last
 * `overlapSentences` sentences of a chunk at the start of the next. A sentence longer than the limit
 * alone is cut at word boundaries.
 */
export function chunkDocument(options: { document: SourceDocument; counter: TokenCounter; settings?: ChunkerSettings }): Chunk[] {
  const { document, counter, settings = DEFAULT_CHUNKER_SETTINGS } = options;
  const limit = chunkTokenLimit(settings, counter);
  const units = splitSentences(document.text).flatMap((span) => fitSpan({ text: document.text, span, counter, limit }));
  const chunks: Chunk[] = [];
  let first = 0;
  while (first < units.length) {
    let last = first;
    let tokens = (units[first] as Unit).tokens;
    while (last + 1 < units.length) {
      const candidate = spanTokens(document.text, units, first, last + 1, counter);
      if (candidate > limit) break;
      last += 1;
      tokens = candidate;
    }
    const start = (units[first] as Unit).start;
    const end = (units[last] as Unit).end;
    chunks.push({
      id: `${document.id}#${chunks.length}`,
      docId: document.id,
      index: chunks.length,
      start,
      end,
      text: document.text.slice(start, end),
      tokenCount: tokens,
    });
    if (last + 1 >= units.length) break;
    first = Math.max(first + 1, last + 1 - settings.overlapSentences);
  }
  return chunks;
}

interface Unit extends Span {
  readonly tokens: number;
}

function spanTokens(text: string, units: readonly Unit[], first: number, last: number, counter: TokenCounter): number {
  return counter.countTokens(text.slice((units[first] as Unit).start, (units[last] as Unit).end));
}

/** A sentence that fits is one unit; a longer one becomes several, cut between words. */
function fitSpan(options: { text: string; span: Span; counter: TokenCounter; limit: number }): Unit[] {
  const { text, span, counter, limit } = options;
  const tokens = counter.countTokens(text.slice(span.start, span.end));
  if (tokens <= limit) return [{ ...span, tokens }];
  const words = [...text.slice(span.start, span.end).matchAll(/\S+/g)].map((match) => ({
    start: span.start + (match.index ?? 0),
    end: span.start + (match.index ?? 0) + match[0].length,
  }));
  const pieces: Unit[] = [];
  let pieceStart = 0;
  while (pieceStart < words.length) {
    let pieceEnd = pieceStart;
    let pieceTokens = counter.countTokens(text.slice((words[pieceStart] as Span).start, (words[pieceStart] as Span).end));
    while (pieceEnd + 1 < words.length) {
      const candidate = counter.countTokens(text.slice((words[pieceStart] as Span).start, (words[pieceEnd + 1] as Span).end));
      if (candidate > limit) break;
      pieceEnd += 1;
      pieceTokens = candidate;
    }
    pieces.push({ start: (words[pieceStart] as Span).start, end: (words[pieceEnd] as Span).end, tokens: pieceTokens });
    pieceStart = pieceEnd + 1;
  }
  return pieces;
}
