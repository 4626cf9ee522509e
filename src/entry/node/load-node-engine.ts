// Node adapter: loads the local model and the on-disk index into an engine.

import { createEngine, type WriterSetup } from "../../create-engine.ts";
import { createTransformersEmbedder, type LocalEmbedder } from "../../embed/transformers-embedder.ts";
import type { Engine } from "../../engine.ts";
import type { Logger } from "../../observe/logger.ts";
import { type LoadedIndex, loadIndex } from "../../store/index-store.ts";
import { assertEmbedderMatches } from "../../store/manifest.ts";
import type { Config } from "./node-config.ts";
import { createNodeLanguageModel } from "./node-language-model.ts";

/** Also hands back the embedder and loaded index, which the admin jobs build on. */
export async function loadNodeEngine(
  config: Config,
  options: { logger?: Logger } = {},
): Promise<{ engine: Engine; loadMs: number; embedder: LocalEmbedder; index: LoadedIndex; writer: WriterSetup | undefined }> {
  const started = performance.now();
  const [embedder, index, languageModel] = await Promise.all([
    createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel, allowRemoteModels: config.allowRemoteModels }),
    loadIndex(config.indexDir),
    createNodeLanguageModel(config.writer),
  ]);
  const writer = languageModel ? { model: languageModel, timeoutMs: config.writer.timeoutMs, logger: options.logger } : undefined;
  assertEmbedderMatches(index.data.manifest, embedder);
  // The first inference pays for graph initialisation; pay it here, not on a user's question.
  await embedder.embed(["warm up"], "query");
  const engine = createEngine({ data: index.data, vectorIndex: index.hnsw, embedder, writer });
  return { engine, loadMs: performance.now() - started, embedder, index, writer };
}
