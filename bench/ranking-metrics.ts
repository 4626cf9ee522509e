// Scores of a ranked list of document ids against graded judgements, shared by the SciFact benches that
// compare two ways of building vectors on the same queries.
import { createUniformRandom } from "./hnsw/random-vectors.ts";

/** nDCG@10 (graded gain, log2 discount) and recall@100 of one ranking. */
export function scoreRanking(ranking: readonly string[], judged: ReadonlyMap<string, number>): { ndcg: number; recall: number } {
  const dcg = ranking.slice(0, 10).reduce((sum, id, index) => sum + (judged.get(id) ?? 0) / Math.log2(index + 2), 0);
  const ideal = [...judged.values()]
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
  const relevant = [...judged.entries()].filter(([, gain]) => gain > 0).map(([id]) => id);
  const top = new Set(ranking.slice(0, 100));
  return {
    ndcg: ideal > 0 ? dcg / ideal : 0,
    recall: relevant.length > 0 ? relevant.filter((id) => top.has(id)).length / relevant.length : 0,
  };
}

/** Mean of `values` and a seeded bootstrap 95% interval of it. */
export function bootstrap(values: readonly number[]): { mean: number; low: number; high: number } {
  const random = createUniformRandom(7);
  const mean = (sample: readonly number[]) => sample.reduce((sum, value) => sum + value, 0) / sample.length;
  const means = Array.from({ length: 2000 }, () => mean(values.map(() => values[Math.floor(random() * values.length)] as number))).sort(
    (a, b) => a - b,
  );
  return { mean: mean(values), low: means[49] as number, high: means[1949] as number };
}
