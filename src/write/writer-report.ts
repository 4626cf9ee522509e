import type { DropReason } from "./verify-sentence.ts";

/** How the answer was written; reported in the response as `writer`. */
export interface WriterReport {
  readonly provider: string;
  readonly model: string;
  /** reader: a short answer copied from one cited sentence; free-form: sentences with citations; none: the model was not asked. */
  readonly mode: "reader" | "free-form" | "none";
  /**
   * verified: every shipped sentence passed verification. abstained: the model found no answer, or
   * verification left nothing. fallback: the writer failed and this is the extractive answer.
   * delegated: a greeting or question about the bot, answered without the model.
   */
  readonly outcome: "verified" | "abstained" | "fallback" | "delegated";
  readonly shippedSentences: number;
  readonly droppedSentences: number;
  readonly dropped: readonly { readonly reason: DropReason; readonly detail: string }[];
  /** The follow-up as the model rewrote it for retrieval. */
  readonly standaloneQuestion?: string;
  /** Why the writer fell back or stopped early. */
  readonly note?: string;
}
