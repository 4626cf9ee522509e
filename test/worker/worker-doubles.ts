import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AssetFetcher } from "../../src/cloudflare/assets.ts";
import type { Embedder } from "../../src/embed/embedder.ts";
import type { WorkersAi } from "../../src/embed/workers-ai-embedder.ts";
import type { Vectorize, VectorizeRecord } from "../../src/store/vectorize-index.ts";

/** The ASSETS binding over a folder on disk: 404 for a missing file, as the binding answers. */
export function directoryAssets(root: string): AssetFetcher & { paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    async fetch(request) {
      const pathname = decodeURIComponent(new URL(request.url).pathname);
      paths.push(pathname);
      try {
        return new Response(await readFile(path.join(root, pathname)));
      } catch {
        return new Response("Not Found", { status: 404 });
      }
    },
  };
}

/** An `env.AI` double answering in Workers AI's `{ shape, data }` with vectors from `embedder`. */
export function embeddingAi(embedder: Embedder): WorkersAi & { calls: { model: string; text: string[] }[] } {
  const calls: { model: string; text: string[] }[] = [];
  return {
    calls,
    async run(model, inputs) {
      calls.push({ model, text: inputs.text });
      const vectors = await embedder.embed(inputs.text, "passage");
      return { shape: [vectors.length, embedder.dimensions], data: vectors.map((vector) => Array.from(vector)) };
    },
  };
}

/** An `env.VECTORIZE` double holding the records of a `vectorize.ndjson`, answering `{ count, matches }` by cosine. */
export function ndjsonVectorize(ndjson: string): Vectorize & { calls: { topK: number }[] } {
  const records = ndjson
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as VectorizeRecord);
  const calls: { topK: number }[] = [];
  return {
    calls,
    async query(vector, options) {
      calls.push({ topK: options.topK });
      const matches = records
        .map((record) => ({ id: record.id, score: cosine(vector, record.values), metadata: { ...record.metadata } }))
        .sort((a, b) => b.score - a.score)
        .slice(0, options.topK);
      return { count: matches.length, matches };
    },
  };
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  a.forEach((x, index) => {
    const y = b[index] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  });
  return dot / Math.sqrt(normA * normB);
}
