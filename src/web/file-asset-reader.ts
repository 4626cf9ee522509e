// Node adapter: serves the files of `web/` from disk, read per request so edits show on reload.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AssetReader } from "./asset-reader.ts";

const ASSET_NAME = /^[a-z0-9][a-z0-9.-]*$/;

export function createFileAssetReader(options: { directory: string }): AssetReader {
  return {
    async read(name) {
      if (!ASSET_NAME.test(name)) return undefined;
      try {
        return await readFile(join(options.directory, name), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}
