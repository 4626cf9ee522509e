import { type AssetFetcher, readAsset, WORKER_ASSET_FOLDERS } from "../cloudflare/assets.ts";
import { InvalidIndexError } from "../errors.ts";
import { type IndexData, readIndexData } from "./index-data.ts";

/** Loads the index the Worker answers from out of its static assets; the same files as an on-disk generation. */
export async function readIndexFromAssets(assets: AssetFetcher): Promise<IndexData> {
  const fetchFile = async (name: string): Promise<Response> => {
    const path = `${WORKER_ASSET_FOLDERS.index}/${name}`;
    const response = await readAsset(assets, path);
    if (!response) throw new InvalidIndexError(`${path} is missing from the Worker's assets: run npm run index:worker, then deploy`);
    return response;
  };
  return readIndexData({
    text: async (name) => (await fetchFile(name)).text(),
    bytes: async (name) => new Uint8Array(await (await fetchFile(name)).arrayBuffer()),
  });
}
