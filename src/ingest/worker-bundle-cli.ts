// `npm run index:worker`: the Worker's index (asset bundle) and its Vectorize vectors, from the local index.
import { parseArgs } from "node:util";
import { unstable_readConfig } from "wrangler";
import { DEFAULT_WORKERS_AI_MODEL } from "../embed/workers-ai-embedder.ts";
import { readSettingsOrExit } from "../entry/node/exit-on-config-error.ts";
import { readConfig } from "../entry/node/node-config.ts";
import { chooseBundleEmbedder } from "./bundle-embedder.ts";
import { writeWorkerBundle } from "./worker-bundle.ts";
import { workerBundleNextSteps } from "./worker-bundle-next-steps.ts";

const started = performance.now();
const { values } = parseArgs({
  options: {
    index: { type: "string" },
    corpus: { type: "string" },
    out: { type: "string", default: "dist/worker" },
    config: { type: "string", default: "wrangler.toml" },
  },
});
const config = readSettingsOrExit(() => readConfig(process.env, { indexDir: values.index, corpusDir: values.corpus }));
// wrangler.toml is the one place that names the Worker's model and Vectorize index.
const wrangler = unstable_readConfig({ config: values.config });
const configured = wrangler.vars.EMBED_MODEL;
const workerModel = typeof configured === "string" && configured !== "" ? configured : DEFAULT_WORKERS_AI_MODEL;
const vectorizeBinding = wrangler.vectorize.find((binding: { binding: string; index_name?: string }) => binding.binding === "VECTORIZE");
const vectorizeIndex = vectorizeBinding ? (vectorizeBinding.index_name ?? "<your index>") : undefined;
const vectorSearch = wrangler.vars.VECTOR_SEARCH === "flat" ? "flat" : "vectorize";

const choice = await chooseBundleEmbedder({ workerModel, environment: process.env, modelsDir: config.modelsDir });
process.stderr.write(`${choice.description}\n`);
const summary = await writeWorkerBundle({
  indexDir: config.indexDir,
  corpusDir: config.corpusDir,
  outDir: values.out,
  workerModel,
  embedder: choice.embedder,
  onProgress: (done, total) => process.stderr.write(`embedded ${done}/${total}\n`),
});
const { counts, model } = summary.manifest;
const lines = [
  `Worker bundle in ${values.out} (${((performance.now() - started) / 1000).toFixed(1)} s): ${counts.documents} documents, ${counts.chunks} chunks, ${counts.sentences} sentences`,
  `  ${summary.indexDir}: ${(summary.indexBytes / 1024).toFixed(1)} KiB, vectors from ${model.id} (${model.dimensions} dimensions)`,
];
if (summary.vectorizeFile) {
  lines.push(
    `  ${summary.vectorizeFile}: ${counts.chunks} vectors, ${(summary.vectorizeBytes / 1024).toFixed(1)} KiB`,
    `Dense search in the Worker: on (${workerModel}).`,
  );
} else {
  lines.push(
    `Dense search in the Worker: OFF. The vectors come from ${model.id}, which Workers AI does not serve; the Worker embeds`,
    `questions with ${workerModel}, so it will refuse these vectors and answer from BM25 alone (/readyz says so). No Vectorize`,
    `file was written. To turn dense search on, set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN and run npm run index:worker again.`,
  );
}
lines.push(...workerBundleNextSteps({ vectorizeFile: summary.vectorizeFile, vectorSearch, vectorizeIndex }));
process.stdout.write(`${lines.join("\n")}\n`);
