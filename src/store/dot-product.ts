/** Dot product of `dimensions` floats of `left` from `leftBase` and of `right` from `rightBase`. */
export function dotProduct(options: {
  left: Float32Array;
  leftBase: number;
  right: Float32Array;
  rightBase: number;
  dimensions: number;
}): number {
  const { left, leftBase, right, rightBase, dimensions } = options;
  // Four accumulators break the add dependency chain.
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  let column = 0;
  for (; column + 3 < dimensions; column += 4) {
    sum0 += (left[leftBase + column] as number) * (right[rightBase + column] as number);
    sum1 += (left[leftBase + column + 1] as number) * (right[rightBase + column + 1] as number);
    sum2 += (left[leftBase + column + 2] as number) * (right[rightBase + column + 2] as number);
    sum3 += (left[leftBase + column + 3] as number) * (right[rightBase + column + 3] as number);
  }
  for (; column < dimensions; column += 1) sum0 += (left[leftBase + column] as number) * (right[rightBase + column] as number);
  return sum0 + sum1 + sum2 + sum3;
}

/** Dot product of two whole vectors of the same length (the cosine, when both are unit length). */
export function dot(a: Float32Array, b: Float32Array): number {
  return dotProduct({ left: a, leftBase: 0, right: b, rightBase: 0, dimensions: Math.min(a.length, b.length) });
}
