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
  const { texts, embedder, lengthOf = characters, ...rest } = options;
  return runInLengthOrder({
    ...rest,
    items: texts,
    keyOf: (text) => text,
    lengthOf,
    run: (batch) => embedder.embed(batch, "passage"),
  });
}

/**
 * The batching of embedInLengthOrder for any item with a text: distinct items (by `keyOf`) are run
 * once each, in batches of similar `lengthOf`; results come back in input order, repeats sharing one.
 */
export async function runInLengthOrder<Item, Result>(options: {
  items: readonly Item[];
  keyOf: (item: Item) => string;
  lengthOf: (item: Item) => number;
  batchSize: number;
  run: (batch: Item[]) => Promise<Result[]>;
  onProgress?: (done: number, total: number) => void;
}): Promise<Result[]> {
  const { items, keyOf, lengthOf, batchSize, run, onProgress } = options;
  const slots = new Map<string, number>();
  const distinct: Item[] = [];
  const slotOf = items.map((item) => {
    const key = keyOf(item);
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = distinct.length;
      slots.set(key, slot);
      distinct.push(item);
    }
    return slot;
  });
  const lengths = new Map(distinct.map((item) => [keyOf(item), lengthOf(item)]));
  const results: Result[] = new Array(distinct.length);
  let done = 0;
  for (const batch of lengthOrderedBatches(distinct.map(keyOf), batchSize, (key) => lengths.get(key) as number)) {
    onProgress?.(done, distinct.length);
    const batchResults = await run(batch.map((index) => distinct[index] as Item));
    if (batchResults.length !== batch.length) throw new Error(`embedder returned ${batchResults.length} vectors for ${batch.length} texts`);
    batch.forEach((index, row) => {
      results[index] = batchResults[row] as Result;
    });
    done += batch.length;
  }
  onProgress?.(done, distinct.length);
  return slotOf.map((slot) => results[slot] as Result);
}
