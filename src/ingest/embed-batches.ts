import type { Embedder } from "../embed/embedder.ts";

/** Length of a text for batching: model tokens where a counter is at hand, characters otherwise. */
export type LengthOf = (text: string) => number;

const characters: LengthOf = (text) => text.length;

/**
 * Indices of `texts` grouped into batches of similar length. A forward pass pads every text to the
 * longest of its batch, so mixing a 10-token sentence with a 160-token chunk wastes most of the
 * compute; sorted, little is padding. Characters are a poor proxy on real text (URLs, numbers and
 * quoting change the characters per token from 2 to 5), so callers with a tokenizer pass token counts.
 * The sort is stable (ties keep input order), so the same texts always form the same batches and
 * builds stay deterministic.
 */
export function lengthOrderedBatches(texts: readonly string[], batchSize: number, lengthOf: LengthOf = characters): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  const lengths = texts.map(lengthOf);
  const order = texts.map((_, index) => index).sort((a, b) => (lengths[a] as number) - (lengths[b] as number));
  const batches: number[][] = [];
  for (let offset = 0; offset < order.length; offset += batchSize) batches.push(order.slice(offset, offset + batchSize));
  return batches;
}

/**
 * Embeds `texts` in length-ordered batches and returns the vectors in input order. Each distinct text
 * is embedded once (corpora repeat boilerplate lines such as mailing-list footers); repeats share
 * one vector object.
 */
export async function embedInLengthOrder(options: {
  texts: readonly string[];
  embedder: Embedder;
  batchSize: number;
  lengthOf?: LengthOf;
  /** Called before each batch and once at the end with the number of distinct texts embedded so far. */
  onProgress?: (done: number, total: number) => void;
}): Promise<Float32Array[]> {
  const { texts, embedder, batchSize, lengthOf, onProgress } = options;
  const slots = new Map<string, number>();
  const distinct: string[] = [];
  const slotOf = texts.map((text) => {
    let slot = slots.get(text);
    if (slot === undefined) {
      slot = distinct.length;
      slots.set(text, slot);
      distinct.push(text);
    }
    return slot;
  });
  const vectors: Float32Array[] = new Array(distinct.length);
  let done = 0;
  for (const batch of lengthOrderedBatches(distinct, batchSize, lengthOf)) {
    onProgress?.(done, distinct.length);
    const batchVectors = await embedder.embed(
      batch.map((index) => distinct[index] as string),
      "passage",
    );
    if (batchVectors.length !== batch.length) throw new Error(`embedder returned ${batchVectors.length} vectors for ${batch.length} texts`);
    batch.forEach((index, row) => {
      vectors[index] = batchVectors[row] as Float32Array;
    });
    done += batch.length;
  }
  onProgress?.(done, distinct.length);
  return slotOf.map((slot) => vectors[slot] as Float32Array);
}
