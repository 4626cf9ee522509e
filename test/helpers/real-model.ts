import { createTransformersEmbedder, type LocalEmbedder } from "../../src/embed/transformers-embedder.ts";
import type { Engine } from "../../src/engine.ts";
import { loadNodeEngine } from "../../src/entry/node/load-node-engine.ts";
import { readConfig } from "../../src/entry/node/node-config.ts";

const embedders = new Map<string, Promise<LocalEmbedder>>();
let engine: Promise<Engine> | undefined;

export const MINILM_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2";

/** A real on-disk model (the default one unless named), loaded once per test file. */
export function realEmbedder(modelId = readConfig({}).embedModel): Promise<LocalEmbedder> {
  let embedder = embedders.get(modelId);
  if (!embedder) {
    embedder = createTransformersEmbedder({ modelsDir: "models", modelId });
    embedders.set(modelId, embedder);
  }
  return embedder;
}

/** The real engine over the committed index, loaded once per test file. */
export function realEngine(): Promise<Engine> {
  engine ??= loadNodeEngine(readConfig({})).then((loaded) => loaded.engine);
  return engine;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index] as number;
    const y = b[index] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return dot / Math.sqrt(normA * normB);
}
