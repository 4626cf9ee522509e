/** The Worker's static-assets binding (`env.ASSETS`): `fetch` serves files of the asset directory by path. */
export interface AssetFetcher {
  fetch(request: Request): Promise<Response>;
}

/**
 * Folders of the Worker's asset directory (`dist/worker/assets`): the index the Worker answers
 * from, written by `npm run index:worker`, and a copy of `web/`, made by the build step in
 * wrangler.toml. Every request runs the Worker first, so neither is served as-is.
 */
export const WORKER_ASSET_FOLDERS = { index: "index", web: "web" } as const;

/** Reads `path` from the assets; `undefined` when there is no such file. The host is ignored by the binding. */
export async function readAsset(assets: AssetFetcher, path: string): Promise<Response | undefined> {
  const response = await assets.fetch(new Request(`https://assets.invalid/${path}`));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`reading asset ${path} failed with HTTP ${response.status}`);
  return response;
}
