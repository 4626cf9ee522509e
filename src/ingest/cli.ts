// `npm run index`: rebuilds the index from the corpus, reusing vectors of unchanged documents.
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../embed/transformers-embedder.ts";
import { readSettingsOrExit } from "../entry/node/exit-on-config-error.ts";
import { readConfig } from "../entry/node/node-config.ts";
import { loadIndexIfPresent, writeIndex } from "../store/index-store.ts";
import { buildIndex } from "./build-index.ts";
import { loadCorpus } from "./load-corpus.ts";
import { createProgressReporter } from "./progress.ts";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    out: { type: "string" },
    full: { type: "boolean", default: false },
  },
});
const config = readSettingsOrExit(() => readConfig(process.env, { corpusDir: values.corpus, indexDir: values.out }));
const started = performance.now();
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
  onProgress: createProgressReporter(),
});
const { generation } = await writeIndex({ indexDir: config.indexDir, data: result.data });
const { counts } = result.data.manifest;
process.stderr.write(
  `index ${generation} in ${config.indexDir}: ${counts.documents} documents, ${counts.chunks} chunks, ${counts.sentences} sentences; ` +
    `${result.reusedDocuments} documents reused, ${result.embeddedTexts} texts embedded, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
