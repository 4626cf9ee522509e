import type { Answerer } from "./answer/types.ts";
import type { StoredDocument } from "./store/index-data.ts";

export interface DocumentSummary {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  readonly publishedAt?: string;
  readonly source?: string;
}

/** What the routes need once the model and index are loaded. */
export interface Engine {
  readonly answerer: Answerer;
  getDocument(docId: string): StoredDocument | undefined;
  listDocuments(): DocumentSummary[];
  /** Facts for /readyz and metrics. */
  describe(): {
    modelId: string;
    documents: number;
    chunks: number;
    denseSearch: boolean;
    /** The language model that writes answers, or "off" for extractive answers. */
    writer: { provider: string; model: string } | "off";
    notes: string[];
  };
}

/**
 * Holds the engine that serves. Swapping in a new one is a single assignment, so a request sees
 * the old engine or the new one, never a mix.
 */
export class EngineHolder {
  #engine: Engine | undefined;
  #failure: string | undefined;

  get current(): Engine | undefined {
    return this.#engine;
  }

  /** Why loading failed, if it did. */
  get failure(): string | undefined {
    return this.#failure;
  }

  set(engine: Engine): void {
    this.#engine = engine;
    this.#failure = undefined;
  }

  fail(reason: string): void {
    this.#failure = reason;
  }
}

export function summarize(document: StoredDocument): DocumentSummary {
  const { id, title, url, publishedAt, source } = document;
  return { id, title, ...(url ? { url } : {}), ...(publishedAt ? { publishedAt } : {}), ...(source ? { source } : {}) };
}
