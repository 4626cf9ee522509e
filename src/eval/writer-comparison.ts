import type { Answerer, AskResponse } from "../answer/types.ts";
import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { foldText } from "../write/normalize.ts";
import { reverifyAnswer } from "../write/reverify-answer.ts";
import type { EvalItem } from "./eval-item.ts";
import { percentile } from "./evaluate.ts";
import { type MetricRow, metricTable, percent } from "./format-report.ts";

/** An eval item; the writer's sets add kinds of their own ("false-premise", "summary", "multi-part"). */
export type ComparisonItem = Omit<EvalItem, "kind" | "split" | "language"> & { readonly kind: string; readonly split?: string };

export interface SystemResult {
  readonly item: ComparisonItem;
  readonly response: AskResponse;
  readonly strictHit: boolean;
  readonly citedSupport: boolean;
  /** Shipped sentences that fail the verifier when checked again against the response's own quotes. */
  readonly unverifiedShipped: number;
  readonly firstSentenceMs: number;
  readonly totalMs: number;
}

export interface SystemSummary {
  readonly name: string;
  readonly answerable: number;
  readonly unanswerable: number;
  readonly conversational: number;
  readonly strictHitRate: number;
  readonly citedSupportRate: number;
  readonly abstentionPrecision: number;
  readonly abstentionRecall: number;
  readonly conversationalRate: number;
  readonly droppedSentences: number;
  readonly unverifiedShipped: number;
  readonly fallbacks: number;
  readonly firstSentence: { readonly p50: number; readonly p95: number };
  readonly total: { readonly p50: number; readonly p95: number };
  readonly results: readonly SystemResult[];
}

/** Kinds that expect no grounded answer. */
const ABSTAIN_KINDS = new Set(["unanswerable"]);
const CONVERSATIONAL_KINDS = new Set(["conversational"]);
/** A summary is right when grounded on at least this many quotes. */
const SUMMARY_MIN_CITATIONS = 2;

/**
 * Runs every item through one answerer (streaming when it can, to time the first verified
 * sentence) and scores it strictly: the first citation must hold the supporting text and the
 * answer every expected term; unanswerable items must abstain; greetings must get no citations.
 */
export async function runSystem(options: {
  name: string;
  answerer: Answerer;
  items: readonly ComparisonItem[];
  knowledge: KnowledgeBase;
  /** Called after each item, for progress on long runs. */
  onResult?: (result: SystemResult, done: number) => void;
}): Promise<SystemSummary> {
  const { name, answerer, items, knowledge, onResult } = options;
  const results: SystemResult[] = [];
  for (const item of items) {
    const started = performance.now();
    let firstSentenceMs: number | undefined;
    let response: AskResponse | undefined;
    const request = { question: item.question, ...(item.history ? { history: item.history } : {}) };
    if (answerer.stream) {
      for await (const event of answerer.stream(request)) {
        if (event.type === "text") firstSentenceMs ??= performance.now() - started;
        if (event.type === "end") response = event.response;
      }
    } else response = await answerer.ask(request);
    if (!response) throw new Error(`${name}: no answer for ${item.id}`);
    const totalMs = performance.now() - started;
    results.push({ ...score({ item, response, knowledge }), firstSentenceMs: firstSentenceMs ?? totalMs, totalMs });
    onResult?.(results.at(-1) as SystemResult, results.length);
  }
  return summariseResults(name, results);
}

function score(options: {
  item: ComparisonItem;
  response: AskResponse;
  knowledge: KnowledgeBase;
}): Omit<SystemResult, "firstSentenceMs" | "totalMs"> {
  const { item, response, knowledge } = options;
  const span = supportSpan(item, knowledge);
  const holds = (citation: AskResponse["citations"][number] | undefined) =>
    citation !== undefined &&
    span !== undefined &&
    citation.docId === span.docId &&
    citation.start <= span.start &&
    span.end <= citation.end;
  const answer = foldText(response.answer);
  // A written answer may spell a compound as one word ("roadmap" for the source's "road map").
  const joined = answer.replace(/\s+/g, "");
  const hasTerms = (item.expect ?? []).every(
    (term) => answer.includes(foldText(term)) || joined.includes(foldText(term).replace(/\s+/g, "")),
  );
  const strictHit =
    item.kind === "summary"
      ? response.grounded && response.citations.length >= SUMMARY_MIN_CITATIONS
      : response.grounded && holds(response.citations[0]) && hasTerms;
  return {
    item,
    response,
    strictHit,
    citedSupport: response.grounded && response.citations.some(holds),
    unverifiedShipped: unverified(item, response),
  };
}

function supportSpan(item: ComparisonItem, knowledge: KnowledgeBase): { docId: string; start: number; end: number } | undefined {
  if (!item.support || !item.docId) return undefined;
  const start = knowledge.documents.get(item.docId)?.text.indexOf(item.support) ?? -1;
  if (start < 0) throw new Error(`eval item ${item.id}: supporting text not found in ${item.docId}`);
  return { docId: item.docId, start, end: start + item.support.length };
}

function unverified(item: ComparisonItem, response: AskResponse): number {
  const { question, history } = item;
  return response.writer?.outcome === "verified" ? reverifyAnswer({ question, history, response }).failing.length : 0;
}

/** The figures of a set of results: of a whole run, or of a subset of its items. */
export function summariseResults(name: string, results: readonly SystemResult[]): SystemSummary {
  const of = (predicate: (result: SystemResult) => boolean) => results.filter(predicate);
  const unanswerable = of((result) => ABSTAIN_KINDS.has(result.item.kind));
  const conversational = of((result) => CONVERSATIONAL_KINDS.has(result.item.kind));
  const answerable = of((result) => !ABSTAIN_KINDS.has(result.item.kind) && !CONVERSATIONAL_KINDS.has(result.item.kind));
  const abstained = of((result) => !CONVERSATIONAL_KINDS.has(result.item.kind) && !result.response.grounded);
  const rate = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  const correctAbstentions = abstained.filter((result) => ABSTAIN_KINDS.has(result.item.kind)).length;
  const first = results.map((result) => result.firstSentenceMs).sort((a, b) => a - b);
  const total = results.map((result) => result.totalMs).sort((a, b) => a - b);
  return {
    name,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    conversational: conversational.length,
    strictHitRate: rate(answerable.filter((result) => result.strictHit).length, answerable.length),
    citedSupportRate: rate(
      answerable.filter((result) => result.citedSupport).length,
      answerable.filter((result) => result.item.support).length,
    ),
    abstentionPrecision: rate(correctAbstentions, abstained.length),
    abstentionRecall: rate(correctAbstentions, unanswerable.length),
    conversationalRate: rate(
      conversational.filter((result) => !result.response.grounded && result.response.citations.length === 0).length,
      conversational.length,
    ),
    droppedSentences: results.reduce((sum, result) => sum + (result.response.writer?.droppedSentences ?? 0), 0),
    unverifiedShipped: results.reduce((sum, result) => sum + result.unverifiedShipped, 0),
    fallbacks: results.filter((result) => result.response.writer?.outcome === "fallback").length,
    firstSentence: { p50: percentile(first, 0.5), p95: percentile(first, 0.95) },
    total: { p50: percentile(total, 0.5), p95: percentile(total, 0.95) },
    results,
  };
}

/** Side-by-side table, one column per system. */
export function formatComparison(summaries: readonly SystemSummary[]): string {
  const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
  const rows: MetricRow<SystemSummary>[] = [
    ["items (answerable / unanswerable / conversational)", (s) => `${s.answerable} / ${s.unanswerable} / ${s.conversational}`],
    ["strict answer hit (first citation supports)", (s) => percent(s.strictHitRate)],
    ["cited support", (s) => percent(s.citedSupportRate)],
    ["abstention precision", (s) => percent(s.abstentionPrecision)],
    ["abstention recall", (s) => percent(s.abstentionRecall)],
    ["conversational turns without citations", (s) => percent(s.conversationalRate)],
    ["sentences dropped by verification", (s) => String(s.droppedSentences)],
    ["shipped sentences failing verification", (s) => String(s.unverifiedShipped)],
    ["writer fallbacks", (s) => String(s.fallbacks)],
    ["first verified sentence p50 / p95", (s) => `${seconds(s.firstSentence.p50)} / ${seconds(s.firstSentence.p95)}`],
    ["total p50 / p95", (s) => `${seconds(s.total.p50)} / ${seconds(s.total.p95)}`],
  ];
  return metricTable(
    summaries.map((summary) => ({ label: summary.name, subject: summary })),
    rows,
  );
}
