import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embed/embedder.ts";
import { InvalidIndexError } from "../../src/errors.ts";
import { buildIndex } from "../../src/ingest/build-index.ts";
import type { SourceDocument } from "../../src/ingest/document.ts";
import { ChunkVectorMethodError } from "../../src/ingest/embed-index-texts.ts";
import { chunkVectorsFromSentences } from "../../src/ingest/sentence-mean.ts";
import type { Chunk } from "../../src/store/chunk.ts";
import { type IndexData, vectorRow } from "../../src/store/index-data.ts";
import { chunkVectorMethodOf, parseManifest } from "../../src/store/manifest.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { wordCounter } from "../helpers/word-counter.ts";

/** The hash embedder, remembering every text it was given. */
function recordingEmbedder(): Embedder & { seen: string[] } {
  const seen: string[] = [];
  return {
    ...hashEmbedder,
    seen,
    async embed(texts, kind) {
      seen.push(...texts);
      return hashEmbedder.embed(texts, kind);
    },
  };
}

function normalisedMean(vectors: readonly ArrayLike<number>[]): number[] {
  const sum = Array.from(vectors[0] as ArrayLike<number>, () => 0);
  for (const vector of vectors)
    for (let column = 0; column < sum.length; column += 1) sum[column] = (sum[column] as number) + (vector[column] as number);
  const norm = Math.hypot(...sum);
  return sum.map((value) => value / norm);
}

const rounded = (vector: ArrayLike<number>) => Array.from(vector, (value) => Number(value.toFixed(5)));

const document: SourceDocument = {
  id: "d",
  title: "D",
  // Sentences of 4, 4, 4 and 13 word tokens; chunks hold at most 9, so the last sentence is cut.
  text: "Alpha beta gamma. Delta epsilon zeta. Eta theta iota. One two three four five six seven eight nine ten eleven twelve.",
};

describe("chunkVectorsFromSentences", () => {
  it("is the normalised mean of the vectors of every sentence a chunk holds any part of", () => {
    const sentences = [
      { docId: "d", start: 0, end: 10 },
      { docId: "d", start: 11, end: 20 },
      { docId: "d", start: 21, end: 40 },
      { docId: "e", start: 0, end: 10 },
    ];
    const sentenceVectors = [
      Float32Array.from([1, 0, 0]),
      Float32Array.from([0, 1, 0]),
      Float32Array.from([0, 0.6, 0.8]),
      Float32Array.from([0, 0, 1]),
    ];
    const chunk = (id: string, docId: string, start: number, end: number): Chunk => ({
      id,
      docId,
      index: 0,
      start,
      end,
      text: "",
      tokenCount: 1,
    });
    const vectors = chunkVectorsFromSentences({
      // Two sentences; the overlap's sentence and half of a long one; only the long one's tail; another document.
      chunks: [chunk("d#0", "d", 0, 20), chunk("d#1", "d", 11, 30), chunk("d#2", "d", 30, 40), chunk("e#0", "e", 0, 10)],
      sentences,
      sentenceVectors,
      dimensions: 3,
    });
    expect(vectors.map((vector) => rounded(vector as Float32Array))).toEqual([
      rounded(normalisedMean([sentenceVectors[0] as Float32Array, sentenceVectors[1] as Float32Array])),
      rounded(normalisedMean([sentenceVectors[1] as Float32Array, sentenceVectors[2] as Float32Array])),
      rounded(sentenceVectors[2] as Float32Array),
      rounded(sentenceVectors[3] as Float32Array),
    ]);
  });

  it("gives no vector to a chunk that holds no sentence or whose mean is zero", () => {
    const vectors = chunkVectorsFromSentences({
      chunks: [
        { id: "d#0", docId: "d", index: 0, start: 0, end: 5, text: "", tokenCount: 1 },
        { id: "d#1", docId: "d", index: 1, start: 10, end: 30, text: "", tokenCount: 1 },
      ],
      sentences: [
        { docId: "d", start: 10, end: 20 },
        { docId: "d", start: 20, end: 30 },
      ],
      sentenceVectors: [Float32Array.from([1, 0]), Float32Array.from([-1, 0])],
      dimensions: 2,
    });
    expect(vectors).toEqual([undefined, undefined]);
  });
});

describe("sentence-mean chunk vectors in buildIndex", () => {
  it("embeds only the sentences and stores each chunk's vector as the normalised mean of its sentences' stored vectors", async () => {
    const embedder = recordingEmbedder();
    const { data, embeddedTexts } = await buildIndex({
      documents: [document],
      embedder,
      counter: wordCounter(),
      chunker: { maxTokens: 9, overlapSentences: 1 },
      chunkVectors: "sentence-mean",
    });
    expect(data.manifest.chunkVectors).toBe("sentence-mean");
    expect(data.manifest.sentenceVectors).toBe("separate-pass");
    const sentenceTexts = data.sentences.map((sentence) => document.text.slice(sentence.start, sentence.end));
    expect([...embedder.seen].sort()).toEqual([...sentenceTexts].sort());
    expect(embeddedTexts).toBe(data.sentences.length);
    expect(data.chunks.length).toBeGreaterThan(3);
    data.chunks.forEach((chunk, row) => {
      const held = data.sentences.flatMap((sentence, index) =>
        sentence.end > chunk.start && sentence.start < chunk.end ? [vectorRow(data.sentenceVectors, 16, index)] : [],
      );
      expect(held.length).toBeGreaterThan(0);
      expect(rounded(vectorRow(data.chunkVectors, 16, row))).toEqual(rounded(normalisedMean(held)));
    });
    // Sentence vectors are the separate pass's.
    const [first] = await hashEmbedder.embed([sentenceTexts[0] as string], "passage");
    expect(rounded(vectorRow(data.sentenceVectors, 16, 0))).toEqual(rounded(first as Float32Array));
  });

  it("records the method and never reuses vectors made by the other one", async () => {
    const documents = [document];
    const build = (previous: IndexData | undefined, chunkVectors?: "own-pass" | "sentence-mean") =>
      buildIndex({ documents, embedder: hashEmbedder, counter: wordCounter(), previous, chunkVectors });
    const mean = await build(undefined, "sentence-mean");
    const own = await build(mean.data);
    expect(own.reusedDocuments).toBe(0);
    expect(own.data.manifest.chunkVectors).toBe("own-pass");
    expect(Array.from(own.data.chunkVectors)).not.toEqual(Array.from(mean.data.chunkVectors));
    expect((await build(own.data)).reusedDocuments).toBe(1);
    const meanAgain = await build(own.data, "sentence-mean");
    expect(meanAgain.reusedDocuments).toBe(0);
    expect(Array.from(meanAgain.data.chunkVectors)).toEqual(Array.from(mean.data.chunkVectors));
    expect((await build(meanAgain.data, "sentence-mean")).reusedDocuments).toBe(1);
  });

  it("reads an index without the setting as own-pass and refuses a manifest naming an unknown method", async () => {
    const { data } = await buildIndex({ documents: [document], embedder: hashEmbedder, counter: wordCounter() });
    const { chunkVectors: _, ...before } = data.manifest;
    expect(chunkVectorMethodOf(parseManifest(before))).toBe("own-pass");
    expect(chunkVectorMethodOf(parseManifest({ ...data.manifest, chunkVectors: "sentence-mean" }))).toBe("sentence-mean");
    expect(() => parseManifest({ ...data.manifest, chunkVectors: "chunk-median" })).toThrow(InvalidIndexError);
  });

  it("refuses sentence-mean chunk vectors with late-chunked sentence vectors", async () => {
    await expect(
      buildIndex({
        documents: [document],
        embedder: hashEmbedder,
        counter: wordCounter(),
        sentenceVectors: "late-chunking",
        chunkVectors: "sentence-mean",
      }),
    ).rejects.toThrow(ChunkVectorMethodError);
  });
});
