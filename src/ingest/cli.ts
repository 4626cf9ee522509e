// `npm run index`: rebuilds the index from the corpus, reusing vectors of unchanged documents.
// `--sentence-vectors late-chunking` pools sentence vectors from the chunk passes instead of embedding
// every sentence again (faster; see embed-index-texts.ts for why it is not the default).
// `--chunk-vectors sentence-mean` makes chunk vectors from the sentence vectors instead of running every
// chunk through the model (faster; see embed-index-texts.ts for why it is not the default either).
import { parseArgs } from "node:util";
import { acquireIngestLock } from "../admin/ingest-lock.ts";
import { createTransformersEmbedder } from "../embed/transformers-embedder.ts";
import { readSettingsOrExit } from "../entry/node/exit-on-config-error.ts";
import { readConfig } from "../entry/node/node-config.ts";
import { loadIndexIfPresent, writeIndex } from "../store/index-store.ts";
import { buildIndex } from "./build-index.ts";
import { CHUNK_VECTOR_METHODS, type ChunkVectorMethod, SENTENCE_VECTOR_METHODS, type SentenceVectorMethod } from "./embed-index-texts.ts";
import { loadCorpus } from "./load-corpus.ts";
import { createProgressReporter } from "./progress.ts";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    out: { type: "string" },
    full: { type: "boolean", default: false },
    "sentence-vectors": { type: "string" },
    "chunk-vectors": { type: "string" },
  },
});
const sentenceVectors = values["sentence-vectors"] as SentenceVectorMethod | undefined;
if (sentenceVectors !== undefined && !SENTENCE_VECTOR_METHODS.includes(sentenceVectors)) {
  throw new Error(`--sentence-vectors must be one of ${SENTENCE_VECTOR_METHODS.join(", ")}`);
}
const chunkVectors = values["chunk-vectors"] as ChunkVectorMethod | undefined;
if (chunkVectors !== undefined && !CHUNK_VECTOR_METHODS.includes(chunkVectors)) {
  throw new Error(`--chunk-vectors must be one of ${CHUNK_VECTOR_METHODS.join(", ")}`);
}
const config = readSettingsOrExit(() => readConfig(process.env, { corpusDir: values.corpus, indexDir: values.out }));
const started = performance.now();
// One writer of index/ at a time: a server's admin job or `npm run ingest` changing the corpus while
// this reads it would otherwise lose its document from the index this writes.
const release = await acquireIngestLock({
  indexDir: config.indexDir,
  onWait: (pid) => process.stderr.write(`waiting for process ${pid}, which is changing the index...\n`),
});
try {
  await rebuild();
} finally {
  await release();
}

async function rebuild(): Promise<void> {
  const documents = await loadCorpus(config.corpusDir);
  if (documents.length === 0) throw new Error(`no .txt, .md or .html documents in ${config.corpusDir}`);
  const embedder = await createTransformersEmbedder({
    modelsDir: config.modelsDir,
    modelId: config.embedModel,
    allowRemoteModels: config.allowRemoteModels,
  });
  const previous = values.full ? undefined : await loadIndexIfPresent(config.indexDir).catch(() => undefined);
  const result = await buildIndex({
    documents,
    embedder,
    counter: embedder,
    previous: previous?.data,
    sentenceVectors,
    chunkVectors,
    onProgress: createProgressReporter(),
  });
  const { generation } = await writeIndex({ indexDir: config.indexDir, data: result.data });
  const { counts } = result.data.manifest;
  process.stderr.write(
    `index ${generation} in ${config.indexDir}: ${counts.documents} documents, ${counts.chunks} chunks, ${counts.sentences} sentences (sentence vectors by ${result.data.manifest.sentenceVectors}, chunk vectors by ${result.data.manifest.chunkVectors}); ` +
      `${result.reusedDocuments} documents reused, ${result.embeddedTexts} texts embedded, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
