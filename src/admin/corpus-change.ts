// Node adapter: plans, journals and applies changes to corpus/ so that a crash at any point leaves
// the corpus agreeing with the index that serves.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { NotFoundError } from "../errors.ts";
import { documentIdFromFileName, type SourceDocument } from "../ingest/document.ts";
import { loadDocumentFile } from "../ingest/load-corpus.ts";
import { isSupportedFileName, parseDocument } from "../ingest/parse-document.ts";
import { fsyncPath } from "../store/fsync-path.ts";
import { INDEX_FILES } from "../store/index-data.ts";
import { currentGeneration } from "../store/index-store.ts";
import type { CorpusEntry, DocumentChange } from "./document-admin.ts";

/**
 * The commit point of a change is the index's `CURRENT` swap. Before it, a journal holding the
 * corpus hash of the index to be written and the corpus files to write and remove is made durable;
 * after it, the files are changed and the journal deleted. Recovery (on start-up, and before each
 * change) rolls the journal forward when the serving index has the journal's corpus hash and
 * discards it otherwise: the change is then either fully applied or cleanly not, and corpus and
 * index agree either way.
 */
export const JOURNAL_FILE = ".ingest-journal.json";
const TEMPORARY_PREFIX = ".ingest-tmp-";

export interface CorpusChange {
  readonly writes: readonly { readonly name: string; readonly content: string }[];
  readonly removes: readonly string[];
}

export interface PlannedChange {
  readonly change: CorpusChange;
  /** Every document of the corpus once the change is applied. */
  readonly documents: SourceDocument[];
}

type Slot = { readonly kind: "disk" } | { readonly kind: "entry"; readonly entry: CorpusEntry };

export function metaFileName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, ".meta.json");
}

/** Works out the file writes and removals for `changes`, and the documents they leave. */
export async function planChange(corpusDir: string, changes: readonly DocumentChange[]): Promise<PlannedChange> {
  const slots = new Map<string, Slot>();
  for (const name of await listFiles(corpusDir)) slots.set(name, { kind: "disk" });
  const writes = new Map<string, string>();
  const removes = new Set<string>();
  const remove = (name: string) => {
    slots.delete(name);
    writes.delete(name);
    removes.add(name);
  };
  const write = (name: string, content: string) => {
    removes.delete(name);
    writes.set(name, content);
  };
  for (const change of changes) {
    const existing = [...slots.keys()].filter((name) => isSupportedFileName(name) && docIdOf(name) === change.docId);
    if (change.kind === "delete" && existing.length === 0) throw new NotFoundError(`No document ${change.docId} in the corpus`);
    for (const name of existing) {
      remove(name);
      remove(metaFileName(name));
    }
    if (change.kind === "upsert") {
      const { entry } = change;
      slots.set(entry.fileName, { kind: "entry", entry });
      write(entry.fileName, entry.content);
      if (entry.metadata) write(metaFileName(entry.fileName), `${JSON.stringify(entry.metadata, null, 2)}\n`);
      else remove(metaFileName(entry.fileName));
    }
  }
  const documents: SourceDocument[] = [];
  for (const [name, slot] of [...slots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!isSupportedFileName(name)) continue;
    if (slot.kind === "disk") documents.push(await loadDocumentFile(path.join(corpusDir, name)));
    else documents.push(parseDocument({ fileName: name, content: slot.entry.content, metadata: slot.entry.metadata }));
  }
  return { change: { writes: [...writes].map(([name, content]) => ({ name, content })), removes: [...removes] }, documents };
}

/** Whether a document with this id is in the corpus folder. */
export async function corpusHasDocument(corpusDir: string, docId: string): Promise<boolean> {
  return (await listFiles(corpusDir)).some((name) => isSupportedFileName(name) && docIdOf(name) === docId);
}

/** Makes the intent durable: after this, a crash is resolved by `recoverCorpus`. */
export async function writeJournal(options: { corpusDir: string; change: CorpusChange; corpusHash: string }): Promise<void> {
  const { corpusDir, change, corpusHash } = options;
  await mkdir(corpusDir, { recursive: true });
  await writeDurably({ directory: corpusDir, name: JOURNAL_FILE, content: JSON.stringify({ version: 1, corpusHash, ...change }) });
}

/** The corpus hash of the index generation that `CURRENT` names, if any. */
export async function servingCorpusHash(indexDir: string): Promise<string | undefined> {
  const generation = await currentGeneration(indexDir);
  if (!generation) return undefined;
  try {
    const manifest = JSON.parse(await readFile(path.join(indexDir, generation, INDEX_FILES.manifest), "utf8")) as { corpusHash?: unknown };
    return typeof manifest.corpusHash === "string" ? manifest.corpusHash : undefined;
  } catch {
    return undefined;
  }
}

/** Applies the change to the corpus folder, then deletes the journal. Safe to repeat. */
export async function applyJournaledChange(options: { corpusDir: string; change: CorpusChange }): Promise<void> {
  const { corpusDir, change } = options;
  for (const { name, content } of change.writes) await writeDurably({ directory: corpusDir, name: safeName(name), content });
  for (const name of change.removes) await rm(path.join(corpusDir, safeName(name)), { force: true });
  await fsyncPath(corpusDir);
  await rm(path.join(corpusDir, JOURNAL_FILE), { force: true });
  await fsyncPath(corpusDir);
}

/** Drops a journal whose generation never became current. */
export async function discardJournal(corpusDir: string): Promise<void> {
  await rm(path.join(corpusDir, JOURNAL_FILE), { force: true });
  await fsyncPath(corpusDir);
}

export async function hasJournal(corpusDir: string): Promise<boolean> {
  return (await listFiles(corpusDir)).includes(JOURNAL_FILE);
}

/** Resolves what a crash left: rolls the journal forward or discards it, and removes half-written files. */
export async function recoverCorpus(options: { corpusDir: string; indexDir: string }): Promise<"none" | "applied" | "discarded"> {
  const { corpusDir, indexDir } = options;
  for (const name of await listFiles(corpusDir)) {
    if (name.startsWith(TEMPORARY_PREFIX)) await rm(path.join(corpusDir, name), { force: true });
  }
  let journal: { corpusHash?: unknown; writes?: unknown; removes?: unknown };
  try {
    journal = JSON.parse(await readFile(path.join(corpusDir, JOURNAL_FILE), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "none";
    // Written by rename, so never half-written; anything unreadable was not ours to apply.
    await discardJournal(corpusDir);
    return "discarded";
  }
  if (typeof journal.corpusHash !== "string" || !Array.isArray(journal.writes) || !Array.isArray(journal.removes)) {
    await discardJournal(corpusDir);
    return "discarded";
  }
  if ((await servingCorpusHash(indexDir)) !== journal.corpusHash) {
    await discardJournal(corpusDir);
    return "discarded";
  }
  await applyJournaledChange({ corpusDir, change: { writes: journal.writes, removes: journal.removes } as CorpusChange });
  return "applied";
}

async function listFiles(corpusDir: string): Promise<string[]> {
  try {
    return (await readdir(corpusDir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function docIdOf(fileName: string): string | undefined {
  try {
    return documentIdFromFileName(fileName);
  } catch {
    return undefined;
  }
}

/** Journal entries name files directly in the corpus folder, never paths. */
function safeName(name: string): string {
  if (typeof name !== "string" || name === "" || path.basename(name) !== name || name.startsWith(".")) {
    throw new Error("the ingest journal names a file outside the corpus folder");
  }
  return name;
}

/** Temporary file, fsync, rename over the target: readers see the old file or the new one. */
export async function writeDurably(options: { directory: string; name: string; content: string }): Promise<void> {
  const { directory, name, content } = options;
  const temporary = path.join(directory, `${TEMPORARY_PREFIX}${randomBytes(4).toString("hex")}`);
  await writeFile(temporary, content);
  await fsyncPath(temporary);
  await rename(temporary, path.join(directory, name));
  await fsyncPath(directory);
}
