import { createTransformersEmbedder, type LocalEmbedder } from "../../src/embed/transformers-embedder.ts";
import type { Engine } from "../../src/engine.ts";
import { loadNodeEngine } from "../../src/entry/node/load-node-engine.ts";
import { readConfig } from "../../src/entry/node/node-config.ts";

let embedder: Promise<LocalEmbedder> | undefined;
let engine: Promise<Engine> | undefined;

/** The real on-disk model, loaded once per test file. */
export function realEmbedder(): Promise<LocalEmbedder> {
  embedder ??= createTransformersEmbedder({ modelsDir: "models", modelId: readConfig({}).embedModel });
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
