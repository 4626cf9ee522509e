import type { Answerer, AskResponse } from "../answer/types.ts";
import { type EvalItem, expectation } from "./eval-item.ts";

export interface TextSpan {
  readonly docId: string;
  readonly start: number;
  readonly end: number;
}

/** What is scored: an answerer, the documents its quotes are checked against, and (optionally) its retrieval. */
export interface EvalTarget {
  readonly answerer: Answerer;
  readonly documents: ReadonlyMap<string, { readonly text: string }>;
  /** The ranked passages retrieval gives for an item, for recall@k; without it retrieval is not scored. */
  readonly retrieveSpans?: (item: EvalItem) => Promise<readonly TextSpan[]>;
}

export interface ItemResult {
  readonly item: EvalItem;
  readonly response: AskResponse;
  /** 1-based rank of the first retrieved passage that contains the supporting span; undefined if none. */
  readonly supportRank: number | undefined;
  /** Grounded, the first citation contains the supporting span, and the answer holds the expected terms. */
  readonly strictHit: boolean;
  /** The old measure: grounded and the expected terms anywhere in the answer. */
  readonly looseHit: boolean;
  /** Grounded where it should not be, or grounded on a first citation that does not support the answer. */
  readonly groundedWrong: boolean;
  /** undefined when the item gives no expected short answer. */
  readonly shortAnswerMatch: boolean | undefined;
  readonly verbatim: boolean;
}

export interface EvalReport {
  readonly items: number;
  readonly answerable: number;
  readonly unanswerable: number;
  readonly conversational: number;
  readonly strictHitRate: number;
  readonly looseHitRate: number;
  /** Share of all items. */
  readonly groundedWrongRate: number;
  readonly abstentionPrecision: number;
  readonly abstentionRecall: number;
  /** Conversational turns answered without grounding and without citations. */
  readonly conversationalRate: number;
  readonly shortAnswerItems: number;
  readonly shortAnswerExactRate: number;
  readonly recallAt1: number | undefined;
  readonly recallAt5: number | undefined;
  readonly verbatimQuoteRate: number;
  readonly latencyP50Ms: number;
  readonly latencyP95Ms: number;
  readonly results: readonly ItemResult[];
}

/** Runs every item through the answerer and scores answers, abstentions, short answers, quotes and retrieval. */
export async function evaluate(options: { items: readonly EvalItem[]; target: EvalTarget }): Promise<EvalReport> {
  const { items, target } = options;
  const results: ItemResult[] = [];
  for (const item of items) {
    const response = await target.answerer.ask({ question: item.question, history: item.history });
    const span = item.support ? locateSupport(item, target.documents) : undefined;
    let supportRank: number | undefined;
    if (span && target.retrieveSpans) {
      const index = (await target.retrieveSpans(item)).findIndex((passage) => contains(passage, span));
      supportRank = index >= 0 ? index + 1 : undefined;
    }
    results.push(scoreItem({ item, response, span, supportRank, documents: target.documents }));
  }
  return summarise(results, target.retrieveSpans !== undefined);
}

function scoreItem(options: {
  item: EvalItem;
  response: AskResponse;
  span: TextSpan | undefined;
  supportRank: number | undefined;
  documents: EvalTarget["documents"];
}): ItemResult {
  const { item, response, span, supportRank, documents } = options;
  const answer = response.answer.toLowerCase();
  const holdsTerms = (item.expect ?? []).every((term) => answer.includes(term.toLowerCase()));
  const first = response.citations[0];
  const firstSupports = span !== undefined && first !== undefined && contains(first, span);
  const expected = expectation(item);
  const strictHit = expected === "answer" && response.grounded && firstSupports && holdsTerms;
  const groundedWrong = response.grounded && (expected !== "answer" || !firstSupports);
  const short = response.shortAnswer;
  const verbatim =
    response.citations.every((citation) => documents.get(citation.docId)?.text.slice(citation.start, citation.end) === citation.quote) &&
    (short === undefined || documents.get(short.docId)?.text.slice(short.start, short.end) === short.text);
  return {
    item,
    response,
    supportRank,
    strictHit,
    looseHit: expected === "answer" && response.grounded && holdsTerms,
    groundedWrong,
    shortAnswerMatch: item.shortAnswer === undefined ? undefined : strictHit && short?.text === item.shortAnswer,
    verbatim,
  };
}

function contains(outer: TextSpan, inner: TextSpan): boolean {
  return outer.docId === inner.docId && outer.start <= inner.start && inner.end <= outer.end;
}

function locateSupport(item: EvalItem, documents: EvalTarget["documents"]): TextSpan {
  const text = documents.get(item.docId ?? "")?.text;
  if (text === undefined) throw new Error(`eval item ${item.id}: unknown document ${item.docId}`);
  const start = text.indexOf(item.support ?? "");
  if (start < 0) throw new Error(`eval item ${item.id}: supporting text not found in ${item.docId}`);
  return { docId: item.docId as string, start, end: start + (item.support as string).length };
}

function summarise(results: readonly ItemResult[], scoredRetrieval: boolean): EvalReport {
  const ofKind = (kind: ReturnType<typeof expectation>) => results.filter((result) => expectation(result.item) === kind);
  const answerable = ofKind("answer");
  const unanswerable = ofKind("abstain");
  const conversational = ofKind("converse");
  const abstained = [...answerable, ...unanswerable].filter((result) => !result.response.grounded);
  const correctAbstentions = abstained.filter((result) => expectation(result.item) === "abstain").length;
  const withShort = results.filter((result) => result.shortAnswerMatch !== undefined);
  const latencies = results.map((result) => result.response.timings.totalMs).sort((a, b) => a - b);
  const quotes = results.flatMap((result) => result.response.citations.map(() => result.verbatim));
  return {
    items: results.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    conversational: conversational.length,
    strictHitRate: share(answerable, (result) => result.strictHit),
    looseHitRate: share(answerable, (result) => result.looseHit),
    groundedWrongRate: share(results, (result) => result.groundedWrong),
    abstentionPrecision: abstained.length === 0 ? 1 : correctAbstentions / abstained.length,
    abstentionRecall: unanswerable.length === 0 ? 1 : correctAbstentions / unanswerable.length,
    conversationalRate: share(conversational, (result) => !result.response.grounded && result.response.citations.length === 0),
    shortAnswerItems: withShort.length,
    shortAnswerExactRate: share(withShort, (result) => result.shortAnswerMatch === true),
    recallAt1: scoredRetrieval ? share(answerable, (result) => result.supportRank === 1) : undefined,
    recallAt5: scoredRetrieval ? share(answerable, (result) => result.supportRank !== undefined && result.supportRank <= 5) : undefined,
    verbatimQuoteRate: share(quotes, (verbatim) => verbatim),
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    results,
  };
}

function share<T>(values: readonly T[], test: (value: T) => boolean): number {
  return values.length === 0 ? 1 : values.filter(test).length / values.length;
}

/** The value at `quantile` (0..1) of values sorted ascending, by nearest rank; 0 when there are none. */
export function percentile(sorted: readonly number[], quantile: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] as number;
}
