import { Bm25Index } from "../store/bm25.ts";
import type { Chunk } from "../store/chunk.ts";
import { type IndexData, type StoredDocument, vectorRow } from "../store/index-data.ts";
import type { LexicalIndex } from "../store/lexical-index.ts";
import type { VectorIndex } from "../store/vector-index.ts";
import { analyze } from "../text/analyze.ts";

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
  /** Inverse document frequency of analysed terms over sentences. */
  idf(term: string): number;
  /** Whether any sentence of the corpus holds the analysed term. */
  knows(term: string): boolean;
}

export function createKnowledgeBase(options: { data: IndexData; vectorIndex: VectorIndex | undefined }): KnowledgeBase {
  const { data, vectorIndex } = options;
  const documents = new Map(data.documents.map((document) => [document.id, document]));
  const chunks = new Map(data.chunks.map((chunk) => [chunk.id, chunk]));
  const dimensions = data.manifest.model.dimensions;
  const sentences: SentenceRecord[] = data.sentences.map((sentence, ordinal) => {
    const text = (documents.get(sentence.docId) as StoredDocument).text.slice(sentence.start, sentence.end);
    return {
      ordinal,
      ...sentence,
      text,
      terms: new Set(analyze(text)),
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
    lexicalIndex: Bm25Index.fromJSON(data.bm25),
    documents,
    chunks,
    sentencesByChunk,
    idf(term: string): number {
      const frequency = documentFrequency.get(term) ?? 0;
      return Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
    },
    knows(term: string): boolean {
      return documentFrequency.has(term);
    },
  };
}
