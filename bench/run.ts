// `npm run bench`: the quick benchmarks in sequence, each in its own child process (a clean heap and
// its own peak RSS); each prints a markdown table on stdout. Slow ones have their own scripts
// (`npm run bench:scifact`, `npm run bench:hnsw`).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Benchmark {
  /** Path relative to bench/. */
  readonly script: string;
  readonly args?: readonly string[];
  /** Skipped, not failed, when the file does not exist. */
  readonly optional?: boolean;
}

// Adding a benchmark is one line here.
const BENCHMARKS: readonly Benchmark[] = [
  { script: "ingest-throughput.ts" },
  { script: "langchain-compare.ts" },
  { script: "ask-latency.ts", optional: true },
];

function run(file: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    // The parent runs under tsx; its loader flags (process.execArgv) let the child run TypeScript too.
    const child = spawn(process.execPath, [...process.execArgv, file, ...args], { stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const failed: string[] = [];
for (const benchmark of BENCHMARKS) {
  const file = fileURLToPath(new URL(benchmark.script, import.meta.url));
  if (!existsSync(file)) {
    if (!benchmark.optional) failed.push(`${benchmark.script} (missing)`);
    continue;
  }
  process.stderr.write(`\n== bench/${benchmark.script} ${(benchmark.args ?? []).join(" ")}\n`);
  const code = await run(file, benchmark.args ?? []);
  if (code !== 0) failed.push(`${benchmark.script} (exit ${code})`);
}
if (failed.length > 0) {
  process.stderr.write(`benchmarks failed: ${failed.join(", ")}\n`);
  process.exitCode = 1;
}
