// A deterministic Engine for route and widget-state tests: answers come from a script, not a model.
import type { AskRequest, AskResponse, Citation } from "../../src/answer/types.ts";
import { type DocumentSummary, type Engine, summarize } from "../../src/engine.ts";
import type { StoredDocument } from "../../src/store/index-data.ts";

export const DOCUMENT_TEXT = "Chancay Port opens on Thursday. Both presidents will attend the ceremony. Trade will grow.";

export const DOCUMENT: StoredDocument = {
  id: "port-news",
  title: "Port <news> & notes",
  text: DOCUMENT_TEXT,
  source: "Test Wire",
  publishedAt: "2024-11-13",
  url: "https://example.org/port",
  contentHash: "0".repeat(64),
};

export function citation(quote: string, score = 0.8): Citation {
  const start = DOCUMENT_TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in the test document: ${quote}`);
  return { docId: DOCUMENT.id, chunkId: `${DOCUMENT.id}#0`, title: DOCUMENT.title, quote, start, end: start + quote.length, score };
}

export function groundedAnswer(quotes: readonly string[]): AskResponse {
  const citations = quotes.map((quote) => citation(quote));
  return {
    answer: quotes.join(" "),
    grounded: true,
    language: "en",
    citations,
    timings: { embedMs: 1, searchMs: 1, answerMs: 1, totalMs: 3 },
  };
}

export interface ScriptedEngine extends Engine {
  /** Every request the answerer received, with the signal it was given. */
  readonly calls: { request: AskRequest; signal: AbortSignal | undefined }[];
}

/** `answer` decides each reply; it may throw, or wait on the signal to model slow work. */
export function scriptedEngine(options: {
  answer: (request: AskRequest, signal: AbortSignal | undefined) => Promise<AskResponse> | AskResponse;
  documents?: readonly StoredDocument[];
}): ScriptedEngine {
  const documents = options.documents ?? [DOCUMENT];
  const calls: ScriptedEngine["calls"] = [];
  return {
    calls,
    answerer: {
      async ask(request, askOptions = {}) {
        calls.push({ request, signal: askOptions.signal });
        return options.answer(request, askOptions.signal);
      },
    },
    getDocument: (docId) => documents.find((document) => document.id === docId),
    listDocuments: (): DocumentSummary[] => documents.map(summarize),
    describe: () => ({
      modelId: "scripted",
      documents: documents.length,
      chunks: documents.length,
      denseSearch: false,
      writer: "off",
      notes: [],
    }),
  };
}
