import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTransformersEmbedder, ModelNotFoundError } from "../../src/embed/transformers-embedder.ts";
import { cosine, MINILM_MODEL_ID, realEmbedder } from "../helpers/real-model.ts";

interface Reference {
  model: string;
  items: { text: string; vector: number[] }[];
}

const reference = JSON.parse(readFileSync("test/fixtures/reference-embeddings.json", "utf8")) as Reference;

describe("the int8 all-MiniLM-L6-v2 on disk (selectable with EMBED_MODEL for English-only corpora)", () => {
  it("embeds like the fp32 original: cosine >= 0.98 for each of the recorded sentences", async () => {
    const embedder = await realEmbedder(MINILM_MODEL_ID);
    expect(embedder.modelId).toBe(reference.model);
    expect(reference.items.length).toBeGreaterThanOrEqual(20);
    const vectors = await embedder.embed(
      reference.items.map((item) => item.text),
      "passage",
    );
    const similarities = reference.items.map((item, index) => cosine(vectors[index] as Float32Array, item.vector));
    expect(Math.min(...similarities)).toBeGreaterThanOrEqual(0.98);
  });

  it("returns unit vectors of the model's 384 dimensions", async () => {
    const embedder = await realEmbedder(MINILM_MODEL_ID);
    const [vector] = await embedder.embed(["Chancay Port opened in November."], "passage");
    expect(embedder.dimensions).toBe(384);
    expect(vector).toHaveLength(384);
    expect(cosine(vector as Float32Array, vector as Float32Array)).toBeCloseTo(1, 5);
    expect(Math.hypot(...(vector as Float32Array))).toBeCloseTo(1, 4);
  });

  it("is semantically real: each paraphrase is nearer its source than an unrelated sentence", async () => {
    const embedder = await realEmbedder(MINILM_MODEL_ID);
    const triples = [
      [
        "The port will be opened on Thursday by the two leaders.",
        "Both presidents will inaugurate the port on Thursday.",
        "The recipe needs two cups of flour.",
      ],
      [
        "China has been Peru's largest trade partner for a decade.",
        "For ten years running, China was Peru's biggest trading partner.",
        "Heavy rain is expected in the north.",
      ],
      [
        "The ambassador gave a written interview to the newspaper.",
        "The envoy answered the paper's questions in writing.",
        "The striker scored in the final minute.",
      ],
      ["Peru hosts the APEC summit this year.", "This year's APEC meeting takes place in Peru.", "Quantum computers use qubits."],
      ["The trade agreement will be upgraded.", "They plan to modernise the free trade deal.", "My cat sleeps on the windowsill."],
    ];
    for (const [source, paraphrase, unrelated] of triples) {
      const [s, p, u] = await embedder.embed([source as string, paraphrase as string, unrelated as string], "passage");
      const near = cosine(s as Float32Array, p as Float32Array);
      const far = cosine(s as Float32Array, u as Float32Array);
      expect(near, `${source} ~ ${paraphrase}`).toBeGreaterThan(far + 0.3);
    }
  });

  it("counts tokens with the model's tokenizer, adds no prefix and truncates at 256", async () => {
    const embedder = await realEmbedder(MINILM_MODEL_ID);
    expect(embedder.countTokens("When will the port be inaugurated?")).toBe(7);
    expect(embedder.maxTokens).toBe(256);
    expect(embedder.prompts).toEqual({ query: "", passage: "" });
    expect(embedder.passagePromptTokens).toBe(0);
    const [asQuery] = await embedder.embed(["Chancay Port"], "query");
    const [asPassage] = await embedder.embed(["Chancay Port"], "passage");
    expect(Array.from(asQuery as Float32Array)).toEqual(Array.from(asPassage as Float32Array));
    const long = "word ".repeat(600);
    const [truncated] = await embedder.embed([long], "passage");
    const [atLimit] = await embedder.embed(["word ".repeat(254)], "passage");
    expect(cosine(truncated as Float32Array, atLimit as Float32Array)).toBeGreaterThan(0.99999);
  });
});

describe("loading a model that is not on disk", () => {
  it("fails with a named error and does not download unless the operator opts in", async () => {
    const attempt = createTransformersEmbedder({ modelsDir: "models", modelId: "someone/not-on-disk" });
    await expect(attempt).rejects.toBeInstanceOf(ModelNotFoundError);
    await expect(attempt).rejects.toThrow(/ALLOW_REMOTE_MODELS=1/);
  });
});
