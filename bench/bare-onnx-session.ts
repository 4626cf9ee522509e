// The throughput ceiling: the model file run through a bare onnxruntime-node session (the build
// @xenova/transformers 2.17 depends on), with no pipeline around it. Tokenisation is a separate step
// so the benchmark can keep it out of the timed region; tensor building, the forward pass and mean
// pooling (in JS) are timed.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PreTrainedTokenizer } from "@xenova/transformers";
import ort from "onnxruntime-node";

export interface BareOnnxSession {
  readonly onnxruntimeVersion: string;
  /** Token ids with [CLS]/[SEP], cut to `maxTokens` keeping the final [SEP], as our embedder does. */
  tokenize(texts: readonly string[]): number[][];
  /** Mean-pooled, L2-normalised embeddings of one batch of token ids. */
  embed(ids: readonly number[][]): Promise<Float32Array[]>;
}

export async function createBareOnnxSession(options: {
  modelDir: string;
  maxTokens: number;
  /** Put before every text, as the embedder does for passages ("passage: " for e5). */
  prefix?: string;
}): Promise<BareOnnxSession> {
  const { modelDir, maxTokens, prefix = "" } = options;
  const readJson = async (name: string) => JSON.parse(await readFile(path.join(modelDir, name), "utf8"));
  // Built from the JSON files directly, so no transformers.js `env` (configured only in src/embed) is involved.
  const tokenizer = new PreTrainedTokenizer(await readJson("tokenizer.json"), await readJson("tokenizer_config.json"));
  const sepTokenId = (tokenizer as unknown as { sep_token_id: number }).sep_token_id;
  // The same execution provider transformers.js 2.17 asks for in Node; everything else at defaults.
  const session = await ort.InferenceSession.create(path.join(modelDir, "onnx", "model_quantized.onnx"), { executionProviders: ["cpu"] });
  const { version } = createRequire(import.meta.url)("onnxruntime-node/package.json") as { version: string };

  return {
    onnxruntimeVersion: version,
    tokenize(texts: readonly string[]): number[][] {
      return texts.map((text) => {
        const ids = tokenizer.encode(prefix + text);
        return ids.length <= maxTokens ? ids : [...ids.slice(0, maxTokens - 1), sepTokenId];
      });
    },
    async embed(ids: readonly number[][]): Promise<Float32Array[]> {
      const length = Math.max(...ids.map((row) => row.length));
      const inputIds = new BigInt64Array(ids.length * length);
      const attentionMask = new BigInt64Array(ids.length * length);
      ids.forEach((row, rowIndex) => {
        row.forEach((id, column) => {
          inputIds[rowIndex * length + column] = BigInt(id);
          attentionMask[rowIndex * length + column] = 1n;
        });
      });
      const dims = [ids.length, length];
      const output = await session.run({
        input_ids: new ort.Tensor("int64", inputIds, dims),
        attention_mask: new ort.Tensor("int64", attentionMask, dims),
        token_type_ids: new ort.Tensor("int64", new BigInt64Array(ids.length * length), dims),
      });
      const hidden = output.last_hidden_state as ort.Tensor;
      return meanPool(hidden.data as Float32Array, ids, length, hidden.dims[2] as number);
    },
  };
}

/** Sums the unpadded token vectors of each row; the mean's 1/n cancels in the L2 normalisation. */
function meanPool(data: Float32Array, ids: readonly number[][], length: number, dimensions: number): Float32Array[] {
  return ids.map((row, rowIndex) => {
    const vector = new Float32Array(dimensions);
    for (let position = 0; position < row.length; position += 1) {
      const base = (rowIndex * length + position) * dimensions;
      for (let column = 0; column < dimensions; column += 1) vector[column] = (vector[column] as number) + (data[base + column] as number);
    }
    let norm = 0;
    for (let column = 0; column < dimensions; column += 1) norm += (vector[column] as number) ** 2;
    const scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    for (let column = 0; column < dimensions; column += 1) vector[column] = (vector[column] as number) * scale;
    return vector;
  });
}
