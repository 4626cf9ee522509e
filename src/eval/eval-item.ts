import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Turn } from "../answer/resolve-question.ts";

export type EvalSplit = "dev" | "test";

export type EvalKind = "factual" | "paraphrase" | "multi-turn" | "unanswerable" | "conversational";

export interface EvalItem {
  readonly id: string;
  readonly split: EvalSplit;
  readonly language: string;
  readonly kind: EvalKind;
  readonly question: string;
  readonly history?: readonly Turn[];
  /** For answerable items: the document and the exact text that supports the answer. */
  readonly docId?: string;
  readonly support?: string;
  /** Terms a correct answer contains (case-insensitive). */
  readonly expect?: readonly string[];
  /** The exact span a direct answer should give ("Beijing"), when the question asks for a slot. */
  readonly shortAnswer?: string;
  readonly reason?: string;
}

/** What an item expects of the answerer: a grounded answer, an abstention, or a conversational reply. */
export function expectation(item: EvalItem): "answer" | "abstain" | "converse" {
  if (item.kind === "unanswerable") return "abstain";
  if (item.kind === "conversational") return "converse";
  return "answer";
}

export class EvalItemError extends Error {
  readonly code = "invalid_eval_item";
}

export function parseEvalItems(jsonl: string, source = "eval set"): EvalItem[] {
  return jsonl
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== "")
    .map(({ line, number }) => checkItem(JSON.parse(line) as EvalItem, `${source}:${number}`));
}

function checkItem(item: EvalItem, where: string): EvalItem {
  if (item.split !== "dev" && item.split !== "test") throw new EvalItemError(`${where}: split must be dev or test`);
  if (typeof item.language !== "string" || item.language === "") throw new EvalItemError(`${where}: language is required`);
  if (expectation(item) === "answer" && (!item.support || !item.docId || !item.expect?.length))
    throw new EvalItemError(`${where}: answerable items need docId, support and expect`);
  return item;
}

/**
 * Every item of every `.jsonl` file directly in `directory` (a corpus's sets), in file-name order;
 * `withoutSets` leaves out the files so named ("es-test-2.jsonl"), to score a part as it was before a batch.
 */
export async function loadEvalItems(directory: string, withoutSets: readonly string[] = []): Promise<EvalItem[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith(".jsonl") && !withoutSets.includes(name)).sort();
  const items: EvalItem[] = [];
  for (const name of names) items.push(...parseEvalItems(await readFile(path.join(directory, name), "utf8"), name));
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new EvalItemError(`duplicate eval item id ${item.id} in ${directory}`);
    ids.add(item.id);
  }
  return items;
}

/**
 * The items of one split, one part per language (English first), so a corpus with cross-lingual
 * questions reports each language on its own: "test" or, with several languages, "test (es)".
 */
export function evalParts(items: readonly EvalItem[], split: EvalSplit): { label: string; language: string; items: EvalItem[] }[] {
  const inSplit = items.filter((item) => item.split === split);
  const languages = [...new Set(inSplit.map((item) => item.language))].sort((a, b) =>
    a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b),
  );
  return languages.map((language) => ({
    label: languages.length > 1 ? `${split} (${language})` : split,
    language,
    items: inSplit.filter((item) => item.language === language),
  }));
}
