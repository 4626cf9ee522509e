// Node adapter: reads corpus files from disk.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { DocumentMetadata, SourceDocument } from "./document.ts";
import { isSupportedFileName, parseDocument } from "./parse-document.ts";

/** Optional `<name>.meta.json` beside a file gives url, publishedAt and source. */
export async function readMetadata(file: string): Promise<DocumentMetadata | undefined> {
  const metaFile = file.replace(/\.[^.]+$/, ".meta.json");
  try {
    const value = JSON.parse(await readFile(metaFile, "utf8")) as Record<string, unknown>;
    const pick = (key: string) => (typeof value[key] === "string" ? (value[key] as string) : undefined);
    return { url: pick("url"), publishedAt: pick("publishedAt"), source: pick("source") };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read ${metaFile}: ${(error as Error).message}`);
  }
}

export async function loadDocumentFile(file: string): Promise<SourceDocument> {
  const content = await readFile(file, "utf8");
  return parseDocument({ fileName: path.basename(file), content, metadata: await readMetadata(file) });
}

/** Every supported file directly in `corpusDir`, in file-name order. */
export async function loadCorpus(corpusDir: string): Promise<SourceDocument[]> {
  const entries = (await readdir(corpusDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && isSupportedFileName(entry.name))
    .map((entry) => entry.name)
    .sort();
  const documents: SourceDocument[] = [];
  for (const name of entries) documents.push(await loadDocumentFile(path.join(corpusDir, name)));
  return documents;
}
