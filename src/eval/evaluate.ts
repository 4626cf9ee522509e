import type { AnswerThresholds } from "../answer/compose-answer.ts";
import { createGroundedAnswerer } from "../answer/grounded-answerer.ts";
import { resolveQuestion, type Turn } from "../answer/resolve-question.ts";
import type { AskResponse } from "../answer/types.ts";
import type { Embedder } from "../embed/embedder.ts";
import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { embedAndRetrieve } from "../retrieve/retriever.ts";

export interface EvalItem {
  readonly id: string;
  readonly kind: "factual" | "paraphrase" | "multi-turn" | "unanswerable";
  readonly question: string;
  readonly history?: readonly Turn[];
  /** For answerable items: the document and the exact text that supports the answer. */
  readonly docId?: string;
  readonly support?: string;
  /** Terms a correct answer contains (case-insensitive). */
  readonly expect?: readonly string[];
  readonly reason?: string;
}

export interface ItemResult {
  readonly item: EvalItem;
  readonly response: AskResponse;
  /** 1-based rank of the first retrieved chunk that contains the supporting span; undefined if none in the top K. */
  readonly supportRank: number | undefined;
  readonly answerHit: boolean;
  readonly citedSupport: boolean;
  readonly verbatim: boolean;
}

export interface EvalReport {
  readonly items: number;
  readonly answerable: number;
  readonly unanswerable: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly mrr: number;
  readonly answerHitRate: number;
  readonly citedSupportRate: number;
  readonly abstentionPrecision: number;
  readonly abstentionRecall: number;
  readonly verbatimQuoteRate: number;
  readonly latencyP50Ms: number;
  readonly latencyP95Ms: number;
  readonly results: readonly ItemResult[];
}

export function parseEvalItems(jsonl: string): EvalItem[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as EvalItem);
}

const RETRIEVAL_DEPTH = 5;

/** Runs every item through the same answerer the server uses and scores retrieval, answers, abstention and quotes. */
export async function evaluate(options: {
  items: readonly EvalItem[];
  knowledge: KnowledgeBase;
  embedder: Embedder;
  thresholds?: AnswerThresholds;
}): Promise<EvalReport> {
  const { items, knowledge, embedder, thresholds } = options;
  const answerer = createGroundedAnswerer({ knowledge, embedder, thresholds });
  const results: ItemResult[] = [];
  for (const item of items) {
    const response = await answerer.ask({ question: item.question, history: item.history });
    const span = item.support ? locateSupport(item, knowledge) : undefined;
    let supportRank: number | undefined;
    if (span) {
      const resolved = resolveQuestion({ question: item.question, history: item.history });
      const { retrieved } = await embedAndRetrieve({ knowledge, embedder, query: resolved.query, topK: RETRIEVAL_DEPTH });
      const index = retrieved.findIndex(({ chunk }) => chunk.docId === span.docId && chunk.start <= span.start && span.end <= chunk.end);
      supportRank = index >= 0 ? index + 1 : undefined;
    }
    const answer = response.answer.toLowerCase();
    const answerHit = response.grounded && (item.expect ?? []).every((term) => answer.includes(term.toLowerCase()));
    const citedSupport =
      response.grounded &&
      span !== undefined &&
      response.citations.some((citation) => citation.docId === span.docId && citation.start <= span.start && span.end <= citation.end);
    const verbatim = response.citations.every(
      (citation) => knowledge.documents.get(citation.docId)?.text.slice(citation.start, citation.end) === citation.quote,
    );
    results.push({ item, response, supportRank, answerHit, citedSupport, verbatim });
  }
  return summarise(results);
}

function locateSupport(item: EvalItem, knowledge: KnowledgeBase): { docId: string; start: number; end: number } {
  const text = knowledge.documents.get(item.docId ?? "")?.text;
  if (text === undefined) throw new Error(`eval item ${item.id}: unknown document ${item.docId}`);
  const start = text.indexOf(item.support ?? "");
  if (start < 0) throw new Error(`eval item ${item.id}: supporting text not found in ${item.docId}`);
  return { docId: item.docId as string, start, end: start + (item.support as string).length };
}

function summarise(results: readonly ItemResult[]): EvalReport {
  const answerable = results.filter((result) => result.item.kind !== "unanswerable");
  const unanswerable = results.filter((result) => result.item.kind === "unanswerable");
  const abstained = results.filter((result) => !result.response.grounded);
  const correctAbstentions = abstained.filter((result) => result.item.kind === "unanswerable").length;
  const rate = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  const citations = results.flatMap((result) => result.response.citations);
  const latencies = results.map((result) => result.response.timings.totalMs).sort((a, b) => a - b);
  return {
    items: results.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    recallAt1: rate(answerable.filter((result) => result.supportRank === 1).length, answerable.length),
    recallAt5: rate(answerable.filter((result) => result.supportRank !== undefined).length, answerable.length),
    mrr: rate(
      answerable.reduce((sum, result) => sum + (result.supportRank ? 1 / result.supportRank : 0), 0),
      answerable.length,
    ),
    answerHitRate: rate(answerable.filter((result) => result.answerHit).length, answerable.length),
    citedSupportRate: rate(answerable.filter((result) => result.citedSupport).length, answerable.length),
    abstentionPrecision: rate(correctAbstentions, abstained.length),
    abstentionRecall: rate(correctAbstentions, unanswerable.length),
    verbatimQuoteRate: rate(
      results.filter((result) => result.verbatim).reduce((sum, result) => sum + result.response.citations.length, 0),
      citations.length,
    ),
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    results,
  };
}

function percentile(sorted: readonly number[], quantile: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] as number;
}

export function formatReport(report: EvalReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const rows: [string, string][] = [
    ["items (answerable / unanswerable)", `${report.items} (${report.answerable} / ${report.unanswerable})`],
    ["retrieval recall@1", percent(report.recallAt1)],
    ["retrieval recall@5", percent(report.recallAt5)],
    ["MRR", report.mrr.toFixed(3)],
    ["answer hit rate", percent(report.answerHitRate)],
    ["cited support rate", percent(report.citedSupportRate)],
    ["abstention precision", percent(report.abstentionPrecision)],
    ["abstention recall", percent(report.abstentionRecall)],
    ["verbatim quote rate", percent(report.verbatimQuoteRate)],
    ["latency p50 / p95 (in-process)", `${report.latencyP50Ms.toFixed(1)} ms / ${report.latencyP95Ms.toFixed(1)} ms`],
  ];
  return ["| metric | value |", "| --- | --- |", ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join("\n");
}
