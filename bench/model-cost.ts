// What the embedding model costs, multilingual-e5-small (the default) beside all-MiniLM-L6-v2, in one run:
// size on disk, load time, query-embedding latency, ingest throughput and RSS. Each model is measured
// in a fresh child process (its own heap and RSS), the two alternating for `--rounds` rounds so both see
// the same machine load. Prints a markdown table.
//   npx tsx bench/model-cost.ts [--rounds 2] [--messages 200]
import { spawn } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const MODELS = ["intfloat/multilingual-e5-small", "sentence-transformers/all-MiniLM-L6-v2"];
const PROBE = new URL("./model-cost-probe.ts", import.meta.url).pathname;

export interface ProbeResult {
  readonly modelId: string;
  readonly loadMs: number;
  readonly queryP50Ms: number;
  readonly queryP95Ms: number;
  readonly queries: number;
  readonly ingestTextsPerSecond: number;
  readonly ingestTokensPerSecond: number;
  readonly ingestChunks: number;
  readonly ingestSeconds: number;
  readonly rssAfterLoadMiB: number;
  readonly peakRssMiB: number;
}

const { values } = parseArgs({ options: { rounds: { type: "string", default: "2" }, messages: { type: "string", default: "200" } } });
const rounds = Number(values.rounds);

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function probe(modelId: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, PROBE, modelId, values.messages as string], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(JSON.parse(output) as ProbeResult) : reject(new Error(`probe of ${modelId} exited ${code}`)),
    );
  });
}

const median = (numbers: readonly number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] as number;

const loadAtStart = os.loadavg()[0] as number;
const results = new Map<string, ProbeResult[]>(MODELS.map((model) => [model, []]));
for (let round = 0; round < rounds; round += 1) {
  // Alternate who goes first so a load change between the two runs of a round does not favour one.
  const order = round % 2 === 0 ? MODELS : [...MODELS].reverse();
  for (const model of order) {
    process.stderr.write(`round ${round + 1}/${rounds}: ${model}\n`);
    results.get(model)?.push(await probe(model));
  }
}
const loadAtEnd = os.loadavg()[0] as number;

const rows: string[] = [];
for (const model of MODELS) {
  const runs = results.get(model) as ProbeResult[];
  const pick = (field: keyof Omit<ProbeResult, "modelId">) => median(runs.map((run) => run[field] as number));
  const sizeMiB = (await folderBytes(path.join("models", model))) / 2 ** 20;
  rows.push(
    `| ${model} | ${sizeMiB.toFixed(1)} | ${pick("loadMs").toFixed(0)} | ${pick("queryP50Ms").toFixed(2)} | ${pick("queryP95Ms").toFixed(2)} | ` +
      `${pick("ingestTextsPerSecond").toFixed(1)} | ${pick("ingestTokensPerSecond").toFixed(0)} | ${pick("rssAfterLoadMiB").toFixed(0)} | ${pick("peakRssMiB").toFixed(0)} |`,
  );
}
const first = (results.get(MODELS[0] as string) as ProbeResult[])[0] as ProbeResult;
process.stdout.write(
  [
    "### Embedding model cost",
    "",
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
      `load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end. Medians of ${rounds} fresh processes per model, alternating. ` +
      `Query latency: ${first.queries} visit evaluation questions (en/es/zh) embedded one at a time with the query prefix, after a warm-up pass. ` +
      `Ingest: buildIndex over corpus/ + ${values.messages} SpamAssassin ham messages (${first.ingestChunks} chunks and their sentences; tokens counted by each model's own tokenizer).`,
    "",
    "| model | size on disk MiB | load ms | query p50 ms | query p95 ms | ingest texts/s | ingest tokens/s | RSS after load MiB | peak RSS MiB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
  ].join("\n"),
);
