import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { EmbedPurpose } from "../../src/embed/embedder.ts";
import { DEFAULT_EMBED_MODEL } from "../../src/entry/node/node-config.ts";
import { cosine, realEmbedder } from "../helpers/real-model.ts";

interface Reference {
  model: string;
  items: { language: string; purpose: EmbedPurpose; text: string; vector: number[] }[];
}

const reference = JSON.parse(readFileSync("test/fixtures/e5/reference-embeddings.json", "utf8")) as Reference;
const E5 = "intfloat/multilingual-e5-small";

describe("the int8 multilingual-e5-small on disk (the default model)", () => {
  it("is the default model", () => {
    expect(DEFAULT_EMBED_MODEL).toBe(E5);
    expect(reference.model).toBe(E5);
  });

  it("embeds en/es/zh like the fp32 model dequantised from the 4-bit weights: cosine >= 0.99 for each sentence", async () => {
    const embedder = await realEmbedder(E5);
    expect(new Set(reference.items.map((item) => item.language))).toEqual(new Set(["en", "es", "zh"]));
    const similarities: number[] = [];
    // One text per call: the int8 model scales activations per batch (as the fp32 reference did not).
    for (const item of reference.items) {
      const [vector] = await embedder.embed([item.text], item.purpose);
      similarities.push(cosine(vector as Float32Array, item.vector));
    }
    expect(similarities.length).toBeGreaterThanOrEqual(30);
    expect(Math.min(...similarities)).toBeGreaterThanOrEqual(0.99);
  });

  it("puts the model's prefixes before queries and passages", async () => {
    const embedder = await realEmbedder(E5);
    expect(embedder.prompts).toEqual({ query: "query: ", passage: "passage: " });
    expect(embedder.passagePromptTokens).toBeGreaterThanOrEqual(3);
    const text = "¿Quién es el embajador de Perú en China?";
    const [asQuery] = await embedder.embed([text], "query");
    const [asPassage] = await embedder.embed([text], "passage");
    const similarity = cosine(asQuery as Float32Array, asPassage as Float32Array);
    expect(similarity).toBeLessThan(0.999);
    expect(similarity).toBeGreaterThan(0.85);
    // The query vector is the prefixed text's: the recorded fp32 vector of this question was made with "query: ".
    const recorded = reference.items.find((item) => item.text === text && item.purpose === "query");
    expect(cosine(asQuery as Float32Array, recorded?.vector ?? [])).toBeGreaterThan(
      cosine(asPassage as Float32Array, recorded?.vector ?? []),
    );
  });

  it("reads 512 tokens, the model's sequence length, and truncates there keeping </s>", async () => {
    const embedder = await realEmbedder(E5);
    expect(embedder.maxTokens).toBe(512);
    const words = (count: number) => Array.from({ length: count }, () => "word").join(" ");
    expect(embedder.countTokens(words(10))).toBe(10);
    const room = 512 - 2 - embedder.countTokens("passage:");
    expect(embedder.encode(`passage: ${words(room)}`)).toHaveLength(512);
    const [truncated] = await embedder.embed([words(700)], "passage");
    const [atLimit] = await embedder.embed([words(room)], "passage");
    const [shorter] = await embedder.embed([words(room - 200)], "passage");
    expect(cosine(truncated as Float32Array, atLimit as Float32Array)).toBeGreaterThan(0.99999);
    expect(cosine(truncated as Float32Array, shorter as Float32Array)).toBeLessThan(0.99999);
  });

  it("is cross-lingual: Spanish and Chinese questions are nearest the English sentence that answers them", async () => {
    const embedder = await realEmbedder(E5);
    const sentences = [
      "The win-win cooperation between China and Peru is to be deepened, Peruvian Ambassador to China Marco V. Balarezo said.",
      "The inauguration of the port on Thursday by both presidents will establish a direct route from Shanghai to Chancay.",
      "China has been Peru's largest trading partner for 10 consecutive years.",
    ];
    const questions = [
      ["¿Quién es el embajador de Perú en China?", 0],
      ["秘鲁驻华大使是谁？", 0],
      ["¿Cuándo inaugurarán el puerto los presidentes?", 1],
      ["两国元首什么时候为港口揭幕？", 1],
      ["¿Cuál es el mayor socio comercial de Perú?", 2],
      ["秘鲁最大的贸易伙伴是谁？", 2],
    ] as const;
    const passages = await embedder.embed(sentences, "passage");
    for (const [question, expected] of questions) {
      const [vector] = await embedder.embed([question], "query");
      const scores = passages.map((passage) => cosine(vector as Float32Array, passage));
      expect(scores.indexOf(Math.max(...scores)), question).toBe(expected);
    }
  });
});
