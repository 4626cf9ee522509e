import { type AssetFetcher, readAsset, WORKER_ASSET_FOLDERS } from "../cloudflare/assets.ts";
import type { AssetReader } from "./asset-reader.ts";

const ASSET_NAME = /^[a-z0-9][a-z0-9.-]*$/;

/** Worker adapter: the files of `web/`, read from the copy in the Worker's static assets. */
export function createWorkerAssetReader(options: { assets: AssetFetcher }): AssetReader {
  return {
    async read(name) {
      if (!ASSET_NAME.test(name)) return undefined;
      const response = await readAsset(options.assets, `${WORKER_ASSET_FOLDERS.web}/${name}`);
      return response?.text();
    },
  };
}
