// Node adapter: the embedding model in a pool of worker threads, so inference never blocks the
// event loop. The server keeps reading requests and answering /healthz while the model works, and
// the concurrency limit and the request timeout can act on what waits.
import os from "node:os";
import type { Worker } from "node:worker_threads";
import { AppError, OverloadedError } from "../errors.ts";
import { startTypeScriptWorker } from "../threads/typescript-worker.ts";
import type { Embedder, EmbedPrompts, EmbedPurpose } from "./embedder.ts";
import type { PoolModelInfo, PoolReply, PoolRequest, PoolWorkerData } from "./embedder-pool-protocol.ts";
import type { TransformersEmbedderOptions } from "./transformers-embedder.ts";

const WORKER_MODULE = new URL("./embedder-pool-worker.ts", import.meta.url);

/** Calls waiting for a free thread before the pool refuses more; the answer limiter keeps it far lower. */
const DEFAULT_MAX_WAITING = 1024;

export interface EmbedderPoolOptions {
  /** Each worker loads its own copy with `createTransformersEmbedder(model)`. */
  readonly model: TransformersEmbedderOptions;
  /** Worker threads; by default one per core. */
  readonly threads?: number;
  readonly maxWaiting?: number;
  /** Called after each model call: how long it waited for a thread, and how long it ran. */
  readonly onCall?: (sample: { waitMs: number; runMs: number }) => void;
  /** The worker module; tests substitute one that speaks the same protocol. */
  readonly workerModule?: URL;
  /** Passed to a substitute worker module as `extra`. */
  readonly workerExtra?: unknown;
}

export interface EmbedderPool extends Embedder {
  readonly threads: number;
  /** The model's sequence length: at most this many tokens of a text are embedded. */
  readonly maxTokens: number;
  readonly prompts?: EmbedPrompts;
  /** Each text cut, on a worker thread, to the shortest whitespace-bounded prefix of `maxTokens` tokens. */
  capTokens(texts: readonly string[]): Promise<string[]>;
  /** Threads computing now, and calls waiting for one. */
  load(): { busy: number; waiting: number };
  close(): Promise<void>;
}

/** A worker failed to load the model; `code` is the worker's (`model_not_found`, say). */
class EmbedderPoolLoadError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** A worker died during a call (it is replaced); the caller may retry. */
export class InferenceFailedError extends AppError {
  constructor(message: string) {
    super({ code: "inference_failed", status: 503, message, headers: { "Retry-After": "1" } });
  }
}

interface Call {
  readonly request: PoolRequest;
  readonly queuedAt: number;
  startedAt: number;
  readonly resolve: (result: Float32Array[] | string[]) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Set when its model failed to load: not replaced, or a broken model would restart forever. */
  retired: boolean;
  call: Call | undefined;
}

/**
 * Forwards every `embed` call whole to one worker, as the in-thread embedder would run it: a
 * query stays a batch of one, so vectors are the same (the int8 model's depend on batch neighbours).
 */
export async function createEmbedderPool(options: EmbedderPoolOptions): Promise<EmbedderPool> {
  const { model, maxWaiting = DEFAULT_MAX_WAITING, onCall, workerModule = WORKER_MODULE } = options;
  const threads = Math.max(1, options.threads ?? os.availableParallelism());
  const workerData: PoolWorkerData = { model, extra: options.workerExtra };
  const slots: Slot[] = [];
  const waiting: Call[] = [];
  let nextId = 1;
  let closed = false;
  let info: PoolModelInfo | undefined;

  const dispatch = () => {
    for (const slot of slots) {
      if (waiting.length === 0) return;
      if (!slot.ready || slot.call) continue;
      const call = waiting.shift() as Call;
      call.startedAt = performance.now();
      slot.call = call;
      // A worker with work keeps the process alive; an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage(call.request);
    }
  };

  const settle = (slot: Slot, reply: PoolReply) => {
    const call = slot.call;
    if (!call || reply.type === "ready" || reply.type === "load-failed" || reply.id !== call.request.id) return;
    slot.call = undefined;
    slot.worker.unref();
    const finished = performance.now();
    onCall?.({ waitMs: call.startedAt - call.queuedAt, runMs: finished - call.startedAt });
    if (reply.type === "error") call.reject(new Error(reply.message));
    else call.resolve(reply.type === "vectors" ? reply.vectors : reply.texts);
    dispatch();
  };

  /** Starts a worker; resolves once its model is loaded. */
  const spawn = (slot: Partial<Slot> = {}): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const worker = startTypeScriptWorker(workerModule, { workerData });
      const current = Object.assign(slot, { worker, ready: false, retired: false, call: undefined }) as Slot;
      worker.on("message", (reply: PoolReply) => {
        if (reply.type === "ready") {
          info ??= reply.info;
          current.ready = true;
          worker.unref();
          resolve(current);
          dispatch();
        } else if (reply.type === "load-failed") {
          current.retired = true;
          reject(new EmbedderPoolLoadError(reply.code, reply.message));
          void worker.terminate();
        } else settle(current, reply);
      });
      worker.on("error", () => undefined);
      worker.once("exit", (code) => {
        if (current.worker !== worker) return;
        current.ready = false;
        reject(new EmbedderPoolLoadError("model_load_failed", `an embedding worker exited with code ${code} while loading`));
        const lost = current.call;
        current.call = undefined;
        lost?.reject(new InferenceFailedError("The embedding worker stopped during the call; try again"));
        // Replace it, so one crash does not shrink the pool for good.
        if (closed || current.retired) failWaitingIfNoneLeft();
        else spawn(current).catch(() => failWaitingIfNoneLeft());
      });
    });

  const submit = (request: PoolRequest): Promise<Float32Array[] | string[]> => {
    if (closed) return Promise.reject(new InferenceFailedError("The embedding pool is closed"));
    if (request.texts.length === 0) return Promise.resolve([]);
    if (waiting.length >= maxWaiting) return Promise.reject(new OverloadedError());
    return new Promise((resolve, reject) => {
      waiting.push({ request, queuedAt: performance.now(), startedAt: 0, resolve, reject });
      dispatch();
    });
  };

  const failWaitingIfNoneLeft = () => {
    if (slots.some((slot) => slot.ready)) return;
    for (const call of waiting.splice(0)) call.reject(new InferenceFailedError("No embedding worker is running"));
  };

  const started = await Promise.allSettled(Array.from({ length: threads }, () => spawn()));
  const failure = started.find((outcome) => outcome.status === "rejected");
  for (const outcome of started) if (outcome.status === "fulfilled") slots.push(outcome.value);
  if (failure) {
    closed = true;
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    throw (failure as PromiseRejectedResult).reason;
  }
  const { modelId, dimensions, pooling, normalized, maxTokens, prompts } = info as PoolModelInfo;

  return {
    modelId,
    dimensions,
    pooling,
    normalized,
    maxTokens,
    ...(prompts ? { prompts } : {}),
    threads,
    embed(texts: readonly string[], purpose: EmbedPurpose): Promise<Float32Array[]> {
      return submit({ kind: "embed", id: nextId++, texts: [...texts], purpose }) as Promise<Float32Array[]>;
    },
    capTokens(texts: readonly string[]): Promise<string[]> {
      return submit({ kind: "cap", id: nextId++, texts: [...texts] }) as Promise<string[]>;
    },
    load() {
      return { busy: slots.filter((slot) => slot.call).length, waiting: waiting.length };
    },
    async close() {
      closed = true;
      for (const call of waiting.splice(0)) call.reject(new InferenceFailedError("The embedding pool is closed"));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
