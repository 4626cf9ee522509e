import { afterAll, describe, expect, it } from "vitest";
import { resolveQuestion } from "../../src/answer/resolve-question.ts";
import { capTokens } from "../../src/embed/cap-tokens.ts";
import { createEmbedderPool, type EmbedderPool, InferenceFailedError } from "../../src/embed/embedder-pool.ts";
import { createTransformersEmbedder } from "../../src/embed/transformers-embedder.ts";
import { readConfig } from "../../src/entry/node/node-config.ts";
import { OverloadedError } from "../../src/errors.ts";
import { attackRequest } from "../helpers/attack-request.ts";
import { controlledEmbedderPool } from "../helpers/controlled-embedder-pool.ts";

const model = { modelsDir: "models", modelId: readConfig({}).embedModel };
const pools: EmbedderPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

/** The query the answerer embeds for the attack's follow-up: the question, then the last two user turns. */
function attackQuery(): string {
  const { question, history } = attackRequest(7);
  const users = history.filter((turn) => turn.role === "user").map((turn) => turn.content);
  return [question, ...users.slice(-2).reverse()].join(" ");
}

describe("embedder pool with the real model", () => {
  it("gives the in-thread embedder's vectors bit for bit: questions, a 17,000-character follow-up, single words, calls at once", async () => {
    const pool = await createEmbedderPool({ model, threads: 2 });
    pools.push(pool);
    const inThread = await createTransformersEmbedder(model);
    expect({ modelId: pool.modelId, dimensions: pool.dimensions, maxTokens: pool.maxTokens }).toEqual({
      modelId: inThread.modelId,
      dimensions: inThread.dimensions,
      maxTokens: inThread.maxTokens,
    });
    const long = attackQuery();
    expect(long.length).toBeGreaterThan(16_000);
    const texts = ["When will the Chancay port be inaugurated?", "Who will open it?", long, "cost", "inauguration", "¿Cuándo?", "港口"];
    const pooled = await Promise.all(texts.map((text) => pool.embed([text], "query")));
    for (const [index, text] of texts.entries()) {
      const [expected] = await inThread.embed([text], "query");
      expect(Array.from(pooled[index]?.[0] ?? []), text.slice(0, 40)).toEqual(Array.from(expected ?? [1]));
    }
    // A batch is forwarded whole, so its vectors are the batch's, as in-thread.
    const batch = ["Trade will grow.", "Both presidents will attend."];
    expect((await pool.embed(batch, "passage")).map((vector) => Array.from(vector))).toEqual(
      (await inThread.embed(batch, "passage")).map((vector) => Array.from(vector)),
    );
    expect(pool.load()).toEqual({ busy: 0, waiting: 0 });
  });

  it("cuts long history turns after the model's sequence length, which leaves the follow-up's query vector unchanged", async () => {
    const pool = await createEmbedderPool({ model, threads: 1 });
    pools.push(pool);
    const { question, history } = attackRequest(11);
    const capped = await pool.capTokens(history.map((turn) => turn.content));
    for (const [index, turn] of history.entries()) {
      // e5 reads 512 tokens (MiniLM 256), so how much a turn loses depends on the model; it always loses some.
      expect(capped[index]?.length).toBeLessThan(turn.content.length);
      expect(turn.content.startsWith(capped[index] ?? "-")).toBe(true);
    }
    const full = resolveQuestion({ question, history });
    const cut = resolveQuestion({ question, history: history.map((turn, index) => ({ ...turn, content: capped[index] ?? "" })) });
    expect(full.isFollowUp && cut.query.length < full.query.length).toBe(true);
    const [fullVector] = await pool.embed([full.query], "query");
    const [cutVector] = await pool.embed([cut.query], "query");
    expect(Array.from(cutVector ?? [])).toEqual(Array.from(fullVector ?? [1]));
  });

  it("fails to start with the worker's error code when the model is missing", async () => {
    await expect(
      createEmbedderPool({ model: { modelsDir: "no-such-models-dir", modelId: "no/such-model" }, threads: 1 }),
    ).rejects.toMatchObject({
      code: "model_not_found",
    });
  });
});

describe("capTokens", () => {
  it("cuts the real model's long input at whitespace once the cut holds the model's sequence length", async () => {
    const embedder = await createTransformersEmbedder(model);
    const long = attackQuery();
    const capped = capTokens({ text: long, counter: embedder });
    expect(capped.length).toBeLessThan(long.length / 4);
    expect(long.startsWith(capped)).toBe(true);
    expect(long[capped.length]).toMatch(/\s/);
    expect(embedder.countTokens(capped)).toBeGreaterThanOrEqual(embedder.maxTokens);
    const short = "When will the Chancay port be inaugurated?";
    expect(capTokens({ text: short, counter: embedder })).toBe(short);
  });

  it("keeps text it cannot cut safely whole", () => {
    const counter = { maxTokens: 4, countTokens: (text: string) => text.split(/\s+/).length };
    expect(capTokens({ text: "x".repeat(10_000), counter })).toHaveLength(10_000);
    const words = Array.from({ length: 3000 }, (_, index) => `w${index}`).join(" ");
    const capped = capTokens({ text: words, counter });
    expect(words.startsWith(capped) && words[capped.length] === " ").toBe(true);
    expect(counter.countTokens(capped)).toBeGreaterThanOrEqual(4);
  });
});

describe("embedder pool behaviour", () => {
  it("describes the model as its workers' embedder does, instruction prefixes included", async () => {
    const prompts = { query: "query: ", passage: "passage: " };
    const controlled = await controlledEmbedderPool({ threads: 2, modelId: "test/e5-like", dimensions: 8, open: true, prompts });
    pools.push(controlled.pool);
    expect(controlled.pool).toMatchObject({ modelId: "test/e5-like", dimensions: 8, maxTokens: 256, threads: 2, prompts });
  });

  it("refuses calls past its waiting limit with 503 overloaded and serves the waiting ones once a thread frees up", async () => {
    const controlled = await controlledEmbedderPool({ threads: 1, modelId: "test/controlled", dimensions: 8, maxWaiting: 2 });
    pools.push(controlled.pool);
    const running = controlled.pool.embed(["one"], "query");
    await controlled.waitForStarted(1);
    const waiting = [controlled.pool.embed(["two"], "query"), controlled.pool.embed(["three"], "query")];
    expect(controlled.pool.load()).toEqual({ busy: 1, waiting: 2 });
    await expect(controlled.pool.embed(["four"], "query")).rejects.toBeInstanceOf(OverloadedError);
    controlled.open();
    const vectors = await Promise.all([running, ...waiting]);
    expect(vectors.map((batch) => batch.length)).toEqual([1, 1, 1]);
    expect(controlled.pool.load()).toEqual({ busy: 0, waiting: 0 });
  });

  it("fails the call of a worker that dies with 503 inference_failed, replaces the worker and goes on", async () => {
    const controlled = await controlledEmbedderPool({ threads: 1, modelId: "test/controlled", dimensions: 8, open: true });
    pools.push(controlled.pool);
    const crashed = controlled.pool.embed(["crash"], "query");
    await expect(crashed).rejects.toBeInstanceOf(InferenceFailedError);
    await expect(crashed).rejects.toMatchObject({ status: 503, code: "inference_failed" });
    const [vector] = await controlled.pool.embed(["after the crash"], "query");
    expect(vector).toHaveLength(8);
  });
});
