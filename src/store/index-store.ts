// Node adapter: reads and writes index generations on disk.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { InvalidIndexError } from "../errors.ts";
import { fsyncPath } from "./fsync-path.ts";
import { HnswIndex } from "./hnsw-index.ts";
import { INDEX_FILES, type IndexData, readIndexData, serializeIndexFiles } from "./index-data.ts";

/**
 * An index folder holds generations (`gen-<hash>/`) and a `CURRENT` file naming the one that serves.
 * A build writes a new generation beside the old and then replaces `CURRENT` by rename, which is
 * atomic: a reader sees the old index or the new one, never a half-written one.
 */
const CURRENT = "CURRENT";
const TEMPORARY_PREFIX = ".tmp-";

export interface LoadedIndex {
  readonly data: IndexData;
  readonly hnsw: HnswIndex;
  readonly generation: string;
  readonly directory: string;
}

export async function currentGeneration(indexDir: string): Promise<string | undefined> {
  try {
    const name = (await readFile(path.join(indexDir, CURRENT), "utf8")).trim();
    return /^gen-[0-9a-f]+$/.test(name) ? name : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function loadIndex(indexDir: string): Promise<LoadedIndex> {
  const generation = await currentGeneration(indexDir);
  if (!generation) throw new InvalidIndexError(`no index in ${indexDir}: run npm run index`);
  const directory = path.join(indexDir, generation);
  let data: IndexData;
  try {
    data = await readIndexData({
      text: (name) => readFile(path.join(directory, name), "utf8"),
      bytes: async (name) => new Uint8Array(await readFile(path.join(directory, name))),
    });
  } catch (error) {
    if (error instanceof InvalidIndexError) throw error;
    throw new InvalidIndexError(`cannot read index generation ${generation} in ${indexDir}`, error);
  }
  const hnsw = await HnswIndex.load({
    path: path.join(directory, INDEX_FILES.hnsw),
    chunkIds: data.chunks.map((chunk) => chunk.id),
    dimensions: data.manifest.model.dimensions,
    settings: data.manifest.hnsw,
  });
  return { data, hnsw, generation, directory };
}

/** Like loadIndex, but undefined when the folder holds no index yet. */
export async function loadIndexIfPresent(indexDir: string): Promise<LoadedIndex | undefined> {
  return (await currentGeneration(indexDir)) ? loadIndex(indexDir) : undefined;
}

/** Writes `data` as a new generation and makes it current; removes older generations after. */
export async function writeIndex(options: { indexDir: string; data: IndexData }): Promise<{ generation: string; hnsw: HnswIndex }> {
  const { indexDir, data } = options;
  await mkdir(indexDir, { recursive: true });
  await removeStaleTemporaries(indexDir);
  const generation = `gen-${data.manifest.corpusHash.slice(0, 16)}`;
  const temporary = path.join(indexDir, `${TEMPORARY_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(temporary);
  const files = serializeIndexFiles(data);
  const hnsw = HnswIndex.build({
    vectors: data.chunkVectors,
    chunkIds: data.chunks.map((chunk) => chunk.id),
    dimensions: data.manifest.model.dimensions,
    settings: data.manifest.hnsw,
  });
  await hnsw.write(path.join(temporary, INDEX_FILES.hnsw));
  await fsyncPath(path.join(temporary, INDEX_FILES.hnsw));
  for (const [name, content] of files) await writeDurably(path.join(temporary, name), content);
  await fsyncPath(temporary);

  const target = path.join(indexDir, generation);
  const previous = await currentGeneration(indexDir);
  if (previous === generation) {
    // Same content as what serves: move the current one aside first so CURRENT never dangles.
    const aside = path.join(indexDir, `${TEMPORARY_PREFIX}old-${randomBytes(4).toString("hex")}`);
    await rename(target, aside);
    await rename(temporary, target);
    await rm(aside, { recursive: true, force: true });
  } else {
    await rm(target, { recursive: true, force: true });
    await rename(temporary, target);
  }
  await writeDurably(path.join(indexDir, `${CURRENT}.tmp`), `${generation}\n`);
  await rename(path.join(indexDir, `${CURRENT}.tmp`), path.join(indexDir, CURRENT));
  await fsyncPath(indexDir);
  await removeOtherGenerations(indexDir, generation);
  return { generation, hnsw };
}

async function writeDurably(file: string, content: string | Uint8Array): Promise<void> {
  await writeFile(file, content);
  await fsyncPath(file);
}

async function removeStaleTemporaries(indexDir: string): Promise<void> {
  for (const entry of await readdir(indexDir)) {
    if (entry.startsWith(TEMPORARY_PREFIX)) await rm(path.join(indexDir, entry), { recursive: true, force: true });
  }
}

async function removeOtherGenerations(indexDir: string, keep: string): Promise<void> {
  for (const entry of await readdir(indexDir)) {
    if (entry.startsWith("gen-") && entry !== keep && (await stat(path.join(indexDir, entry))).isDirectory()) {
      await rm(path.join(indexDir, entry), { recursive: true, force: true });
    }
  }
}
