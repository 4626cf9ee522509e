// The e5 forward pass (session.run alone, a query's token ids built beforehand) on the onnxruntime-node
// build @xenova/transformers 2.17 uses (1.14) and the one @huggingface/transformers 3 brings (1.21),
// each with two intra-op threads (the default here) and one: one child process per variant, and each
// question goes to every child in turn, in a rotating order, so load on the machine hits all alike.
// CPU time (all threads of the child) is the figure that survives a busy machine best.
//   npx tsx bench/onnxruntime-builds.ts [--rounds 1]
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { PreTrainedTokenizer } from "@xenova/transformers";
import { DEFAULT_EMBED_MODEL } from "../src/entry/node/node-config.ts";
import { loadEvalItems } from "../src/eval/eval-item.ts";
import { percentile } from "./start-server.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "1" } } });
const ROUNDS = Number(values.rounds);
const OLD = "node_modules/onnxruntime-node";
const NEW = "node_modules/@huggingface/transformers/node_modules/onnxruntime-node";
const versionOf = (folder: string) => (createRequire(import.meta.url)(path.resolve(folder, "package.json")) as { version: string }).version;

interface Reply {
  wallMs: number;
  cpuMs: number;
  first: number[];
}

async function startChild(folder: string, options: object) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "bench/onnxruntime-build-child.ts", folder, JSON.stringify(options)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  await lines.next();
  return {
    run: async (ids: readonly number[]): Promise<Reply> => {
      child.stdin?.write(`${JSON.stringify(ids)}\n`);
      return JSON.parse((await lines.next()).value as string) as Reply;
    },
    stop: () => child.kill(),
  };
}

const modelDir = path.join("models", DEFAULT_EMBED_MODEL);
const readJson = async (name: string) => JSON.parse(await readFile(path.join(modelDir, name), "utf8"));
const tokenizer = new PreTrainedTokenizer(await readJson("tokenizer.json"), await readJson("tokenizer_config.json"));
const questions = (await loadEvalItems("test/fixtures/eval/visit")).map((item) => tokenizer.encode(`query: ${item.question}`) as number[]);
const variants = [
  { name: `${versionOf(OLD)}, 2 threads`, folder: OLD, options: {} },
  { name: `${versionOf(NEW)}, 2 threads`, folder: NEW, options: {} },
  { name: `${versionOf(OLD)}, 1 thread`, folder: OLD, options: { intraOpNumThreads: 1 } },
  { name: `${versionOf(NEW)}, 1 thread`, folder: NEW, options: { intraOpNumThreads: 1 } },
];
const children = await Promise.all(variants.map((variant) => startChild(variant.folder, variant.options)));
try {
  for (const ids of questions.slice(0, 20)) for (const child of children) await child.run(ids);
  const loadBefore = os.loadavg().map((value) => value.toFixed(1));
  const wall = variants.map((): number[] => []);
  const cpu = variants.map((): number[] => []);
  const largestDifference = variants.map(() => 0);
  let turn = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const ids of questions) {
      turn += 1;
      const states: number[][] = [];
      for (let step = 0; step < children.length; step += 1) {
        const index = (step + turn) % children.length;
        const reply = await (children[index] as (typeof children)[number]).run(ids);
        wall[index]?.push(reply.wallMs);
        cpu[index]?.push(reply.cpuMs);
        states[index] = reply.first;
      }
      states.forEach((state, index) => {
        const reference = states[0] as number[];
        for (let column = 0; column < state.length; column += 1) {
          const difference = Math.abs((state[column] as number) - (reference[column] as number));
          largestDifference[index] = Math.max(largestDifference[index] as number, difference);
        }
      });
    }
  }
  const loadAfter = os.loadavg().map((value) => value.toFixed(1));
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}; load average ${loadBefore.join(", ")} before, ${loadAfter.join(", ")} after.`,
  );
  console.log(`${questions.length} questions × ${ROUNDS} rounds, the builds in turn for each question.\n`);
  console.log(
    "| onnxruntime-node | wall p50 ms | wall p95 ms | CPU p50 ms | largest difference from the first row (first token's state) |\n| --- | ---: | ---: | ---: | ---: |",
  );
  variants.forEach((variant, index) => {
    const set = wall[index] ?? [];
    console.log(
      `| ${variant.name} | ${percentile(set, 0.5).toFixed(2)} | ${percentile(set, 0.95).toFixed(2)} | ${percentile(cpu[index] ?? [], 0.5).toFixed(2)} | ${(largestDifference[index] as number).toExponential(1)} |`,
    );
  });
} finally {
  for (const child of children) child.stop();
}
