// Step 6 of rebuild-e5.sh: the untrimmed int8 model's vectors of the trimming-proof sample, computed
// with transformers.js itself (the runtime the trimmed model serves with), so the test can demand
// identical vectors from the committed trimmed model.
//   npx tsx scripts/convert-model/record-untrimmed-vectors.ts --models-dir <work>/untrimmed --fixture test/fixtures/e5/trimming-proof.json
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { EmbedPurpose } from "../../src/embed/embedder.ts";
import { createTransformersEmbedder } from "../../src/embed/transformers-embedder.ts";

interface ProofItem {
  purpose: EmbedPurpose;
  text: string;
  untrimmedIds: number[];
  vector?: string;
}

const { values } = parseArgs({ options: { "models-dir": { type: "string" }, fixture: { type: "string" } } });
const modelsDir = values["models-dir"];
const fixture = values.fixture;
if (!modelsDir || !fixture) throw new Error("usage: record-untrimmed-vectors.ts --models-dir DIR --fixture FILE");
const proof = JSON.parse(await readFile(fixture, "utf8")) as { model: string; items: ProofItem[] };
const embedder = await createTransformersEmbedder({ modelsDir, modelId: proof.model });
for (const item of proof.items) {
  const ids = embedder.encode(embedder.prompts[item.purpose] + item.text);
  if (JSON.stringify(ids) !== JSON.stringify(item.untrimmedIds)) {
    throw new Error(`transformers.js and Python tokenise differently with the untrimmed tokenizer: ${item.text}`);
  }
  const [vector] = await embedder.embed([item.text], item.purpose);
  item.vector = Buffer.from((vector as Float32Array).buffer).toString("base64");
}
await writeFile(fixture, `${JSON.stringify(proof)}\n`);
process.stderr.write(`recorded ${proof.items.length} untrimmed vectors in ${fixture}\n`);
