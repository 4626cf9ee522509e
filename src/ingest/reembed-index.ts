import type { Embedder } from "../embed/embedder.ts";
import type { IndexData } from "../store/index-data.ts";

/**
 * The same index (documents, chunks, sentences, BM25) with every chunk and sentence embedded again
 * by `embedder`, and the manifest naming that model. Chunks keep their boundaries: they were sized
 * for a 256-token model and fit any model with a longer sequence length.
 */
export async function reembedIndex(options: {
  data: IndexData;
  embedder: Embedder;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}): Promise<IndexData> {
  const { data, embedder, batchSize = 100, onProgress, now = () => new Date() } = options;
  const documents = new Map(data.documents.map((document) => [document.id, document]));
  const texts = [
    ...data.chunks.map((chunk) => chunk.text),
    ...data.sentences.map((sentence) => (documents.get(sentence.docId)?.text ?? "").slice(sentence.start, sentence.end)),
  ];
  const dimensions = embedder.dimensions;
  const vectors = new Float32Array(texts.length * dimensions);
  for (let offset = 0; offset < texts.length; offset += batchSize) {
    onProgress?.(offset, texts.length);
    const batch = texts.slice(offset, offset + batchSize);
    const embedded = await embedder.embed(batch, "passage");
    if (embedded.length !== batch.length) throw new Error(`the embedder returned ${embedded.length} vectors for ${batch.length} texts`);
    embedded.forEach((vector, index) => {
      if (vector.length !== dimensions) throw new Error(`the embedder returned a vector of ${vector.length} numbers, not ${dimensions}`);
      vectors.set(vector, (offset + index) * dimensions);
    });
  }
  onProgress?.(texts.length, texts.length);
  const split = data.chunks.length * dimensions;
  return {
    ...data,
    manifest: {
      ...data.manifest,
      model: { id: embedder.modelId, dimensions, pooling: embedder.pooling, normalized: embedder.normalized },
      // Every chunk and sentence was embedded as a text of its own, whatever the index did before.
      sentenceVectors: "separate-pass",
      chunkVectors: "own-pass",
      builtAt: now().toISOString(),
    },
    chunkVectors: vectors.slice(0, split),
    sentenceVectors: vectors.slice(split),
  };
}
