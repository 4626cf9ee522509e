import { contentWords } from "../answer/concept-gap.ts";
import type { SimilarityScale } from "../answer/similarity-scale.ts";
import type { Embedder } from "../embed/embedder.ts";
import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { dot } from "../store/dot-product.ts";
import type { EvalItem } from "./eval-item.ts";

/** Words per corpus whose pairs are compared; every seventh pair, so the cost stays in seconds. */
const WORDS_PER_CORPUS = 200;
const PAIR_STRIDE = 7;

/**
 * A model's similarity scale (similarity-scale.ts) measured on the dev parts: the median cosine of the
 * English dev questions against every sentence of their corpus (almost every pair is unrelated), and
 * the median cosine of pairs of the corpus's words, embedded one by one as the answerer embeds them.
 */
export async function measureScale(options: {
  corpora: readonly { knowledge: KnowledgeBase; items: readonly EvalItem[] }[];
  embedder: Embedder;
}): Promise<SimilarityScale> {
  const { corpora, embedder } = options;
  if (corpora.some(({ items }) => items.some((item) => item.split !== "dev"))) throw new Error("the scale is measured on dev items only");
  const sentenceCosines: number[] = [];
  const wordCosines: number[] = [];
  for (const { knowledge, items } of corpora) {
    const { sentences } = knowledge;
    for (const item of items) {
      if (item.language !== "en" || item.kind === "conversational") continue;
      const [vector] = (await embedder.embed([item.question], "query")) as [Float32Array];
      for (const sentence of sentences) if (sentence.vector) sentenceCosines.push(dot(vector, sentence.vector));
    }
    const words = [...new Set(sentences.flatMap((sentence) => contentWords(sentence.text)))].slice(0, WORDS_PER_CORPUS);
    const vectors: Float32Array[] = [];
    for (const word of words) vectors.push(((await embedder.embed([word], "query")) as [Float32Array])[0]);
    for (let first = 0; first < vectors.length; first += 1)
      for (let second = first + 1; second < vectors.length; second += PAIR_STRIDE)
        wordCosines.push(dot(vectors[first] as Float32Array, vectors[second] as Float32Array));
  }
  return { unrelatedSentence: round(median(sentenceCosines)), unrelatedWord: round(median(wordCosines)) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
