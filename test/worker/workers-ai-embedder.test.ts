// Shapes from https://developers.cloudflare.com/workers-ai/models/bge-small-en-v1.5/ :
// input { text: string | string[], pooling?: "mean" | "cls" }, output { shape: [n, 384], data: number[n][384] }.
import { describe, expect, it } from "vitest";
import { UpstreamServiceError } from "../../src/cloudflare/upstream-error.ts";
import { createWorkersAiEmbedder, parseEmbeddingOutput, type WorkersAi } from "../../src/embed/workers-ai-embedder.ts";
import { ConfigError } from "../../src/errors.ts";

/** A documented-shape answer: row i is (i + 1) * (1, 2, 3, ...), so its direction is known. */
function output(count: number, dimensions = 384) {
  const data = Array.from({ length: count }, (_, row) =>
    Array.from({ length: dimensions }, (_, column) => (row + 1) * (column + 1) * 0.001),
  );
  return { shape: [count, dimensions], data };
}

function recordingBinding(answer: (texts: string[]) => unknown = (texts) => output(texts.length)) {
  const calls: { model: string; inputs: { text: string[]; pooling?: string } }[] = [];
  const ai: WorkersAi = {
    async run(model, inputs) {
      calls.push({ model, inputs });
      return answer(inputs.text);
    },
  };
  return { ai, calls };
}

describe("Workers AI embedder", () => {
  it("sends the documented input and returns unit vectors from the documented output", async () => {
    const { ai, calls } = recordingBinding();
    const embedder = createWorkersAiEmbedder({ ai });
    expect(embedder).toMatchObject({ modelId: "@cf/baai/bge-small-en-v1.5", dimensions: 384, pooling: "mean", normalized: true });
    const vectors = await embedder.embed(["When will the port open?", "Chancay"], "passage");
    expect(calls).toEqual([
      { model: "@cf/baai/bge-small-en-v1.5", inputs: { text: ["When will the port open?", "Chancay"], pooling: "mean" } },
    ]);
    expect(vectors).toHaveLength(2);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
    // Both rows point the same way (row 2 is twice row 1), so normalised they are equal.
    expect(Array.from(vectors[1] as Float32Array)).toEqual(Array.from(vectors[0] as Float32Array));
    expect((vectors[0] as Float32Array)[1]).toBeCloseTo(2 * ((vectors[0] as Float32Array)[0] as number), 6);
  });

  it("splits more than 100 texts into calls of at most 100 and keeps their order", async () => {
    const { ai, calls } = recordingBinding((texts) => ({
      shape: [texts.length, 384],
      data: texts.map((text) => Array.from({ length: 384 }, (_, column) => (column === Number(text) % 384 ? 1 : 0))),
    }));
    const texts = Array.from({ length: 250 }, (_, index) => String(index));
    const vectors = await createWorkersAiEmbedder({ ai }).embed(texts, "passage");
    expect(calls.map((call) => call.inputs.text.length)).toEqual([100, 100, 50]);
    expect(vectors.map((vector) => vector.indexOf(1))).toEqual(texts.map((text) => Number(text) % 384));
  });

  it("sends bge-m3, the multilingual model, only the texts: it takes no pooling input and pools by CLS itself", async () => {
    const { ai, calls } = recordingBinding((texts) => output(texts.length, 1024));
    const embedder = createWorkersAiEmbedder({ ai, modelId: "@cf/baai/bge-m3" });
    expect(embedder).toMatchObject({ modelId: "@cf/baai/bge-m3", dimensions: 1024, pooling: "cls", normalized: true });
    const vectors = await embedder.embed(["¿Quién es el embajador?", "秘鲁驻华大使是谁？"], "query");
    expect(calls).toEqual([{ model: "@cf/baai/bge-m3", inputs: { text: ["¿Quién es el embajador?", "秘鲁驻华大使是谁？"] } }]);
    expect(vectors.map((vector) => vector.length)).toEqual([1024, 1024]);
  });

  it("makes no call for no texts", async () => {
    const { ai, calls } = recordingBinding();
    expect(await createWorkersAiEmbedder({ ai }).embed([], "passage")).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it("takes the dimensions of the configured model and refuses models it does not know", () => {
    const { ai } = recordingBinding();
    expect(createWorkersAiEmbedder({ ai, modelId: "@cf/baai/bge-base-en-v1.5" }).dimensions).toBe(768);
    expect(() => createWorkersAiEmbedder({ ai, modelId: "sentence-transformers/all-MiniLM-L6-v2" })).toThrow(ConfigError);
  });

  it("turns a failing binding into a 502 upstream_failed error naming Workers AI", async () => {
    // The binding rejects with the service's error text, e.g. code 3040 "Out of capacity" from the errors page.
    const ai: WorkersAi = { run: () => Promise.reject(new Error("3040: Out of capacity")) };
    const failure = await createWorkersAiEmbedder({ ai })
      .embed(["question"], "passage")
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamServiceError);
    expect(failure).toMatchObject({ code: "upstream_failed", status: 502, service: "Workers AI" });
    expect((failure as Error).message).toContain("3040: Out of capacity");
  });

  it.each([
    ["no data array", {}],
    ["null", null],
    ["fewer vectors than texts", output(1)],
    ["a shape that disagrees", { ...output(2), shape: [2, 768] }],
    ["vectors of another width", output(2, 768)],
    ["values that are not numbers", { shape: [2, 384], data: [Array(384).fill("x"), Array(384).fill(0.1)] }],
  ])("refuses a response with %s", async (_name, response) => {
    const { ai } = recordingBinding(() => response);
    await expect(createWorkersAiEmbedder({ ai }).embed(["a", "b"], "passage")).rejects.toThrow(UpstreamServiceError);
  });

  it("accepts the output without a shape field, which the schema marks optional", () => {
    const { data } = output(1);
    expect(parseEmbeddingOutput({ data }, { count: 1, dimensions: 384 })).toHaveLength(1);
  });
});
