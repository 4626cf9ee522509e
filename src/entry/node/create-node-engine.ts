import { createEngine, type WriterSetup } from "../../create-engine.ts";
import type { EmbedderPool } from "../../embed/embedder-pool.ts";
import type { Engine } from "../../engine.ts";
import { capHistoryTokens } from "../../limits/history-token-cap.ts";
import type { IndexData } from "../../store/index-data.ts";
import type { VectorIndex } from "../../store/vector-index.ts";

/** The serving engine on Node: model calls in the embedder pool, history turns capped at its sequence length. */
export function createNodeEngine(options: {
  data: IndexData;
  vectorIndex: VectorIndex;
  embedder: EmbedderPool;
  writer?: WriterSetup;
}): Engine {
  const { embedder } = options;
  return capHistoryTokens(createEngine(options), { maxTokens: embedder.maxTokens, capTokens: (texts) => embedder.capTokens(texts) });
}
