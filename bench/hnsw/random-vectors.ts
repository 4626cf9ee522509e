/** mulberry32: tiny, fast and good enough to make the data reproducible across runs and machines. */
export function createUniformRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normalised Gaussian vectors are uniform on the unit sphere: the hardest case for graph search. */
export function randomUnitVectors(options: { count: number; dimensions: number; seed: number }): Float32Array {
  const { count, dimensions, seed } = options;
  const uniform = createUniformRandom(seed);
  const vectors = new Float32Array(count * dimensions);
  for (let row = 0; row < count; row += 1) {
    const base = row * dimensions;
    let squaredNorm = 0;
    for (let column = 0; column < dimensions; column += 2) {
      // Box-Muller; 1 - uniform() keeps the logarithm finite.
      const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
      const angle = 2 * Math.PI * uniform();
      const first = radius * Math.cos(angle);
      vectors[base + column] = first;
      squaredNorm += first * first;
      if (column + 1 < dimensions) {
        const second = radius * Math.sin(angle);
        vectors[base + column + 1] = second;
        squaredNorm += second * second;
      }
    }
    const scale = 1 / Math.sqrt(squaredNorm);
    for (let column = 0; column < dimensions; column += 1) {
      vectors[base + column] = (vectors[base + column] as number) * scale;
    }
  }
  return vectors;
}

/** Fisher-Yates with mulberry32: the same order for the same seed on every machine. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = createUniformRandom(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
