// Node adapter: what a local model folder says about how to feed the model (sentence-transformers' files).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type EmbedPrompts, type EmbedPurpose, NO_PROMPTS } from "./embedder.ts";

export interface ModelMetadata {
  readonly prompts: EmbedPrompts;
  /** Tokens (specials included) the model was trained with; undefined when the folder does not say. */
  readonly maxSequenceLength: number | undefined;
}

/**
 * The e5 family was trained with these prefixes (its model card); a copy fetched from the hub with
 * ALLOW_REMOTE_MODELS=1 may lack config_sentence_transformers.json, so they are known here too.
 */
const KNOWN_PROMPTS: readonly { readonly pattern: RegExp; readonly prompts: EmbedPrompts }[] = [
  { pattern: /(^|\/)(multilingual-)?e5-(small|base|large)(-v2)?$/i, prompts: { query: "query: ", passage: "passage: " } },
];

/**
 * Reads `config_sentence_transformers.json` (`prompts.query`, `prompts.passage`) and
 * `sentence_bert_config.json` (`max_seq_length`) from `<modelsDir>/<modelId>/`. Missing files are
 * normal (a remote model, or a model without them); malformed ones are an error.
 */
export async function readModelMetadata(options: { modelsDir: string; modelId: string }): Promise<ModelMetadata> {
  const folder = path.join(options.modelsDir, options.modelId);
  const sentenceTransformers = await readJsonIfPresent(path.join(folder, "config_sentence_transformers.json"));
  const sentenceBert = await readJsonIfPresent(path.join(folder, "sentence_bert_config.json"));
  const configured = (sentenceTransformers?.prompts ?? {}) as Record<string, unknown>;
  const known = KNOWN_PROMPTS.find((entry) => entry.pattern.test(options.modelId))?.prompts ?? NO_PROMPTS;
  const prompt = (purpose: EmbedPurpose): string => {
    const value = configured[purpose];
    if (value === undefined) return known[purpose];
    if (typeof value !== "string")
      throw new Error(`${options.modelId}: prompts.${purpose} in config_sentence_transformers.json is not a string`);
    return value;
  };
  const length = sentenceBert?.max_seq_length;
  if (length !== undefined && !(Number.isInteger(length) && (length as number) > 2))
    throw new Error(`${options.modelId}: max_seq_length in sentence_bert_config.json is not an integer above 2`);
  return { prompts: { query: prompt("query"), passage: prompt("passage") }, maxSequenceLength: length as number | undefined };
}

async function readJsonIfPresent(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return JSON.parse(text) as Record<string, unknown>;
}
