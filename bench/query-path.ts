// Where a query's time goes, ours against LangChain.js, on the questions of the LangChain comparison:
// the whole embedding call, tokenisation alone, the onnxruntime session alone (inputs built before the
// timer) and the top-5 vector search over as many random unit vectors as the 1,000-message corpus has
// chunks. Each stack runs in its own process (`bench/query-path-stack.ts`), alternating, `--runs` times;
// the table shows the medians of the runs' p50 and p99. Prints a markdown table.
//   npx tsx bench/query-path.ts [--runs 3] [--questions 100] [--vectors 3582]
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ARTICLE_QUESTIONS, subjectQuestions } from "./compare-questions.ts";
import type { StageTimes } from "./query-path-stack.ts";
import { loadBenchCorpus } from "./spam-assassin-corpus.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    questions: { type: "string", default: "100" },
    vectors: { type: "string", default: "3582" },
  },
});
const runs = Number(values.runs);
const childScript = fileURLToPath(new URL("./query-path-stack.ts", import.meta.url));
const stacks = ["ours", "langchain"] as const;

function runChild(stack: string, questionsFile: string): Promise<StageTimes> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, childScript, "--stack", stack, "--questions", questionsFile, "--vectors", String(values.vectors)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (data: string) => {
      output += data;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`${stack} run exited with code ${code}`));
      else resolve(JSON.parse(output.trim().split("\n").at(-1) ?? "") as StageTimes);
    });
  });
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] as number;
}

const { documents } = await loadBenchCorpus({ hamMessages: 200 });
const questions = [
  ...ARTICLE_QUESTIONS,
  ...subjectQuestions(
    documents.filter((document) => document.id.startsWith("spam-assassin-")).map((document) => document.title),
    Number(values.questions) - ARTICLE_QUESTIONS.length,
  ),
];
const workDir = await mkdtemp(path.join(os.tmpdir(), "query-path-"));
try {
  const questionsFile = path.join(workDir, "questions.json");
  await writeFile(questionsFile, JSON.stringify(questions));
  const loadAtStart = os.loadavg()[0] as number;
  const results = new Map<string, StageTimes[]>(stacks.map((stack) => [stack, []]));
  for (let run = 0; run < runs; run += 1) {
    for (const stack of run % 2 === 0 ? stacks : [...stacks].reverse()) {
      results.get(stack)?.push(await runChild(stack, questionsFile));
      process.stderr.write(`run ${run + 1}/${runs} ${stack} done\n`);
    }
  }
  const loadAtEnd = os.loadavg()[0] as number;
  const median = (numbers: number[]) => percentile(numbers, 0.5);
  const summary = (stack: string, stage: string, fraction: number) =>
    median((results.get(stack) as StageTimes[]).map((result) => percentile(result.stages[stage] ?? [], fraction)));
  const [ours, langchain] = stacks.map((stack) => (results.get(stack) as StageTimes[])[0] as StageTimes);
  const lines = [
    `${questions.length} questions (${ARTICLE_QUESTIONS.length} about the article, the rest mail subjects), one at a time after a warm-up; ` +
      `search over ${Number(values.vectors).toLocaleString("en-US")} random unit vectors. Medians of ${runs} runs per stack, alternating, each a fresh process. ` +
      `Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end, on ${os.cpus().length} CPUs.`,
    "",
    `- ours: ${ours?.label}`,
    `- LangChain: ${langchain?.label}`,
    "",
    "| stage | ours p50 ms | LangChain p50 ms | ratio p50 | ours p99 ms | LangChain p99 ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...Object.keys(ours?.stages ?? {}).map((stage) => {
      const [oursP50, langchainP50] = stacks.map((stack) => summary(stack, stage, 0.5)) as [number, number];
      const [oursP99, langchainP99] = stacks.map((stack) => summary(stack, stage, 0.99)) as [number, number];
      return `| ${stage} | ${oursP50.toFixed(3)} | ${langchainP50.toFixed(3)} | ${(oursP50 / langchainP50).toFixed(2)} | ${oursP99.toFixed(3)} | ${langchainP99.toFixed(3)} |`;
    }),
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
