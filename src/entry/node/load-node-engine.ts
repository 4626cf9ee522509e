// Node adapter: loads the embedding model (in worker threads) and the on-disk index into an engine.

import type { WriterSetup } from "../../create-engine.ts";
import { createEmbedderPool, type EmbedderPool } from "../../embed/embedder-pool.ts";
import type { Engine } from "../../engine.ts";
import type { Logger } from "../../observe/logger.ts";
import { type LoadedIndex, loadIndex } from "../../store/index-store.ts";
import { assertEmbedderMatches } from "../../store/manifest.ts";
import { createNodeEngine } from "./create-node-engine.ts";
import type { Config } from "./node-config.ts";
import { createNodeLanguageModel } from "./node-language-model.ts";

/** Also hands back the embedder and loaded index, which the admin jobs build on. */
export async function loadNodeEngine(
  config: Config,
  options: { logger?: Logger; onInferenceCall?: (sample: { waitMs: number; runMs: number }) => void } = {},
): Promise<{ engine: Engine; loadMs: number; embedder: EmbedderPool; index: LoadedIndex; writer: WriterSetup | undefined }> {
  const started = performance.now();
  const [pool, loaded, model] = await Promise.allSettled([
    createEmbedderPool({
      model: { modelsDir: config.modelsDir, modelId: config.embedModel, allowRemoteModels: config.allowRemoteModels },
      threads: config.inferenceThreads,
      onCall: options.onInferenceCall,
    }),
    loadIndex(config.indexDir),
    createNodeLanguageModel(config.writer),
  ]);
  if (pool.status === "rejected") throw pool.reason;
  const embedder = pool.value;
  // The server stays up after a failed load (to say why on /readyz): its model threads must not.
  let index: LoadedIndex;
  let languageModel: Awaited<ReturnType<typeof createNodeLanguageModel>>;
  try {
    if (loaded.status === "rejected") throw loaded.reason;
    if (model.status === "rejected") throw model.reason;
    index = loaded.value;
    languageModel = model.value;
    assertEmbedderMatches(index.data.manifest, embedder);
  } catch (error) {
    await embedder.close();
    throw error;
  }
  const writer = languageModel ? { model: languageModel, timeoutMs: config.writer.timeoutMs, logger: options.logger } : undefined;
  // The first inference pays for graph initialisation; pay it here, on every thread, not on a user's question.
  await Promise.all(Array.from({ length: embedder.threads }, () => embedder.embed(["warm up"], "query")));
  const engine = createNodeEngine({ data: index.data, vectorIndex: index.hnsw, embedder, writer });
  return { engine, loadMs: performance.now() - started, embedder, index, writer };
}
