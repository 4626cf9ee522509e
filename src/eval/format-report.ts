import type { EvalReport, ItemResult } from "./evaluate.ts";

export interface ReportColumn {
  readonly label: string;
  readonly report: EvalReport;
}

/** A share as a percentage with one decimal; "—" when there is none. */
export const percent = (value: number | undefined) => (value === undefined ? "—" : `${(value * 100).toFixed(1)}%`);

/** One metric of a table: its name, and its cell for one column. */
export type MetricRow<Subject> = readonly [name: string, cell: (subject: Subject) => string];

/** A Markdown table: one row per metric, one column per labelled subject. */
export function metricTable<Subject>(columns: readonly { label: string; subject: Subject }[], rows: readonly MetricRow<Subject>[]): string {
  const header = `| metric | ${columns.map((column) => column.label).join(" | ")} |`;
  const rule = `| --- | ${columns.map(() => "---").join(" | ")} |`;
  const lines = rows.map(([name, cell]) => `| ${name} | ${columns.map((column) => cell(column.subject)).join(" | ")} |`);
  return [header, rule, ...lines].join("\n");
}

const ROWS: readonly MetricRow<EvalReport>[] = [
  ["items (answerable / unanswerable / conversational)", (r) => `${r.items} (${r.answerable} / ${r.unanswerable} / ${r.conversational})`],
  ["answer hit, strict (first citation supports it)", (r) => percent(r.strictHitRate)],
  ["answer hit, loose (terms anywhere; the old measure)", (r) => percent(r.looseHitRate)],
  ["grounded but wrong (share of all items)", (r) => percent(r.groundedWrongRate)],
  ["abstention precision", (r) => percent(r.abstentionPrecision)],
  ["abstention recall", (r) => percent(r.abstentionRecall)],
  ["conversational turns answered without citations", (r) => percent(r.conversationalRate)],
  ["shortAnswer exact match (items with one)", (r) => `${percent(r.shortAnswerExactRate)} (${r.shortAnswerItems})`],
  ["retrieval recall@1", (r) => percent(r.recallAt1)],
  ["retrieval recall@5", (r) => percent(r.recallAt5)],
  ["verbatim quotes", (r) => percent(r.verbatimQuoteRate)],
  ["latency p50 / p95 (in-process)", (r) => `${r.latencyP50Ms.toFixed(1)} / ${r.latencyP95Ms.toFixed(1)} ms`],
];

/** A Markdown table: one row per metric, one column per report. */
export function formatReports(columns: readonly ReportColumn[]): string {
  return metricTable(
    columns.map((column) => ({ label: column.label, subject: column.report })),
    ROWS,
  );
}

/** Items the answerer got wrong: no strict hit on an answerable item, or grounded where it should not be. */
export function misses(report: EvalReport): ItemResult[] {
  return report.results.filter(
    (result) => result.groundedWrong || (result.item.kind !== "unanswerable" && result.item.kind !== "conversational" && !result.strictHit),
  );
}

export function formatMisses(results: readonly ItemResult[]): string {
  return results
    .map((result) => {
      const { item, response } = result;
      const short = response.shortAnswer ? ` short="${response.shortAnswer.text}"` : "";
      const expected = item.shortAnswer ? ` (expected short "${item.shortAnswer}")` : "";
      return `- ${item.id} [${item.kind}] ${item.question}\n    grounded=${response.grounded} rank=${result.supportRank ?? "-"}${short}${expected} answer: ${response.answer.slice(0, 160)}`;
    })
    .join("\n");
}
