// Build step of wrangler.toml (before every `wrangler deploy` and `wrangler dev`): the Worker's asset
// directory, with its index bundle created when missing (a fresh clone deploys as it is).
import { prepareWorkerAssets } from "./prepare-worker-assets.ts";

try {
  await prepareWorkerAssets({
    bundleDir: process.env.WORKER_BUNDLE_DIR ?? "dist/worker",
    log: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
