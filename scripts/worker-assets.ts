// Build step of wrangler.toml: lays out the Worker's asset directory from the index bundle that
// `npm run index:worker` wrote and a fresh copy of web/ (read at every build, so edits ship).
import { access, cp, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { WORKER_ASSET_FOLDERS } from "../src/cloudflare/assets.ts";
import { INDEX_FILES } from "../src/store/index-data.ts";

const bundleDir = process.env.WORKER_BUNDLE_DIR ?? "dist/worker";
const assetsDir = path.join(bundleDir, "assets");
try {
  await access(path.join(assetsDir, WORKER_ASSET_FOLDERS.index, INDEX_FILES.manifest));
} catch {
  process.stderr.write(`no Worker index in ${assetsDir}/${WORKER_ASSET_FOLDERS.index}: run npm run index:worker first\n`);
  process.exit(1);
}
const webCopy = path.join(assetsDir, WORKER_ASSET_FOLDERS.web);
await rm(webCopy, { recursive: true, force: true });
await mkdir(webCopy, { recursive: true });
try {
  await cp("web", webCopy, { recursive: true });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  process.stderr.write("no web/ folder: the Worker will answer 404 for /widget.js and /\n");
}
