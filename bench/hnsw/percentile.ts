/** Nearest-rank percentile of ascending values. */
export function percentile(sortedValues: readonly number[], fraction: number): number {
  const rank = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(fraction * sortedValues.length) - 1));
  return sortedValues[rank] ?? Number.NaN;
}
