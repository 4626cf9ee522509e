import { ANALYZER_ID, analyze } from "../text/analyze.ts";
import { detectLanguage } from "../text/detect-language.ts";
import { isLanguage, type Language } from "../text/language.ts";
import type { LexicalHit, LexicalIndex } from "./lexical-index.ts";

/** 2: chunks analysed per language, the languages recorded. */
const FORMAT_VERSION = 2;

/** The serialised index: plain JSON, identical bytes for identical input. */
export interface Bm25Data {
  readonly version: typeof FORMAT_VERSION;
  readonly analyzer: string;
  /** The languages of the indexed chunks, sorted: a query's words are stemmed as each of them would be. */
  readonly languages: readonly Language[];
  readonly k1: number;
  readonly b: number;
  readonly chunkIds: readonly string[];
  /** Analysed terms per chunk, parallel to `chunkIds`. */
  readonly documentLengths: readonly number[];
  readonly averageDocumentLength: number;
  /** Every indexed term, in ascending code-unit order. */
  readonly terms: readonly string[];
  /** Parallel to `terms`: flat [chunkIndex, termFrequency, chunkIndex, termFrequency, ...], chunk indexes ascending. */
  readonly postings: readonly (readonly number[])[];
}

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Document-length normalisation, 0 (none) to 1 (full). */
  b?: number;
}

interface PostingList {
  readonly chunkIndexes: Uint32Array;
  readonly termFrequencies: Uint32Array;
  readonly idf: number;
}

// Defaults that suit short passages (Anserini's choice for MS MARCO-style collections).
const DEFAULT_K1 = 0.9;
const DEFAULT_B = 0.4;

function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function checkParameters(k1: number, b: number): void {
  if (!Number.isFinite(k1) || k1 < 0) {
    throw new RangeError(`BM25 k1 must be a finite number >= 0, got ${k1}`);
  }
  if (!Number.isFinite(b) || b < 0 || b > 1) {
    throw new RangeError(`BM25 b must be between 0 and 1, got ${b}`);
  }
}

function averageOf(values: readonly number[]): number {
  if (values.length === 0) {
    return 0;
  }
  let total = 0;
  for (const value of values) {
    total += value;
  }
  return total / values.length;
}

/** Okapi BM25 over analysed chunk texts, with Lucene's idf so that no matching term scores below zero. */
export class Bm25Index implements LexicalIndex {
  readonly size: number;
  readonly #languages: readonly Language[];
  readonly #k1: number;
  readonly #b: number;
  readonly #chunkIds: readonly string[];
  readonly #documentLengths: Uint32Array;
  readonly #averageDocumentLength: number;
  /** Sorted, so that serialisation is deterministic. */
  readonly #terms: readonly string[];
  readonly #postingsByTerm: ReadonlyMap<string, PostingList>;
  /** Per chunk: k1 * (1 - b + b * length / averageLength), the length part of the BM25 denominator. */
  readonly #lengthNorms: Float64Array;

  private constructor(data: Bm25Data) {
    const { k1, b, averageDocumentLength } = data;
    this.size = data.chunkIds.length;
    this.#languages = [...data.languages];
    this.#k1 = k1;
    this.#b = b;
    this.#chunkIds = [...data.chunkIds];
    this.#documentLengths = Uint32Array.from(data.documentLengths);
    this.#averageDocumentLength = averageDocumentLength;
    this.#terms = [...data.terms];
    this.#lengthNorms = Float64Array.from(data.documentLengths, (length) =>
      averageDocumentLength > 0 ? k1 * (1 - b + (b * length) / averageDocumentLength) : k1 * (1 - b),
    );
    const postingsByTerm = new Map<string, PostingList>();
    data.terms.forEach((term, termIndex) => {
      const flat = data.postings[termIndex] as readonly number[];
      const documentFrequency = flat.length / 2;
      const chunkIndexes = new Uint32Array(documentFrequency);
      const termFrequencies = new Uint32Array(documentFrequency);
      for (let entry = 0; entry < documentFrequency; entry += 1) {
        chunkIndexes[entry] = flat[2 * entry] as number;
        termFrequencies[entry] = flat[2 * entry + 1] as number;
      }
      const idf = Math.log(1 + (this.size - documentFrequency + 0.5) / (documentFrequency + 0.5));
      postingsByTerm.set(term, { chunkIndexes, termFrequencies, idf });
    });
    this.#postingsByTerm = postingsByTerm;
  }

  /** Each chunk is analysed in its `language` (its document's), or in the language detected in its text. */
  static build(chunks: readonly { chunkId: string; text: string; language?: Language }[], options: Bm25Options = {}): Bm25Index {
    const { k1 = DEFAULT_K1, b = DEFAULT_B } = options;
    checkParameters(k1, b);
    const seen = new Set<string>();
    const documentLengths: number[] = [];
    const postingsByTerm = new Map<string, number[]>();
    const languages = new Set<Language>();
    chunks.forEach((chunk, chunkIndex) => {
      if (seen.has(chunk.chunkId)) {
        throw new Error(`duplicate chunk id in BM25 input: ${JSON.stringify(chunk.chunkId)}`);
      }
      seen.add(chunk.chunkId);
      const language = chunk.language ?? detectLanguage(chunk.text);
      languages.add(language);
      const terms = analyze(chunk.text, { language });
      documentLengths.push(terms.length);
      const frequencies = new Map<string, number>();
      for (const term of terms) {
        frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      }
      // Chunks are visited in order, so every posting list comes out sorted by chunk index.
      for (const [term, frequency] of frequencies) {
        let postings = postingsByTerm.get(term);
        if (postings === undefined) {
          postings = [];
          postingsByTerm.set(term, postings);
        }
        postings.push(chunkIndex, frequency);
      }
    });
    const terms = [...postingsByTerm.keys()].sort(compareCodeUnits);
    return new Bm25Index({
      version: FORMAT_VERSION,
      analyzer: ANALYZER_ID,
      languages: [...languages].sort(compareCodeUnits),
      k1,
      b,
      chunkIds: chunks.map((chunk) => chunk.chunkId),
      documentLengths,
      averageDocumentLength: averageOf(documentLengths),
      terms,
      postings: terms.map((term) => postingsByTerm.get(term) as number[]),
    });
  }

  /** Whether `toJSON()` output comes from this format and analyzer; other data must be rebuilt from the chunks. */
  static isCurrent(data: Pick<Bm25Data, "version" | "analyzer">): boolean {
    return data.version === FORMAT_VERSION && data.analyzer === ANALYZER_ID;
  }

  /** Rebuilds an index from `toJSON()` output, refusing anything malformed or made by another analyzer. */
  static fromJSON(data: Bm25Data): Bm25Index {
    validateData(data);
    return new Bm25Index(data);
  }

  toJSON(): Bm25Data {
    return {
      version: FORMAT_VERSION,
      analyzer: ANALYZER_ID,
      languages: [...this.#languages],
      k1: this.#k1,
      b: this.#b,
      chunkIds: [...this.#chunkIds],
      documentLengths: Array.from(this.#documentLengths),
      averageDocumentLength: this.#averageDocumentLength,
      terms: [...this.#terms],
      postings: this.#terms.map((term) => {
        const { chunkIndexes, termFrequencies } = this.#postingsByTerm.get(term) as PostingList;
        const flat = new Array<number>(2 * chunkIndexes.length);
        for (let entry = 0; entry < chunkIndexes.length; entry += 1) {
          flat[2 * entry] = chunkIndexes[entry] as number;
          flat[2 * entry + 1] = termFrequencies[entry] as number;
        }
        return flat;
      }),
    };
  }

  /** The k best chunks for the query's analysed terms; a term repeated in the query counts once per repetition. */
  search(query: string, k: number): LexicalHit[] {
    const limit = Math.floor(k);
    if (!(limit > 0)) {
      return [];
    }
    const queryTermCounts = new Map<string, number>();
    for (const term of analyze(query, { stemAs: this.#languages })) {
      queryTermCounts.set(term, (queryTermCounts.get(term) ?? 0) + 1);
    }
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    const k1PlusOne = this.#k1 + 1;
    for (const [term, count] of queryTermCounts) {
      const postings = this.#postingsByTerm.get(term);
      if (postings === undefined) {
        continue;
      }
      const { chunkIndexes, termFrequencies, idf } = postings;
      const weight = idf * count;
      for (let entry = 0; entry < chunkIndexes.length; entry += 1) {
        const chunkIndex = chunkIndexes[entry] as number;
        const frequency = termFrequencies[entry] as number;
        // Every contribution is positive (idf > 0, frequency > 0), so zero means not seen yet.
        if (scores[chunkIndex] === 0) {
          touched.push(chunkIndex);
        }
        scores[chunkIndex] =
          (scores[chunkIndex] as number) + (weight * frequency * k1PlusOne) / (frequency + (this.#lengthNorms[chunkIndex] as number));
      }
    }
    const chunkIds = this.#chunkIds;
    return touched
      .filter((chunkIndex) => (scores[chunkIndex] as number) > 0)
      .sort(
        (left, right) =>
          (scores[right] as number) - (scores[left] as number) || compareCodeUnits(chunkIds[left] as string, chunkIds[right] as string),
      )
      .slice(0, limit)
      .map((chunkIndex) => ({ chunkId: chunkIds[chunkIndex] as string, score: scores[chunkIndex] as number }));
  }
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function fail(reason: string): never {
  throw new Error(`invalid BM25 index data: ${reason}`);
}

function validateData(data: unknown): asserts data is Bm25Data {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    fail("expected an object");
  }
  const record = data as Record<string, unknown>;
  if (record.version !== FORMAT_VERSION) {
    fail(`unsupported version ${JSON.stringify(record.version)}, expected ${FORMAT_VERSION}`);
  }
  if (record.analyzer !== ANALYZER_ID) {
    fail(`built with analyzer ${JSON.stringify(record.analyzer)}, this build uses ${JSON.stringify(ANALYZER_ID)}`);
  }
  const { languages, k1, b, chunkIds, documentLengths, averageDocumentLength, terms, postings } = record;
  const sorted =
    Array.isArray(languages) &&
    languages.every((language, index) => isLanguage(language) && (index === 0 || languages[index - 1] < language));
  if (!sorted) {
    fail("languages must be a sorted list of distinct languages");
  }
  if (typeof k1 !== "number" || typeof b !== "number") {
    fail("k1 and b must be numbers");
  }
  try {
    checkParameters(k1, b);
  } catch (error) {
    fail((error as Error).message);
  }
  if (!Array.isArray(chunkIds) || !chunkIds.every((chunkId) => typeof chunkId === "string")) {
    fail("chunkIds must be an array of strings");
  }
  if (new Set(chunkIds).size !== chunkIds.length) {
    fail("chunkIds must be unique");
  }
  if (!Array.isArray(documentLengths) || documentLengths.length !== chunkIds.length) {
    fail("documentLengths must be an array as long as chunkIds");
  }
  if (!documentLengths.every(isNonNegativeInteger)) {
    fail("documentLengths must be non-negative integers");
  }
  const expectedAverage = averageOf(documentLengths);
  if (
    typeof averageDocumentLength !== "number" ||
    Math.abs(averageDocumentLength - expectedAverage) > 1e-9 * Math.max(1, expectedAverage)
  ) {
    fail("averageDocumentLength does not match documentLengths");
  }
  if (!Array.isArray(terms) || !Array.isArray(postings) || terms.length !== postings.length) {
    fail("terms and postings must be arrays of equal length");
  }
  const termCounts = new Array<number>(chunkIds.length).fill(0);
  terms.forEach((term: unknown, termIndex) => {
    if (typeof term !== "string" || term.length === 0) {
      fail(`term ${termIndex} must be a non-empty string`);
    }
    if (termIndex > 0 && compareCodeUnits(terms[termIndex - 1] as string, term) >= 0) {
      fail(`terms must be unique and sorted (at term ${termIndex})`);
    }
    const flat: unknown = postings[termIndex];
    if (!Array.isArray(flat) || flat.length === 0 || flat.length % 2 !== 0) {
      fail(`postings of term ${termIndex} must be a non-empty list of [chunkIndex, termFrequency] pairs`);
    }
    let previousChunkIndex = -1;
    for (let entry = 0; entry < flat.length; entry += 2) {
      const chunkIndex: unknown = flat[entry];
      const frequency: unknown = flat[entry + 1];
      if (!isNonNegativeInteger(chunkIndex) || chunkIndex >= chunkIds.length || chunkIndex <= previousChunkIndex) {
        fail(`postings of term ${termIndex} must hold ascending chunk indexes below ${chunkIds.length}`);
      }
      if (!isNonNegativeInteger(frequency) || frequency === 0) {
        fail(`postings of term ${termIndex} must hold positive integer term frequencies`);
      }
      termCounts[chunkIndex] = (termCounts[chunkIndex] as number) + frequency;
      previousChunkIndex = chunkIndex;
    }
  });
  // Each chunk's length is the sum of its term frequencies; a mismatch means the parts were not built together.
  termCounts.forEach((count, chunkIndex) => {
    if (count !== documentLengths[chunkIndex]) {
      fail(`documentLengths[${chunkIndex}] does not match its postings`);
    }
  });
}
