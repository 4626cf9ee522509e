// `npm run eval:baseline -- [--ref REF]`: scores the answerer of an older commit (default: where this
// branch left main) with this tree's eval harness, fixtures and metrics, beside this tree's answerer,
// in one run. The old tree is checked out with `git worktree` into a temporary folder and removed after.
import { execFileSync } from "node:child_process";
import { mkdtemp, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../src/embed/transformers-embedder.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { type AnswerSystem, CURRENT_SYSTEM } from "../src/eval/answer-system.ts";
import { EVAL_CORPORA, evalTarget, loadKnowledge } from "../src/eval/eval-corpora.ts";
import { evalParts, loadEvalItems } from "../src/eval/eval-item.ts";
import { evaluate } from "../src/eval/evaluate.ts";
import { formatReports, type ReportColumn } from "../src/eval/format-report.ts";

const { values } = parseArgs({ options: { ref: { type: "string" }, split: { type: "string", default: "test" } } });
const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
const ref = values.ref ?? git("merge-base", "main", "HEAD");
const commit = git("rev-parse", "--short", ref);
const checkout = path.join(await mkdtemp(path.join(os.tmpdir(), "eval-baseline-")), "tree");
git("worktree", "add", "--detach", checkout, commit);
try {
  await symlink(path.resolve("node_modules"), path.join(checkout, "node_modules"));
  const system = await loadSystem(checkout, `commit ${commit}`);
  const config = readConfig(process.env);
  const embedder = await createTransformersEmbedder({ modelsDir: config.modelsDir, modelId: config.embedModel });
  await embedder.embed(["warm up"], "query");
  const columns: ReportColumn[] = [];
  for (const corpus of EVAL_CORPORA) {
    const parts = evalParts(await loadEvalItems(corpus.setsDir), values.split === "dev" ? "dev" : "test");
    for (const part of parts) {
      for (const [candidate, root] of [
        [system, checkout],
        [CURRENT_SYSTEM, "."],
      ] as const) {
        const knowledge = await loadKnowledge({ corpus, system: candidate, embedder, indexRoot: root, fixturesRoot: "." });
        const report = await evaluate({ items: part.items, target: evalTarget({ system: candidate, knowledge, embedder }) });
        columns.push({ label: `${corpus.name} ${part.label}, ${candidate.label}`, report });
      }
    }
  }
  console.log(formatReports(columns));
} finally {
  git("worktree", "remove", "--force", checkout);
}

/** The answering modules of the old tree, behind the same interface as this tree's. */
async function loadSystem(root: string, label: string): Promise<AnswerSystem> {
  const load = (file: string) => import(path.join(root, file));
  const [answerer, resolve, build, knowledgeBase, retriever, indexStore] = await Promise.all([
    load("src/answer/grounded-answerer.ts"),
    load("src/answer/resolve-question.ts"),
    load("src/ingest/build-index.ts"),
    load("src/retrieve/knowledge-base.ts"),
    load("src/retrieve/retriever.ts"),
    load("src/store/index-store.ts"),
  ]);
  return {
    label,
    buildIndex: build.buildIndex,
    loadIndex: indexStore.loadIndex,
    createKnowledgeBase: knowledgeBase.createKnowledgeBase,
    createAnswerer: answerer.createGroundedAnswerer,
    async retrieve({ knowledge, embedder, question, history, topK }) {
      const { query } = resolve.resolveQuestion({ question, history });
      return (await retriever.embedAndRetrieve({ knowledge, embedder, query, topK })).retrieved;
    },
  };
}
