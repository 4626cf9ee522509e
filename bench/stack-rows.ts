/** One Float32Array of `rows.length` rows of `dimensions` floats, row i from rows[i]. */
export function stackRows(rows: readonly Float32Array[], dimensions: number): Float32Array {
  const matrix = new Float32Array(rows.length * dimensions);
  rows.forEach((row, index) => {
    matrix.set(row, index * dimensions);
  });
  return matrix;
}
