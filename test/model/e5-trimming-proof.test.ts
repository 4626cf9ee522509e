import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { EmbedPurpose } from "../../src/embed/embedder.ts";
import { realEmbedder } from "../helpers/real-model.ts";

interface Proof {
  model: string;
  items: {
    language: string;
    purpose: EmbedPurpose;
    text: string;
    untrimmedIds: number[];
    pieces: string[];
    /** The untrimmed int8 model's vector in transformers.js, float32 little-endian, base64. */
    vector: string;
  }[];
}

const proof = JSON.parse(readFileSync("test/fixtures/e5/trimming-proof.json", "utf8")) as Proof;
const tokenizer = JSON.parse(readFileSync(`models/${proof.model}/tokenizer.json`, "utf8")) as { model: { vocab: [string, number][] } };
const untrimmedVector = (base64: string) => new Float32Array(new Uint8Array(Buffer.from(base64, "base64")).buffer);
/**
 * The untrimmed vectors were computed on an Intel Xeon with AVX-512 VNNI, whose int8 kernels
 * onnxruntime also picks on any such CPU: there, identical weights give identical vectors. On a CPU
 * without VNNI its kernels multiply int8 differently, so vectors match the reference only closely.
 */
const referenceInt8Kernels = cpuFlags().has("avx512_vnni");

function cpuFlags(): Set<string> {
  if (!existsSync("/proc/cpuinfo")) return new Set();
  const line = readFileSync("/proc/cpuinfo", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("flags"));
  return new Set(line?.split(":")[1]?.trim().split(/\s+/) ?? []);
}

describe("the trimmed multilingual-e5-small vocabulary", () => {
  it("keeps fewer than a third of the 250,002 pieces", () => {
    expect(tokenizer.model.vocab.length).toBeLessThan(250_002 / 3);
  });

  it("segments each sample sentence into the pieces the untrimmed tokenizer chose", async () => {
    const embedder = await realEmbedder(proof.model);
    for (const item of proof.items) {
      const ids = embedder.encode(embedder.prompts[item.purpose] + item.text);
      expect(
        ids.map((id) => tokenizer.model.vocab[id]?.[0]),
        item.text,
      ).toEqual(item.pieces);
    }
  });

  it("renumbers ids in order: the untrimmed ids map one-to-one and monotonically onto the trimmed ones", async () => {
    const embedder = await realEmbedder(proof.model);
    const newIdOf = new Map<number, number>();
    for (const item of proof.items) {
      const ids = embedder.encode(embedder.prompts[item.purpose] + item.text);
      expect(ids).toHaveLength(item.untrimmedIds.length);
      item.untrimmedIds.forEach((old, position) => {
        const renumbered = ids[position] as number;
        expect(newIdOf.get(old) ?? renumbered, `untrimmed id ${old}`).toBe(renumbered);
        newIdOf.set(old, renumbered);
      });
    }
    const pairs = [...newIdOf.entries()].sort((a, b) => a[0] - b[0]);
    expect(pairs.length).toBeGreaterThan(500);
    for (let index = 1; index < pairs.length; index += 1) {
      expect((pairs[index] as [number, number])[1]).toBeGreaterThan((pairs[index - 1] as [number, number])[1]);
    }
    for (const [old, renumbered] of pairs) expect(renumbered).toBeLessThanOrEqual(old);
  });

  it("gives each sample sentence the untrimmed model's vector", async () => {
    const embedder = await realEmbedder(proof.model);
    expect(new Set(proof.items.map((item) => item.language))).toEqual(new Set(["en", "es", "zh"]));
    let largest = 0;
    let leastCosine = 1;
    for (const item of proof.items) {
      const [vector] = await embedder.embed([item.text], item.purpose);
      const expected = untrimmedVector(item.vector);
      expect(expected).toHaveLength(384);
      let cosine = 0;
      (vector as Float32Array).forEach((value, column) => {
        largest = Math.max(largest, Math.abs(value - (expected[column] as number)));
        cosine += value * (expected[column] as number);
      });
      leastCosine = Math.min(leastCosine, cosine);
    }
    if (referenceInt8Kernels) expect(largest).toBeLessThanOrEqual(1e-6);
    // Elsewhere the same graph rounds differently, trimmed or not (on an AMD EPYC with AVX2: max |Δ|
    // 0.0059, least cosine 0.99930); a wrong embedding row would move a sentence's vector far more.
    else expect(leastCosine).toBeGreaterThanOrEqual(0.998);
  });
});
