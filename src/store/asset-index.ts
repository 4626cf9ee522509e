import { type AssetFetcher, readAsset, WORKER_ASSET_FOLDERS } from "../cloudflare/assets.ts";
import { InvalidIndexError } from "../errors.ts";
import { INDEX_FILES, type IndexData, parseIndexData } from "./index-data.ts";

/** Loads the index the Worker answers from out of its static assets; the same files as an on-disk generation. */
export async function readIndexFromAssets(assets: AssetFetcher): Promise<IndexData> {
  const fetchFile = async (name: string): Promise<Response> => {
    const path = `${WORKER_ASSET_FOLDERS.index}/${name}`;
    const response = await readAsset(assets, path);
    if (!response) throw new InvalidIndexError(`${path} is missing from the Worker's assets: run npm run index:worker, then deploy`);
    return response;
  };
  const text = async (name: string) => (await fetchFile(name)).text();
  const bytes = async (name: string) => new Uint8Array(await (await fetchFile(name)).arrayBuffer());
  const [manifest, documents, chunks, sentences, bm25, chunkVectors, sentenceVectors] = await Promise.all([
    text(INDEX_FILES.manifest),
    text(INDEX_FILES.documents),
    text(INDEX_FILES.chunks),
    text(INDEX_FILES.sentences),
    text(INDEX_FILES.bm25),
    bytes(INDEX_FILES.chunkVectors),
    bytes(INDEX_FILES.sentenceVectors),
  ]);
  return parseIndexData({ manifest, documents, chunks, sentences, bm25, chunkVectors, sentenceVectors });
}
