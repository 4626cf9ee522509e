// Node: writes what a Cloudflare deployment needs from the local index (`npm run index:worker`).
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { WORKER_ASSET_FOLDERS } from "../cloudflare/assets.ts";
import type { Embedder } from "../embed/embedder.ts";
import { type IndexData, type StoredDocument, serializeIndexFiles } from "../store/index-data.ts";
import { loadIndex } from "../store/index-store.ts";
import type { IndexManifest } from "../store/manifest.ts";
import { toNdjson, toVectorizeRecords } from "../store/vectorize-index.ts";
import { contentHash, corpusHash } from "./build-index.ts";
import { loadCorpus } from "./load-corpus.ts";
import { reembedIndex } from "./reembed-index.ts";

/** Cloudflare serves no static asset larger than this. */
export const MAX_ASSET_BYTES = 25 * 1024 * 1024;

/** Inside the bundle folder, beside `assets/`: not an asset, it goes to `wrangler vectorize insert`. */
export const VECTORIZE_FILE = "vectorize.ndjson";

export interface WorkerBundleSummary {
  readonly manifest: IndexManifest;
  /** The bundled vectors come from the Worker's model, so the Worker can search them. */
  readonly denseInWorker: boolean;
  readonly indexDir: string;
  readonly indexBytes: number;
  /** Written only when `denseInWorker`: vectors of another model must never reach the Vectorize index. */
  readonly vectorizeFile: string | undefined;
  readonly vectorizeBytes: number;
}

/**
 * Writes `<outDir>/assets/index/` (the index in the Worker's asset directory) and, when the vectors
 * are the Worker model's, `<outDir>/vectorize.ndjson`. With an `embedder` (the Worker's model, run
 * through the Workers AI REST API or locally) every chunk and sentence is embedded again; without
 * one the local index's vectors are kept and the Worker will answer from BM25 alone.
 */
export async function writeWorkerBundle(options: {
  indexDir: string;
  corpusDir: string;
  outDir: string;
  workerModel: string;
  embedder?: Embedder;
  onProgress?: (done: number, total: number) => void;
  maxAssetBytes?: number;
}): Promise<WorkerBundleSummary> {
  const { outDir, workerModel, embedder, maxAssetBytes = MAX_ASSET_BYTES } = options;
  if (embedder && embedder.modelId !== workerModel)
    throw new Error(`the embedder runs ${embedder.modelId}, not the Worker's ${workerModel}`);
  const local = (await loadIndex(options.indexDir)).data;
  await assertIndexMatchesCorpus(local, options.corpusDir);
  const data = embedder ? await reembedIndex({ data: local, embedder, onProgress: options.onProgress }) : local;
  const denseInWorker = data.manifest.model.id === workerModel;

  const indexDir = path.join(outDir, "assets", WORKER_ASSET_FOLDERS.index);
  const files = serializeIndexFiles(data);
  const sizes = files.map(([name, content]) => ({
    name,
    bytes: typeof content === "string" ? Buffer.byteLength(content) : content.byteLength,
  }));
  const oversized = sizes.find((file) => file.bytes > maxAssetBytes);
  if (oversized) {
    throw new Error(
      `${oversized.name} would be ${oversized.bytes} bytes, over the ${maxAssetBytes}-byte limit on one Worker asset: the corpus is too large for the Worker bundle`,
    );
  }
  await rm(indexDir, { recursive: true, force: true });
  await mkdir(indexDir, { recursive: true });
  for (const [name, content] of files) await writeFile(path.join(indexDir, name), content);
  const indexBytes = sizes.reduce((sum, file) => sum + file.bytes, 0);

  const vectorizeFile = path.join(outDir, VECTORIZE_FILE);
  await rm(vectorizeFile, { force: true });
  if (!denseInWorker) return { manifest: data.manifest, denseInWorker, indexDir, indexBytes, vectorizeFile: undefined, vectorizeBytes: 0 };
  const ndjson = toNdjson(
    await toVectorizeRecords({ chunks: data.chunks, vectors: data.chunkVectors, dimensions: data.manifest.model.dimensions }),
  );
  await writeFile(vectorizeFile, ndjson);
  return { manifest: data.manifest, denseInWorker, indexDir, indexBytes, vectorizeFile, vectorizeBytes: Buffer.byteLength(ndjson) };
}

/** A bundle of a stale index would answer from documents the corpus no longer holds. */
async function assertIndexMatchesCorpus(data: IndexData, corpusDir: string): Promise<void> {
  const documents = await loadCorpus(corpusDir);
  const sorted = [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const stored: StoredDocument[] = [];
  for (const document of sorted) stored.push({ ...document, contentHash: await contentHash(document) });
  if ((await corpusHash(stored)) !== data.manifest.corpusHash) {
    throw new Error(`the index was built from another version of ${corpusDir}: run npm run index first`);
  }
}
