import { CURRENT_SYSTEM } from "../../src/eval/answer-system.ts";
import { type EvalCorpus, evalTarget, loadKnowledge } from "../../src/eval/eval-corpora.ts";
import { type EvalItem, loadEvalItems } from "../../src/eval/eval-item.ts";
import { type EvalReport, evaluate } from "../../src/eval/evaluate.ts";
import { realEmbedder } from "./real-model.ts";

/** The current system with the real model, evaluated on one language of a corpus's test part. */
export async function evaluateTestPart(options: {
  corpus: EvalCorpus;
  language: string;
}): Promise<{ items: readonly EvalItem[]; report: EvalReport }> {
  const { corpus, language } = options;
  const embedder = await realEmbedder();
  const knowledge = await loadKnowledge({ corpus, system: CURRENT_SYSTEM, embedder, indexRoot: ".", fixturesRoot: "." });
  const items = (await loadEvalItems(corpus.setsDir)).filter((item) => item.split === "test" && item.language === language);
  const report = await evaluate({ items, target: evalTarget({ system: CURRENT_SYSTEM, knowledge, embedder }) });
  return { items, report };
}
