// One onnxruntime-node build in its own process (two builds crash when loaded into one), for
// bench/onnxruntime-builds.ts: reads one JSON array of token ids per line on stdin, runs the e5
// session on it and writes one JSON line: wall and CPU milliseconds, and the first token's state.
//   node --import tsx bench/onnxruntime-build-child.ts <onnxruntime-node folder> '<session options JSON>'
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import type * as Ort from "onnxruntime-node";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";

const [folder = "onnxruntime-node", optionsJson = "{}"] = process.argv.slice(2);
const ort = createRequire(import.meta.url)(path.resolve(folder)) as typeof Ort;
const session = await ort.InferenceSession.create(path.join("models", DEFAULT_EMBED_MODEL, "onnx", "model_quantized.onnx"), {
  executionProviders: ["cpu"],
  ...(JSON.parse(optionsJson) as Ort.InferenceSession.SessionOptions),
});
const feeds = (ids: readonly number[]) => {
  const dims = [1, ids.length];
  return {
    input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), dims),
    attention_mask: new ort.Tensor("int64", new BigInt64Array(ids.length).fill(1n), dims),
    token_type_ids: new ort.Tensor("int64", new BigInt64Array(ids.length), dims),
  };
};
process.stdout.write("ready\n");
for await (const line of readline.createInterface({ input: process.stdin })) {
  const inputs = feeds(JSON.parse(line) as number[]);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const output = await session.run(inputs);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const hidden = (output.last_hidden_state as Ort.Tensor).data as Float32Array;
  process.stdout.write(
    `${JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000, first: Array.from(hidden.subarray(0, 384)) })}\n`,
  );
}
