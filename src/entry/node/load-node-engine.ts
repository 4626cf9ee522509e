// Node adapter: loads the local model and the on-disk index into an engine.

import { createEngine } from "../../create-engine.ts";
import { createTransformersEmbedder, type LocalEmbedder } from "../../embed/transformers-embedder.ts";
import type { Engine } from "../../engine.ts";
import { type LoadedIndex, loadIndex } from "../../store/index-store.ts";
import { assertEmbedderMatches } from "../../store/manifest.ts";
import type { Config } from "./node-config.ts";

/** Also hands back the embedder and loaded index, which the admin jobs build on. */
export async function loadNodeEngine(
  config: Config,
): Promise<{ engine: Engine; loadMs: number; embedder: LocalEmbedder; index: LoadedIndex }> {
  const started = performance.now();
  const [embedder, index] = await Promise.all([
    createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel, allowRemoteModels: config.allowRemoteModels }),
    loadIndex(config.indexDir),
  ]);
  assertEmbedderMatches(index.data.manifest, embedder);
  // The first inference pays for graph initialisation; pay it here, not on a user's question.
  await embedder.embed(["warm up"], "query");
  const engine = createEngine({ data: index.data, vectorIndex: index.hnsw, embedder });
  return { engine, loadMs: performance.now() - started, embedder, index };
}
