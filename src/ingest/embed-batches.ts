import type { Embedder } from "../embed/embedder.ts";

/**
 * Indices of `texts` grouped into batches of similar length. A forward pass pads every text to the
 * longest of its batch, so mixing a 10-token sentence with a 160-token chunk wastes most of the
 * compute; sorted, little is padding. The sort is stable (ties keep input order), so the same texts
 * always form the same batches and builds stay deterministic.
 */
export function lengthOrderedBatches(texts: readonly string[], batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  const order = texts.map((_, index) => index).sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
  const batches: number[][] = [];
  for (let offset = 0; offset < order.length; offset += batchSize) batches.push(order.slice(offset, offset + batchSize));
  return batches;
}

/** Embeds `texts` in length-ordered batches and returns the vectors in input order. */
export async function embedInLengthOrder(options: {
  texts: readonly string[];
  embedder: Embedder;
  batchSize: number;
  /** Called before each batch and once at the end with the number of texts embedded so far. */
  onProgress?: (done: number, total: number) => void;
}): Promise<Float32Array[]> {
  const { texts, embedder, batchSize, onProgress } = options;
  const vectors: Float32Array[] = new Array(texts.length);
  let done = 0;
  for (const batch of lengthOrderedBatches(texts, batchSize)) {
    onProgress?.(done, texts.length);
    const batchVectors = await embedder.embed(batch.map((index) => texts[index] as string));
    if (batchVectors.length !== batch.length) throw new Error(`embedder returned ${batchVectors.length} vectors for ${batch.length} texts`);
    batch.forEach((index, row) => {
      vectors[index] = batchVectors[row] as Float32Array;
    });
    done += batch.length;
  }
  onProgress?.(done, texts.length);
  return vectors;
}
