import { Bm25Index } from "../store/bm25.ts";
import type { Chunk } from "../store/chunk.ts";
import { type IndexData, type StoredDocument, vectorRow } from "../store/index-data.ts";
import type { LexicalIndex } from "../store/lexical-index.ts";
import type { VectorIndex } from "../store/vector-index.ts";
import { analyze } from "../text/analyze.ts";
import { detectLanguage } from "../text/detect-language.ts";
import type { Language } from "../text/language.ts";

export interface SentenceRecord {
  readonly ordinal: number;
  readonly docId: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly terms: ReadonlySet<string>;
  /** Unit vector, absent when the index's vectors are not usable with the query embedder. */
  readonly vector: Float32Array | undefined;
}

/** The loaded index in the shape retrieval and answering need; runtime-neutral. */
export interface KnowledgeBase {
  readonly data: IndexData;
  /** Undefined when dense search is off (vectors built with another model than the embedder). */
  readonly vectorIndex: VectorIndex | undefined;
  readonly lexicalIndex: LexicalIndex;
  readonly documents: ReadonlyMap<string, StoredDocument>;
  readonly chunks: ReadonlyMap<string, Chunk>;
  /** Sentences whose span lies inside each chunk. */
  readonly sentencesByChunk: ReadonlyMap<string, readonly SentenceRecord[]>;
  /** Every sentence once, by ordinal (`sentences[n].ordinal === n`). */
  readonly sentences: readonly SentenceRecord[];
  /** The language each document is written in, detected from its text. */
  readonly documentLanguages: ReadonlyMap<string, Language>;
  /** The languages of the documents, sorted. */
  readonly languages: readonly Language[];
  /** A question's terms, stemmed as the documents' languages would stem them, comparable with `SentenceRecord.terms`. */
  analyzeQuery(text: string, language?: Language): string[];
  /** Inverse document frequency of analysed terms over sentences. */
  idf(term: string): number;
  /** How many sentences hold the analysed term. */
  sentenceFrequency(term: string): number;
  /** Whether any sentence of the corpus holds the analysed term. */
  knows(term: string): boolean;
}

export function createKnowledgeBase(options: { data: IndexData; vectorIndex: VectorIndex | undefined }): KnowledgeBase {
  const { data, vectorIndex } = options;
  const documents = new Map(data.documents.map((document) => [document.id, document]));
  const chunks = new Map(data.chunks.map((chunk) => [chunk.id, chunk]));
  const documentLanguages = new Map(data.documents.map((document) => [document.id, detectLanguage(document.text)]));
  const languages = [...new Set(documentLanguages.values())].sort();
  const dimensions = data.manifest.model.dimensions;
  const sentences: SentenceRecord[] = data.sentences.map((sentence, ordinal) => {
    const text = (documents.get(sentence.docId) as StoredDocument).text.slice(sentence.start, sentence.end);
    return {
      ordinal,
      ...sentence,
      text,
      terms: new Set(analyze(text, { language: documentLanguages.get(sentence.docId) as Language })),
      vector: vectorIndex ? vectorRow(data.sentenceVectors, dimensions, ordinal) : undefined,
    };
  });
  const byDocument = new Map<string, SentenceRecord[]>();
  for (const sentence of sentences) {
    const list = byDocument.get(sentence.docId) ?? [];
    list.push(sentence);
    byDocument.set(sentence.docId, list);
  }
  const sentencesByChunk = new Map<string, SentenceRecord[]>();
  for (const chunk of data.chunks) {
    const inside = (byDocument.get(chunk.docId) ?? []).filter((sentence) => sentence.end > chunk.start && sentence.start < chunk.end);
    sentencesByChunk.set(chunk.id, inside);
  }
  const documentFrequency = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of sentence.terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = Math.max(1, sentences.length);
  return {
    data,
    vectorIndex,
    lexicalIndex: lexicalIndexFor(data, documentLanguages),
    documents,
    chunks,
    sentencesByChunk,
    sentences,
    documentLanguages,
    languages,
    analyzeQuery(text: string, language?: Language): string[] {
      return analyze(text, { ...(language ? { language } : {}), stemAs: languages });
    },
    sentenceFrequency(term: string): number {
      return documentFrequency.get(term) ?? 0;
    },
    idf(term: string): number {
      const frequency = documentFrequency.get(term) ?? 0;
      return Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
    },
    knows(term: string): boolean {
      return documentFrequency.has(term);
    },
  };
}

/**
 * The stored BM25 index, or, when it was written by another analyzer or format (an index built by
 * an older version), the same index rebuilt from the chunks: its terms would not meet this
 * analyzer's queries. Deterministic, and cheap next to loading the model.
 */
function lexicalIndexFor(data: IndexData, documentLanguages: ReadonlyMap<string, Language>): Bm25Index {
  if (Bm25Index.isCurrent(data.bm25)) return Bm25Index.fromJSON(data.bm25);
  return Bm25Index.build(
    data.chunks.map((chunk) => ({ chunkId: chunk.id, text: chunk.text, language: documentLanguages.get(chunk.docId) as Language })),
    { k1: data.manifest.bm25.k1, b: data.manifest.bm25.b },
  );
}

/** The sentence before `sentence` in its document, which may name what it refers back to ("this upgrade"). */
export function previousSentence(knowledge: KnowledgeBase, sentence: SentenceRecord): SentenceRecord | undefined {
  const previous = knowledge.sentences[sentence.ordinal - 1];
  return previous?.docId === sentence.docId ? previous : undefined;
}
