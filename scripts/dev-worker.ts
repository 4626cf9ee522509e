// `npm run dev:worker [-- wrangler dev options]`: the Worker in local workerd (`wrangler dev --local`),
// minus two things plain `npx wrangler dev` does with this project on wrangler 4.86: it runs the
// [build] step twice at start-up, saying "The file web changed" when nothing did (its watcher reruns a
// custom build as soon as it is ready), and it fetches Request.cf from Cloudflare, printing ENOTFOUND
// stack traces offline. So: the assets are laid out here, once (the index bundle written if missing);
// wrangler runs on a copy of wrangler.toml without [build] and without the cf fetch; edits to web/
// are copied into the assets, which wrangler watches and reloads.
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { prepareWorkerAssets } from "./prepare-worker-assets.ts";

const bundleDir = path.resolve(process.env.WORKER_BUNDLE_DIR ?? "dist/worker");
const log = (line: string) => process.stderr.write(`[dev:worker] ${line}\n`);

await prepareWorkerAssets({ bundleDir, log });
const config = path.join(bundleDir, "wrangler.dev.toml");
await mkdir(bundleDir, { recursive: true });
await writeFile(config, devConfig(await readFile("wrangler.toml", "utf8")));

const child = spawn(path.resolve("node_modules/.bin/wrangler"), ["dev", "--local", "--config", config, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    // Request.cf is a placeholder locally anyway; fetching it only fails offline, loudly.
    CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false",
  },
});

let copying: ReturnType<typeof setTimeout> | undefined;
const watcher = watch("web", { recursive: true }, () => {
  // Editors write a file in several steps: copy once things settle.
  clearTimeout(copying);
  copying = setTimeout(() => {
    prepareWorkerAssets({ bundleDir, log }).then(
      () => log("web/ changed: copied into the assets"),
      (error: Error) => log(`copying web/ failed: ${error.message}`),
    );
  }, 200);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  watcher.close();
  clearTimeout(copying);
  process.exitCode = code ?? (signal ? 1 : 0);
});

/** wrangler.toml without its [build] table, its relative paths made absolute (the copy lives in the bundle folder). */
function devConfig(toml: string): string {
  const root = process.cwd();
  const withoutBuild = toml.replace(/^\[build\]\n(?:(?!\[)[^\n]*\n)*/m, "");
  if (withoutBuild === toml) throw new Error("wrangler.toml has no [build] table where dev:worker expects one");
  return withoutBuild.replace(
    /^(main|directory) = "([^"]+)"$/gm,
    (_line, key: string, value: string) => `${key} = ${JSON.stringify(path.resolve(root, value))}`,
  );
}
