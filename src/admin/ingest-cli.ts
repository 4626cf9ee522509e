// `npm run ingest -- FILE... [--remove DOC_ID]...`: adds or replaces documents in the corpus and
// updates the index incrementally. Safe while the server runs: it takes the ingest lock, and the
// server picks up the new index by itself.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../embed/transformers-embedder.ts";
import { readConfig } from "../entry/node/node-config.ts";
import { documentIdFromFileName } from "../ingest/document.ts";
import { readMetadata } from "../ingest/load-corpus.ts";
import { isSupportedFileName, parseDocument } from "../ingest/parse-document.ts";
import { createProgressReporter } from "../ingest/progress.ts";
import { commitChange } from "./commit-change.ts";
import type { DocumentChange } from "./document-admin.ts";
import { acquireIngestLock } from "./ingest-lock.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { remove: { type: "string", multiple: true, default: [] }, corpus: { type: "string" }, out: { type: "string" } },
});
if (positionals.length === 0 && values.remove.length === 0) {
  process.stderr.write("usage: npm run ingest -- FILE... [--remove DOC_ID]...  (FILE: .txt, .md or .html)\n");
  process.exit(2);
}
try {
  await ingest();
} catch (error) {
  // The operator needs the reason, not a stack trace.
  process.stderr.write(`ingest failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

async function ingest(): Promise<void> {
  const config = readConfig(process.env, { corpusDir: values.corpus, indexDir: values.out });
  const started = performance.now();

  // Read and parse every file before touching anything: one bad file changes nothing.
  const changes: DocumentChange[] = [];
  for (const file of positionals) {
    const baseName = path.basename(file);
    if (!isSupportedFileName(baseName)) throw new Error(`${file}: only .txt, .md and .html documents can be ingested`);
    const content = await readFile(file, "utf8");
    const metadata = await readMetadata(file);
    const docId = documentIdFromFileName(baseName);
    const fileName = `${docId}${path.extname(baseName).toLowerCase()}`;
    parseDocument({ fileName, content, metadata });
    changes.push({ kind: "upsert", docId, entry: { fileName, content, ...(metadata ? { metadata } : {}) } });
  }
  for (const docId of values.remove) changes.push({ kind: "delete", docId });

  const embedder = await createTransformersEmbedder({
    modelsDir: config.modelsDir,
    modelId: config.embedModel,
    allowRemoteModels: config.allowRemoteModels,
  });
  const release = await acquireIngestLock({
    indexDir: config.indexDir,
    onWait: (pid) => process.stderr.write(`waiting for process ${pid}, which is changing the index...\n`),
  });
  try {
    const result = await commitChange({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      embedder,
      changes,
      onProgress: createProgressReporter(),
    });
    if (result.recovered !== "none") process.stderr.write(`an interrupted earlier change was ${result.recovered}\n`);
    const { counts } = result.data.manifest;
    process.stderr.write(
      `${result.changed ? "index" : "index unchanged:"} ${result.generation} in ${config.indexDir}: ${counts.documents} documents, ${counts.chunks} chunks; ` +
        `${result.reusedDocuments} documents reused, ${result.embeddedTexts} texts embedded, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await release();
  }
}
