// A stand-in for the embedder pool's worker that a test controls: it blocks its thread (as
// onnxruntime does while it computes) until the test opens the gate, and exits on "crash".
// Vectors are deterministic unit vectors, one per text.
import { parentPort, workerData } from "node:worker_threads";
import type { PoolReply, PoolRequest, PoolWorkerData } from "../../src/embed/embedder-pool-protocol.ts";

export interface ControlledWorkerExtra {
  readonly modelId: string;
  readonly dimensions: number;
  readonly prompts?: { readonly query: string; readonly passage: string };
  /** Int32 slot 0: 0 blocks every call, 1 lets calls through. Slot 1: calls started so far. */
  readonly control: SharedArrayBuffer;
}

const { extra } = workerData as PoolWorkerData & { extra: ControlledWorkerExtra };
const control = new Int32Array(extra.control);
const post = (message: PoolReply) => parentPort?.postMessage(message);

parentPort?.on("message", (request: PoolRequest) => {
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
  if (request.texts.includes("crash")) process.exit(3);
  while (Atomics.load(control, 0) === 0) Atomics.wait(control, 0, 0);
  if (request.kind === "cap") post({ type: "texts", id: request.id, texts: request.texts.map((text) => text.slice(0, 256 * 4)) });
  else post({ type: "vectors", id: request.id, vectors: request.texts.map((text) => unitVector(text, extra.dimensions)) });
});
post({
  type: "ready",
  info: { modelId: extra.modelId, dimensions: extra.dimensions, pooling: "mean", normalized: true, maxTokens: 256, prompts: extra.prompts },
});

function unitVector(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (let index = 0; index < text.length; index += 1) {
    const slot = (text.charCodeAt(index) * 31 + index) % dimensions;
    vector[slot] = (vector[slot] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
