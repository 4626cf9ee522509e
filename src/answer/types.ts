import type { Language } from "../text/language.ts";
import type { WriterReport } from "../write/writer-report.ts";
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
  /** With a writer: from the request to the first verified sentence, and the writer's own time. */
  readonly firstSentenceMs?: number;
  readonly writeMs?: number;
  /** Time the answer waited for a slot of the server's concurrency limit before it started; not in `totalMs`. */
  readonly queueMs?: number;
}

export interface AskRequest {
  readonly question: string;
  readonly history?: readonly Turn[];
  readonly topK?: number;
}

/** The words of the first cited sentence that fill the slot asked for ("Beijing" for "where"). */
export interface ShortAnswer {
  /** Exactly `document.text.slice(start, end)`. */
  readonly text: string;
  readonly docId: string;
  readonly start: number;
  readonly end: number;
}

export interface AskResponse {
  readonly answer: string;
  readonly grounded: boolean;
  /** The language the question was asked in, which the bot's own words (lead, abstention) are in. */
  readonly language: Language;
  readonly citations: readonly Citation[];
  /** Present when the question asks for a name, place, time or amount and the answer holds it. */
  readonly shortAnswer?: ShortAnswer;
  readonly timings: Timings;
  /** Present when a language model wrote (or tried to write) the answer: what it did and what verification dropped. */
  readonly writer?: WriterReport;
}

/** What /chat streams: sources and text as each sentence verifies, then the whole response. */
export type AnswerEvent =
  | { readonly type: "source"; readonly citation: Citation }
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "end"; readonly response: AskResponse };

/** Answers one question from the sources. */
export interface Answerer {
  ask(request: AskRequest, options?: { signal?: AbortSignal }): Promise<AskResponse>;
  /** Answers that are written as they stream; without it, /chat streams the finished `ask` answer. */
  stream?(request: AskRequest, options?: { signal?: AbortSignal }): AsyncIterable<AnswerEvent>;
}
