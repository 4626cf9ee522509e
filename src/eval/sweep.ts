import type { AnswerThresholds } from "../answer/compose-answer.ts";
import { thresholdsFor } from "../answer/model-thresholds.ts";
import type { Embedder } from "../embed/embedder.ts";
import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { CURRENT_SYSTEM } from "./answer-system.ts";
import type { EvalItem } from "./eval-item.ts";
import { type EvalReport, evaluate } from "./evaluate.ts";

/**
 * The grid searched; one axis per threshold that decides between answering and abstaining. One grid
 * serves every model: similarities are on MiniLM's scale, other models' cosines mapped onto it
 * (src/answer/similarity-scale.ts).
 */
export const SWEEP_GRID = {
  minScore: [0.26, 0.3, 0.34, 0.38, 0.42, 0.46, 0.5, 0.54, 0.58],
  conceptSimilarity: [0.18, 0.22, 0.26, 0.3, 0.34, 0.38, 0.42],
  semanticWeight: [0.5, 0.6, 0.7, 0.8],
  contextWeight: [0, 0.5],
  /** Swept after the rest, at the best setting of the others: it decides only for questions in another language. */
  crossLingualMinScore: [-1, 0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
} as const;

/** A confident wrong answer costs more than a missed one: it is the outcome users trust and should not. */
const WRONG_ANSWER_COST = 2;

export interface SweepRow {
  readonly thresholds: AnswerThresholds;
  readonly utility: number;
  readonly reports: readonly { name: string; report: EvalReport }[];
}

export interface SweepResult {
  readonly rows: readonly SweepRow[];
  readonly chosen: SweepRow;
  readonly current: SweepRow;
}

/**
 * Grid-searches the thresholds on the dev items of every corpus (never the test items). Utility:
 * strict hits + correct abstentions + conversational turns handled − 2 × grounded-but-wrong answers.
 */
export async function sweepThresholds(options: {
  corpora: readonly { name: string; knowledge: KnowledgeBase; items: readonly EvalItem[] }[];
  embedder: Embedder;
}): Promise<SweepResult> {
  const { corpora } = options;
  if (corpora.some(({ items }) => items.some((item) => item.split !== "dev"))) throw new Error("the sweep tunes on dev items only");
  const embedder = memoizedEmbedder(options.embedder);
  const current = thresholdsFor(embedder.modelId);
  const score = async (thresholds: AnswerThresholds): Promise<SweepRow> => {
    const reports = [];
    for (const { name, knowledge, items } of corpora) {
      const answerer = CURRENT_SYSTEM.createAnswerer({ knowledge, embedder, thresholds });
      reports.push({ name, report: await evaluate({ items, target: { answerer, documents: knowledge.documents } }) });
    }
    return { thresholds, utility: reports.reduce((sum, { report }) => sum + utility(report), 0), reports };
  };
  const rows: SweepRow[] = [];
  // Held at the current value while the others move: they decide for same-language questions, it for the others.
  const crossLingualMinScore = current.crossLingualMinScore ?? current.minScore;
  for (const minScore of SWEEP_GRID.minScore)
    for (const conceptSimilarity of SWEEP_GRID.conceptSimilarity)
      for (const semanticWeight of SWEEP_GRID.semanticWeight)
        for (const contextWeight of SWEEP_GRID.contextWeight)
          rows.push(await score({ ...current, minScore, conceptSimilarity, semanticWeight, contextWeight, crossLingualMinScore }));
  const byUtility = (list: readonly SweepRow[]) =>
    [...list].sort((a, b) => b.utility - a.utility || distance(a.thresholds, current) - distance(b.thresholds, current));
  const best = byUtility(rows)[0] as SweepRow;
  for (const crossLingualMinScore of SWEEP_GRID.crossLingualMinScore) rows.push(await score({ ...best.thresholds, crossLingualMinScore }));
  const sorted = byUtility(rows);
  return { rows: sorted, chosen: sorted[0] as SweepRow, current: await score(current) };
}

function utility(report: EvalReport): number {
  const count = (test: (result: EvalReport["results"][number]) => boolean) => report.results.filter(test).length;
  return (
    count((result) => result.strictHit) +
    count((result) => result.item.kind === "unanswerable" && !result.response.grounded) +
    count((result) => result.item.kind === "conversational" && !result.response.grounded && result.response.citations.length === 0) -
    WRONG_ANSWER_COST * count((result) => result.groundedWrong)
  );
}

/** Ties go to the setting closest to the model's current one, so its thresholds move only for a real gain. */
function distance(thresholds: AnswerThresholds, current: AnswerThresholds): number {
  return (
    Math.abs(thresholds.minScore - current.minScore) +
    Math.abs(thresholds.conceptSimilarity - current.conceptSimilarity) +
    Math.abs(thresholds.semanticWeight - current.semanticWeight) +
    Math.abs((thresholds.contextWeight ?? 0) - (current.contextWeight ?? 0)) +
    Math.abs((thresholds.crossLingualMinScore ?? thresholds.minScore) - (current.crossLingualMinScore ?? current.minScore))
  );
}

/** Every grid point asks the same questions: embed each text once. */
function memoizedEmbedder(embedder: Embedder): Embedder {
  const cache = new Map<string, Float32Array>();
  return {
    ...embedder,
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    async embed(texts, purpose) {
      const vectors: Float32Array[] = [];
      for (const text of texts) {
        const key = `${purpose}\u0000${text}`;
        let vector = cache.get(key);
        if (!vector) {
          [vector] = (await embedder.embed([text], purpose)) as [Float32Array];
          cache.set(key, vector);
        }
        vectors.push(vector);
      }
      return vectors;
    },
  };
}

export function formatSweep(result: SweepResult): string {
  const line = (row: SweepRow) => {
    const { minScore, conceptSimilarity, semanticWeight, contextWeight = 0, crossLingualMinScore = minScore } = row.thresholds;
    const perCorpus = row.reports
      .map(
        ({ name, report }) =>
          `${name}: hit ${(report.strictHitRate * 100).toFixed(1)}%, wrong ${(report.groundedWrongRate * 100).toFixed(1)}%, abst P/R ${(report.abstentionPrecision * 100).toFixed(0)}/${(report.abstentionRecall * 100).toFixed(0)}%`,
      )
      .join("; ");
    return `| ${minScore} | ${conceptSimilarity} | ${semanticWeight} | ${contextWeight} | ${crossLingualMinScore} | ${row.utility} | ${perCorpus} |`;
  };
  return [
    `Threshold sweep on the dev parts, ${result.current.reports.length} corpora (${result.rows.length} settings; utility = hits + correct abstentions + conversational − ${WRONG_ANSWER_COST} × grounded-but-wrong)`,
    "",
    "| minScore | conceptSimilarity | semanticWeight | contextWeight | crossLingualMinScore | utility | dev results |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...result.rows.slice(0, 8).map(line),
    "",
    `current defaults: ${line(result.current)}`,
    `chosen:           ${line(result.chosen)}`,
  ].join("\n");
}
