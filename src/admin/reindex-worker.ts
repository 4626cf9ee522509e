// Node adapter, run in a worker thread: the embedding model runs synchronously (onnxruntime-node
// blocks its thread), so re-indexing happens here and the server's event loop keeps answering.
import { parentPort } from "node:worker_threads";
import { createTransformersEmbedder, type LocalEmbedder } from "../embed/transformers-embedder.ts";
import type { IndexData } from "../store/index-data.ts";
import { commitChange } from "./commit-change.ts";
import type { ReindexRequest, ReindexWorkerMessage } from "./worker-reindexer.ts";

let embedder: Promise<LocalEmbedder> | undefined;
/** The index this worker wrote last, so the next job reuses its vectors without reading them back. */
let loaded: { generation: string; data: IndexData } | undefined;

parentPort?.on("message", async (request: ReindexRequest) => {
  const post = (message: ReindexWorkerMessage) => parentPort?.postMessage(message);
  try {
    embedder ??= createTransformersEmbedder(request.model);
    const result = await commitChange({
      corpusDir: request.corpusDir,
      indexDir: request.indexDir,
      embedder: await embedder,
      changes: request.changes,
      jobIds: request.jobIds,
      loaded,
      onProgress: (progress) => post({ type: "progress", progress }),
    });
    loaded = { generation: result.generation, data: result.data };
    const { changed, generation, reusedDocuments, embeddedTexts, recovered } = result;
    post({
      type: "done",
      summary: { changed, generation, reusedDocuments, embeddedTexts, recovered, counts: result.data.manifest.counts },
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    post({
      type: "failed",
      code: typeof code === "string" ? code : "reindex_failed",
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
