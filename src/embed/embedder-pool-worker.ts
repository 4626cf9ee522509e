// Node adapter, run in a worker thread of the embedder pool: holds one transformers.js model and
// embeds one call at a time. onnxruntime-node runs inference synchronously on its caller's thread,
// which is this one, so the server's event loop stays free.
import { parentPort, workerData } from "node:worker_threads";
import { capTokens } from "./cap-tokens.ts";
import type { PoolReply, PoolRequest, PoolWorkerData } from "./embedder-pool-protocol.ts";
import { createTransformersEmbedder } from "./transformers-embedder.ts";

const { model } = workerData as PoolWorkerData;
const post = (message: PoolReply) => parentPort?.postMessage(message);

try {
  const embedder = await createTransformersEmbedder(model);
  const { modelId, dimensions, pooling, normalized, maxTokens, prompts } = embedder;
  parentPort?.on("message", async (request: PoolRequest) => {
    try {
      const capped = request.texts.map((text) => capTokens({ text, counter: embedder }));
      // Vectors are copied, not transferred: 1.5 KB each, and the embedder may keep its own arrays.
      if (request.kind === "cap") post({ type: "texts", id: request.id, texts: capped });
      else post({ type: "vectors", id: request.id, vectors: await embedder.embed(capped, request.purpose) });
    } catch (error) {
      post({ type: "error", id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
  post({ type: "ready", info: { modelId, dimensions, pooling, normalized, maxTokens, prompts } });
} catch (error) {
  const code = (error as { code?: unknown }).code;
  post({ type: "load-failed", code: typeof code === "string" ? code : "model_load_failed", message: (error as Error).message });
}
