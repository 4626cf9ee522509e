// Node adapter: starts a worker thread on a TypeScript module. The server runs under tsx, whose
// loader a worker does not inherit, so a small bootstrap registers it in the worker first.
import { Worker, type WorkerOptions } from "node:worker_threads";

const TSX_API = new URL(import.meta.resolve("tsx/esm/api"));

export function startTypeScriptWorker(module: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const bootstrap = `import(${JSON.stringify(TSX_API.href)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
