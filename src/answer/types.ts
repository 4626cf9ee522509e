import type { Language } from "../text/language.ts";
import type { Turn } from "./resolve-question.ts";

export interface Citation {
  readonly docId: string;
  readonly chunkId: string;
  readonly title: string;
  /** Exactly `document.text.slice(start, end)`. */
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

export interface Timings {
  readonly embedMs: number;
  readonly searchMs: number;
  readonly answerMs: number;
  readonly totalMs: number;
}

export interface AskRequest {
  readonly question: string;
  readonly history?: readonly Turn[];
  readonly topK?: number;
}

export interface AskResponse {
  readonly answer: string;
  readonly grounded: boolean;
  /** The language the question was asked in, which the bot's own words (lead, abstention) are in. */
  readonly language: Language;
  readonly citations: readonly Citation[];
  readonly timings: Timings;
}

/** Answers one question from the sources. */
export interface Answerer {
  ask(request: AskRequest, options?: { signal?: AbortSignal }): Promise<AskResponse>;
}
