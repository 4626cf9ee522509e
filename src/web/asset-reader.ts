/**
 * Reads the browser files under `web/` (widget.js, demo.html). Node reads them from disk; the
 * Worker build reads its static assets. `undefined` when there is no such file.
 */
export interface AssetReader {
  read(name: string): Promise<string | undefined>;
}
