import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embed/embedder.ts";
import type { SpanEmbedder } from "../../src/embed/span-embedder.ts";
import { buildIndex } from "../../src/ingest/build-index.ts";
import type { SourceDocument } from "../../src/ingest/document.ts";
import { SentenceVectorMethodError } from "../../src/ingest/embed-index-texts.ts";
import { vectorRow } from "../../src/store/index-data.ts";
import { wordCounter } from "../helpers/word-counter.ts";

const DIMENSIONS = 8;
/** Axis of the vectors the test double gives to texts embedded on their own. */
const SEPARATE_AXIS = 7;

/**
 * Every token of a chunk gets the same state, the unit vector on the chunk's own axis (its ordinal
 * among the chunk texts seen), so a pooled sentence vector shows which chunks it was read in and how
 * many of its tokens each gave. Spans holding "UNLOCATABLE" are reported as not located.
 */
function axisEmbedder() {
  const axes = new Map<string, number>();
  const separate: string[] = [];
  const unit = (axis: number, scale = 1) => {
    const vector = new Float32Array(DIMENSIONS);
    vector[axis] = scale;
    return vector;
  };
  const words = (text: string) => (text.match(/\w+|[^\w\s]/g) ?? []).length;
  const embedder: SpanEmbedder & { separate: string[]; axisOf(text: string): number } = {
    modelId: "test/axes",
    dimensions: DIMENSIONS,
    pooling: "mean",
    normalized: true,
    separate,
    axisOf: (text) => axes.get(text) as number,
    async embed(texts) {
      separate.push(...texts);
      return texts.map(() => unit(SEPARATE_AXIS));
    },
    async embedWithSpans(items) {
      return items.map(({ text, spans }) => {
        if (!axes.has(text)) axes.set(text, axes.size);
        const axis = axes.get(text) as number;
        return {
          vector: unit(axis),
          spans: spans.map((span) => {
            const piece = text.slice(span.start, span.end);
            return piece.includes("UNLOCATABLE") ? undefined : { sum: unit(axis, words(piece)), tokens: words(piece) };
          }),
        };
      });
    },
  };
  return embedder;
}

function sentenceVectors(data: { sentenceVectors: Float32Array; sentences: readonly unknown[] }): number[][] {
  return data.sentences.map((_, row) =>
    Array.from(vectorRow(data.sentenceVectors, DIMENSIONS, row)).map((value) => Number(value.toFixed(4))),
  );
}

function expected(weights: Record<number, number>): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  const norm = Math.sqrt(Object.values(weights).reduce((sum, weight) => sum + weight * weight, 0));
  for (const [axis, weight] of Object.entries(weights)) vector[Number(axis)] = Number((weight / norm).toFixed(4));
  return vector;
}

describe("late chunking in buildIndex", () => {
  it("reads a sentence in the overlap of two chunks in both, and a sentence cut by the chunker in each chunk holding a piece", async () => {
    const embedder = axisEmbedder();
    const document: SourceDocument = {
      id: "d",
      title: "D",
      // Sentences of 4, 4, 4 and 9 word tokens (with their full stops); chunks hold at most 9.
      text: "Alpha beta gamma. Delta epsilon zeta. Eta theta iota. One two three four five six seven eight nine ten eleven twelve.",
    };
    const { data } = await buildIndex({
      documents: [document],
      embedder,
      counter: wordCounter(),
      chunker: { maxTokens: 9, overlapSentences: 1 },
      sentenceVectors: "late-chunking",
    });
    expect(data.manifest.sentenceVectors).toBe("late-chunking");
    expect(data.chunks.map((chunk) => chunk.text)).toEqual([
      "Alpha beta gamma. Delta epsilon zeta.",
      "Delta epsilon zeta. Eta theta iota.",
      "Eta theta iota.",
      "One two three four five six seven eight nine",
      "ten eleven twelve.",
    ]);
    const axis = data.chunks.map((chunk) => embedder.axisOf(chunk.text));
    expect(sentenceVectors(data)).toEqual([
      expected({ [axis[0] as number]: 1 }),
      // Four tokens in each of the two chunks that hold it.
      expected({ [axis[0] as number]: 4, [axis[1] as number]: 4 }),
      expected({ [axis[1] as number]: 4, [axis[2] as number]: 4 }),
      // Nine tokens in the first piece's chunk, four in the second's.
      expected({ [axis[3] as number]: 9, [axis[4] as number]: 4 }),
    ]);
    expect(embedder.separate).toEqual([]);
  });

  it("embeds a sentence on its own when its tokens could not be located in every chunk piece", async () => {
    const embedder = axisEmbedder();
    const { data, embeddedTexts } = await buildIndex({
      documents: [{ id: "d", title: "D", text: "Plain words here. Then an UNLOCATABLE one." }],
      embedder,
      counter: wordCounter(),
      sentenceVectors: "late-chunking",
    });
    expect(embedder.separate).toEqual(["Then an UNLOCATABLE one."]);
    expect(sentenceVectors(data)[1]).toEqual(expected({ [SEPARATE_AXIS]: 1 }));
    expect(sentenceVectors(data)[0]).toEqual(expected({ [embedder.axisOf(data.chunks[0]?.text as string)]: 1 }));
    expect(embeddedTexts).toBe(2);
  });

  it("records the method, and never reuses vectors made by the other one", async () => {
    const embedder = axisEmbedder();
    const documents: SourceDocument[] = [{ id: "d", title: "D", text: "First sentence here. Second one there." }];
    const late = await buildIndex({ documents, embedder, counter: wordCounter(), sentenceVectors: "late-chunking" });
    expect(late.data.manifest.sentenceVectors).toBe("late-chunking");
    expect(embedder.separate).toEqual([]);
    const separate = await buildIndex({ documents, embedder, counter: wordCounter(), previous: late.data });
    expect(separate.reusedDocuments).toBe(0);
    expect(separate.data.manifest.sentenceVectors).toBe("separate-pass");
    expect([...embedder.separate].sort()).toEqual(["First sentence here.", "First sentence here. Second one there.", "Second one there."]);
    const again = await buildIndex({ documents, embedder, counter: wordCounter(), previous: separate.data });
    expect(again.reusedDocuments).toBe(1);
  });

  it("refuses late chunking with an embedder that cannot pool spans, and builds with the separate pass", async () => {
    const { embedWithSpans: _, separate: __, axisOf: ___, ...plain } = axisEmbedder();
    const embedder: Embedder = plain;
    const documents: SourceDocument[] = [{ id: "d", title: "D", text: "Only one sentence." }];
    const { data } = await buildIndex({ documents, embedder, counter: wordCounter() });
    expect(data.manifest.sentenceVectors).toBe("separate-pass");
    await expect(buildIndex({ documents, embedder, counter: wordCounter(), sentenceVectors: "late-chunking" })).rejects.toThrow(
      SentenceVectorMethodError,
    );
  });
});
