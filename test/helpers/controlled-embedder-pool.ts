import { createEmbedderPool, type EmbedderPool } from "../../src/embed/embedder-pool.ts";
import type { ControlledWorkerExtra } from "./controlled-embedder-worker.ts";

export interface ControlledPool {
  readonly pool: EmbedderPool;
  /** Lets every blocked and later call through. */
  open(): void;
  /** Model calls the workers have started (blocked ones included). */
  started(): number;
  /** Resolves once the workers have started `count` calls. */
  waitForStarted(count: number): Promise<void>;
}

/** An embedder pool whose workers block until `open()`, reporting `modelId` and `dimensions` as given. */
export async function controlledEmbedderPool(options: {
  threads: number;
  modelId: string;
  dimensions: number;
  open?: boolean;
  maxWaiting?: number;
  prompts?: ControlledWorkerExtra["prompts"];
}): Promise<ControlledPool> {
  const control = new SharedArrayBuffer(8);
  const cells = new Int32Array(control);
  if (options.open) cells[0] = 1;
  const extra: ControlledWorkerExtra = { modelId: options.modelId, dimensions: options.dimensions, prompts: options.prompts, control };
  const pool = await createEmbedderPool({
    model: { modelsDir: "unused", modelId: options.modelId },
    threads: options.threads,
    maxWaiting: options.maxWaiting,
    workerModule: new URL("./controlled-embedder-worker.ts", import.meta.url),
    workerExtra: extra,
  });
  return {
    pool,
    open() {
      Atomics.store(cells, 0, 1);
      Atomics.notify(cells, 0);
    },
    started: () => Atomics.load(cells, 1),
    async waitForStarted(count) {
      while (Atomics.load(cells, 1) < count) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}
