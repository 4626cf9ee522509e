// A server whose index fails to load stays up to say so on /readyz; the model threads it started for
// nothing must not stay behind, each holding a copy of the model.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadNodeEngine } from "../../src/entry/node/load-node-engine.ts";
import { readConfig } from "../../src/entry/node/node-config.ts";

const closed = vi.fn();
vi.mock("../../src/embed/embedder-pool.ts", () => ({
  createEmbedderPool: async () => ({
    modelId: "intfloat/multilingual-e5-small",
    dimensions: 384,
    threads: 1,
    embed: async (texts: string[]) => texts.map(() => new Float32Array(384)),
    close: async () => closed(),
  }),
}));

const empty = await mkdtemp(path.join(tmpdir(), "xiperu-no-index-"));
afterAll(() => rm(empty, { recursive: true, force: true }));

describe("loadNodeEngine", () => {
  it("closes the embedder pool it started when the index cannot be loaded", async () => {
    const config = readConfig({ INDEX_DIR: path.join(empty, "index") });
    await expect(loadNodeEngine(config)).rejects.toThrow();
    expect(closed).toHaveBeenCalledTimes(1);
  });
});
