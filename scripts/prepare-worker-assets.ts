// Lays out the Worker's asset directory: the index bundle (written here from the local index when it
// is missing, as `npm run index:worker` would) and a fresh copy of web/ (read at every build, so edits ship).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { WORKER_ASSET_FOLDERS } from "../src/cloudflare/assets.ts";
import { INDEX_FILES } from "../src/store/index-data.ts";

const run = promisify(execFile);

export async function prepareWorkerAssets(options: { bundleDir: string; log: (line: string) => void }): Promise<void> {
  const { bundleDir, log } = options;
  const assetsDir = path.join(bundleDir, "assets");
  const indexDir = path.join(assetsDir, WORKER_ASSET_FOLDERS.index);
  if (!existsSync(path.join(indexDir, INDEX_FILES.manifest))) {
    // A fresh clone: build the bundle rather than fail; `npm run index:worker` is the same program.
    log(`no Worker index in ${indexDir}: writing one from the local index (npm run index:worker)`);
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/ingest/worker-bundle-cli.ts", "--out", bundleDir]);
    for (const line of `${stderr}\n${stdout}`.split("\n")) if (line.trim() !== "") log(line);
  }
  await copyWeb(path.join(assetsDir, WORKER_ASSET_FOLDERS.web), log);
}

/**
 * Copies web/ over the old copy in place, then drops files web/ no longer has: the copy is never
 * missing as a whole, so a dev server reading it meanwhile never sees the widget disappear.
 */
async function copyWeb(webCopy: string, log: (line: string) => void): Promise<void> {
  if (!existsSync("web")) {
    log("no web/ folder: the Worker will answer 404 for /widget.js and /");
    await rm(webCopy, { recursive: true, force: true });
    return;
  }
  await cp("web", webCopy, { recursive: true, force: true });
  const wanted = new Set(await readdir("web", { recursive: true }));
  for (const name of await readdir(webCopy, { recursive: true })) {
    if (!wanted.has(name)) await rm(path.join(webCopy, name), { recursive: true, force: true });
  }
}
