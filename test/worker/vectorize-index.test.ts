// Shapes from Cloudflare's Vectorize documentation (https://developers.cloudflare.com/vectorize/reference/client-api/,
// /vectorize/platform/limits/): query(vector, { topK, returnValues, returnMetadata }) resolves to
// { count, matches: [{ id, score, values?, metadata? }] }; topK is at most 20 when metadata is returned;
// vector ids are at most 64 bytes; `wrangler vectorize insert --file` reads NDJSON of { id, values, metadata }.
import { describe, expect, it } from "vitest";
import { UpstreamServiceError } from "../../src/cloudflare/upstream-error.ts";
import type { Chunk } from "../../src/store/chunk.ts";
import { toNdjson, toVectorizeRecords, type Vectorize, VectorizeIndex, vectorId } from "../../src/store/vectorize-index.ts";

type QueryOptions = Parameters<Vectorize["query"]>[1];

function recordingBinding(answer: () => unknown) {
  const calls: { vector: number[]; options: QueryOptions }[] = [];
  const binding: Vectorize = {
    async query(vector, options) {
      calls.push({ vector, options });
      return answer() as Awaited<ReturnType<Vectorize["query"]>>;
    },
  };
  return { binding, calls };
}

const documented = {
  count: 2,
  matches: [
    {
      id: "chinadaily-2024-11-xi-peru-agreements#4",
      score: 0.789848214,
      metadata: {
        docId: "chinadaily-2024-11-xi-peru-agreements",
        chunkId: "chinadaily-2024-11-xi-peru-agreements#4",
        start: 2611,
        end: 3400,
      },
    },
    {
      id: "b3a1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
      score: 0.61,
      metadata: { docId: "long", chunkId: "a-very-long-document-id-that-does-not-fit-in-sixty-four-bytes-at-all#12", start: 0, end: 10 },
    },
  ],
};

describe("Vectorize index", () => {
  it("queries with the documented options and maps matches to chunk ids from their metadata", async () => {
    const { binding, calls } = recordingBinding(() => documented);
    const index = new VectorizeIndex({ binding, dimensions: 3, size: 8 });
    const hits = await index.search(Float32Array.from([0.6, 0.8, 0]), 5);
    expect(calls).toEqual([
      { vector: [0.6000000238418579, 0.800000011920929, 0], options: { topK: 5, returnMetadata: "all", returnValues: false } },
    ]);
    expect(hits).toEqual([
      { chunkId: "chinadaily-2024-11-xi-peru-agreements#4", score: 0.789848214 },
      { chunkId: "a-very-long-document-id-that-does-not-fit-in-sixty-four-bytes-at-all#12", score: 0.61 },
    ]);
    expect(index).toMatchObject({ dimensions: 3, size: 8 });
  });

  it("asks for at most 20 matches, Vectorize's limit when metadata comes back", async () => {
    const { binding, calls } = recordingBinding(() => ({ count: 0, matches: [] }));
    await new VectorizeIndex({ binding, dimensions: 3, size: 100 }).search(Float32Array.from([1, 0, 0]), 50);
    expect(calls[0]?.options.topK).toBe(20);
  });

  it("returns nothing for an empty index and makes no call for k = 0", async () => {
    const { binding, calls } = recordingBinding(() => ({ count: 0, matches: [] }));
    const index = new VectorizeIndex({ binding, dimensions: 3, size: 0 });
    expect(await index.search(Float32Array.from([1, 0, 0]), 5)).toEqual([]);
    expect(await index.search(Float32Array.from([1, 0, 0]), 0)).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("skips matches without our metadata (vectors another tool inserted)", async () => {
    const { binding } = recordingBinding(() => ({
      count: 3,
      matches: [{ id: "x", score: 0.9 }, { id: "y", score: 0.8, metadata: null }, ...documented.matches.slice(0, 1)],
    }));
    const hits = await new VectorizeIndex({ binding, dimensions: 3, size: 3 }).search(Float32Array.from([1, 0, 0]), 3);
    expect(hits.map((hit) => hit.chunkId)).toEqual(["chinadaily-2024-11-xi-peru-agreements#4"]);
  });

  it("turns a failing query into a 502 upstream_failed error naming Vectorize", async () => {
    const binding: Vectorize = {
      query: () =>
        Promise.reject(
          new Error("VECTOR_QUERY_ERROR (code = 40006): invalid query vector, expected 384 dimensions, and got 768 dimensions"),
        ),
    };
    const failure = await new VectorizeIndex({ binding, dimensions: 384, size: 1 })
      .search(new Float32Array(768), 5)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamServiceError);
    expect(failure).toMatchObject({ code: "upstream_failed", status: 502, service: "Vectorize" });
    expect((failure as Error).message).toContain("expected 384 dimensions");
  });

  it("refuses a response without a matches array", async () => {
    const { binding } = recordingBinding(() => ({ count: 1 }));
    await expect(new VectorizeIndex({ binding, dimensions: 3, size: 1 }).search(Float32Array.from([1, 0, 0]), 3)).rejects.toThrow(
      "unexpected query response",
    );
  });
});

describe("Vectorize records", () => {
  const chunk = (id: string, docId: string, start: number, end: number): Chunk => ({
    id,
    docId,
    index: 0,
    start,
    end,
    text: "t",
    tokenCount: 1,
  });

  it("writes one { id, values, metadata } object per line with the chunk's document, id and span", async () => {
    const chunks = [chunk("doc#0", "doc", 0, 120), chunk("doc#1", "doc", 100, 260)];
    const records = await toVectorizeRecords({ chunks, vectors: Float32Array.from([1, 0, 0, 0, 0.6, 0.8]), dimensions: 3 });
    const lines = toNdjson(records).split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1).map((line) => JSON.parse(line))).toEqual([
      { id: "doc#0", values: [1, 0, 0], metadata: { docId: "doc", chunkId: "doc#0", start: 0, end: 120 } },
      {
        id: "doc#1",
        values: [0, 0.6000000238418579, 0.800000011920929],
        metadata: { docId: "doc", chunkId: "doc#1", start: 100, end: 260 },
      },
    ]);
  });

  it("keeps ids within 64 bytes, the Vectorize limit, by hashing longer chunk ids", async () => {
    const short = "x".repeat(64);
    const long = `${"é".repeat(32)}#1`;
    expect(await vectorId(short)).toBe(short);
    const hashed = await vectorId(long);
    expect(hashed).toMatch(/^[0-9a-f]{64}$/);
    expect(await vectorId(`${"é".repeat(32)}#2`)).not.toBe(hashed);
  });
});
