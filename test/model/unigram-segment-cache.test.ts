import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PreTrainedTokenizer } from "@xenova/transformers";
import { describe, expect, it } from "vitest";
import { cacheUnigramSegments } from "../../src/embed/unigram-segment-cache.ts";
import { loadEvalItems } from "../../src/eval/eval-item.ts";
import { MINILM_MODEL_ID, realEmbedder } from "../helpers/real-model.ts";

const E5_DIR = "models/intfloat/multilingual-e5-small";

/** A tokenizer straight from the model folder's JSON files, as transformers.js builds it, uncached. */
async function plainTokenizer(modelDir: string): Promise<PreTrainedTokenizer> {
  const readJson = async (name: string) => JSON.parse(await readFile(path.join(modelDir, name), "utf8"));
  return new PreTrainedTokenizer(await readJson("tokenizer.json"), await readJson("tokenizer_config.json"));
}

/** Every text at hand in three languages: documents, questions with their history, model fixtures. */
async function texts(): Promise<string[]> {
  const found: string[] = [];
  for (const dir of ["corpus", "test/fixtures/eval/handbook/corpus"]) {
    for (const name of await readdir(dir)) {
      if (!/\.(txt|md)$/.test(name)) continue;
      const text = await readFile(path.join(dir, name), "utf8");
      found.push(...text.split(/\n+/).filter((line) => line.trim() !== ""));
    }
  }
  for (const set of ["test/fixtures/eval/visit", "test/fixtures/eval/handbook"]) {
    for (const item of await loadEvalItems(set)) {
      found.push(`query: ${item.question}`, ...(item.history ?? []).map((turn) => turn.content));
    }
  }
  for (const fixture of ["tokenizer-parity.json", "trimming-proof.json"]) {
    const { items } = JSON.parse(await readFile(path.join("test/fixtures/e5", fixture), "utf8")) as { items: { text: string }[] };
    found.push(...items.map((item) => item.text));
  }
  return found;
}

const EDGE_CASES = [
  "",
  " ",
  "word",
  "  leading and  double   spaces ",
  "tabs\tand\nnew\r\nlines",
  "the the the the the",
  "Chancay Chancay, Chancay. «Chancay»",
  "emoji 🚢🚢 and unknown ☃ signs ⟁⟁⟁",
  "¿Quién inauguró el puerto de Chancay?",
  "钱凯港什么时候启用？ 钱凯港",
  "▁already▁marked ▁ ▁▁",
  "<s> special </s> tokens <unk> inside",
  "x".repeat(300),
];

describe("the Unigram segment cache", () => {
  it("gives e5's tokenizer exactly the ids it gave without the cache, on every text at hand, twice over", async () => {
    const plain = await plainTokenizer(E5_DIR);
    const cached = await plainTokenizer(E5_DIR);
    expect(cacheUnigramSegments(cached)).toBe(true);
    const all = [...EDGE_CASES, ...(await texts())];
    expect(all.length).toBeGreaterThan(500);
    // The second pass reads every segment from the cache.
    for (const pass of [1, 2]) {
      for (const text of all) expect(cached.encode(text), `pass ${pass}: ${text.slice(0, 80)}`).toEqual(plain.encode(text));
    }
  });

  it("stays exact when it starts over because it is full", async () => {
    const plain = await plainTokenizer(E5_DIR);
    const cached = await plainTokenizer(E5_DIR);
    cacheUnigramSegments(cached, { maxSegments: 3 });
    const all = (await texts()).slice(0, 200);
    for (const text of all) expect(cached.encode(text)).toEqual(plain.encode(text));
  });

  it("is not applied to a WordPiece tokenizer (MiniLM)", async () => {
    const minilm = await plainTokenizer("models/sentence-transformers/all-MiniLM-L6-v2");
    expect(cacheUnigramSegments(minilm)).toBe(false);
  });

  it("is what the embedder tokenises with: its ids are the uncached tokenizer's", async () => {
    const embedder = await realEmbedder();
    const plain = await plainTokenizer(E5_DIR);
    for (const text of (await texts()).slice(0, 300)) expect(embedder.encode(text)).toEqual(plain.encode(text));
    expect((await realEmbedder(MINILM_MODEL_ID)).encode("still works")).toHaveLength(4);
  });
});
