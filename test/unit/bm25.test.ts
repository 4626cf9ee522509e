import { describe, expect, it } from "vitest";
import { type Bm25Data, Bm25Index } from "../../src/store/bm25.ts";

const CHUNKS = [
  { chunkId: "mat", text: "The cat sat on the mat." },
  { chunkId: "garden", text: "The dog chased the cat around the garden." },
  { chunkId: "pets", text: "Dogs and cats are pets; dogs bark at cats." },
  { chunkId: "physics", text: "Quantum chromodynamics describes the strong interaction." },
  { chunkId: "port", text: "Chancay port opened in 2024 with ten cranes." },
];

function roundTrip(index: Bm25Index): Bm25Data {
  return JSON.parse(JSON.stringify(index.toJSON())) as Bm25Data;
}

describe("Bm25Index.search", () => {
  const index = Bm25Index.build(CHUNKS);

  it("finds only chunks sharing a term, stemmed, best first", () => {
    const hits = index.search("cats", 10);
    expect(hits.map((hit) => hit.chunkId)).toEqual(["pets", "mat", "garden"]);
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThan(0);
    }
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Number.POSITIVE_INFINITY);
    expect(hits[1]?.score).toBeGreaterThan(hits[2]?.score ?? Number.POSITIVE_INFINITY);
  });

  it("scores with Lucene's idf and the k1/b length normalisation", () => {
    // "physics" analyses to quantum, chromodynam, describ, strong, interact: 5 terms.
    const data = index.toJSON();
    const physicsLength = data.documentLengths[data.chunkIds.indexOf("physics")] as number;
    expect(physicsLength).toBe(5);
    const documentCount = CHUNKS.length;
    const idf = Math.log(1 + (documentCount - 1 + 0.5) / (1 + 0.5));
    const lengthNorm = 0.9 * (1 - 0.4 + (0.4 * physicsLength) / data.averageDocumentLength);
    const expected = (idf * 1 * (0.9 + 1)) / (1 + lengthNorm);
    const [hit] = index.search("quantum", 1);
    expect(hit?.chunkId).toBe("physics");
    expect(hit?.score).toBeCloseTo(expected, 12);
  });

  it("lets a rare term outweigh a common one", () => {
    const balanced = Bm25Index.build([
      { chunkId: "common", text: "alpha beta" },
      { chunkId: "rare", text: "gamma beta" },
      { chunkId: "filler-1", text: "alpha delta" },
      { chunkId: "filler-2", text: "alpha epsilon" },
    ]);
    // Same length, one match each: only the idf differs (alpha in 3 chunks, gamma in 1).
    expect(balanced.search("alpha gamma", 10).map((hit) => hit.chunkId)).toEqual(["rare", "common", "filler-1", "filler-2"]);
  });

  it("ranks shorter chunks higher for the same term frequency, unless b is 0", () => {
    const chunks = [
      { chunkId: "long", text: "harbour cranes containers ships trucks" },
      { chunkId: "short", text: "harbour cranes" },
      { chunkId: "other", text: "mountain" },
    ];
    expect(
      Bm25Index.build(chunks)
        .search("harbour", 10)
        .map((hit) => hit.chunkId),
    ).toEqual(["short", "long"]);
    const [first, second] = Bm25Index.build(chunks, { b: 0 }).search("harbour", 10);
    expect(first?.score).toBe(second?.score);
  });

  it("breaks score ties by chunk id, ascending", () => {
    const tied = Bm25Index.build([
      { chunkId: "b", text: "copper exports" },
      { chunkId: "c", text: "copper exports" },
      { chunkId: "a", text: "copper exports" },
      { chunkId: "d", text: "fishing" },
    ]);
    expect(tied.search("copper", 10).map((hit) => hit.chunkId)).toEqual(["a", "b", "c"]);
  });

  it("returns at most k hits", () => {
    expect(index.search("cat dog", 2)).toHaveLength(2);
    expect(index.search("cat dog", 1)[0]?.chunkId).toBe(index.search("cat dog", 10)[0]?.chunkId);
    expect(index.search("cat", 0)).toEqual([]);
    expect(index.search("cat", -3)).toEqual([]);
  });

  it("returns nothing for empty, stop-word-only or unknown queries", () => {
    expect(index.search("", 10)).toEqual([]);
    expect(index.search("the and of", 10)).toEqual([]);
    expect(index.search("zebra", 10)).toEqual([]);
  });

  it("matches numbers", () => {
    expect(index.search("2024", 10).map((hit) => hit.chunkId)).toEqual(["port"]);
  });

  it("reports its size, and an empty index finds nothing", () => {
    expect(index.size).toBe(CHUNKS.length);
    const empty = Bm25Index.build([]);
    expect(empty.size).toBe(0);
    expect(empty.search("cat", 10)).toEqual([]);
  });
});

describe("Bm25Index across languages", () => {
  const chunks = [
    { chunkId: "ambassador", text: "Peruvian Ambassador to China Marco V. Balarezo said the ports would open." },
    { chunkId: "trade", text: "China has been Peru's biggest trading partner for 10 consecutive years." },
    { chunkId: "puerto", text: "El puerto de Chancay será inaugurado por ambos presidentes." },
    { chunkId: "gangkou", text: "钱凯港将由两国元首共同揭幕。" },
  ];
  const index = Bm25Index.build(chunks);

  it("analyses each chunk in its language and records the languages", () => {
    expect(index.toJSON().languages).toEqual(["en", "es", "zh"]);
    const told = Bm25Index.build([{ chunkId: "only", text: "puertos", language: "en" }]).toJSON();
    expect(told.languages).toEqual(["en"]);
    expect(told.terms).toEqual(["puerto"]);
    expect(Bm25Index.build([{ chunkId: "only", text: "puertos", language: "es" }]).toJSON().terms).toEqual(["puert"]);
  });

  it("stems a question as each indexed language would, so names meet across languages", () => {
    // Spanish alone would stem "China" to "chin", which no English chunk holds.
    expect(new Set(index.search("¿Quién es el embajador de China?", 10).map((hit) => hit.chunkId))).toEqual(
      new Set(["ambassador", "trade"]),
    );
    expect(index.search("¿Quiénes inaugurarán el puerto?", 10).map((hit) => hit.chunkId)).toEqual(["puerto"]);
    expect(index.search("钱凯港什么时候揭幕？", 10).map((hit) => hit.chunkId)).toEqual(["gangkou"]);
    expect(index.search("balarezo", 10).map((hit) => hit.chunkId)).toEqual(["ambassador"]);
  });

  it("matches with or without accents", () => {
    expect(index.search("Perú", 10)).toEqual(index.search("Peru", 10));
    expect(index.search("sera inaugurado", 10).map((hit) => hit.chunkId)).toEqual(["puerto"]);
  });

  it("round-trips through JSON to the same results", () => {
    const restored = Bm25Index.fromJSON(roundTrip(index));
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(index.toJSON()));
    for (const query of ["¿Quién es el embajador de China?", "钱凯港", "ports", "puerto Chancay"]) {
      expect(restored.search(query, 10)).toEqual(index.search(query, 10));
    }
  });
});

describe("Bm25Index.build", () => {
  it("rejects duplicate chunk ids and out-of-range parameters", () => {
    expect(() =>
      Bm25Index.build([
        { chunkId: "same", text: "one" },
        { chunkId: "same", text: "two" },
      ]),
    ).toThrow(/duplicate chunk id/);
    expect(() => Bm25Index.build(CHUNKS, { k1: -1 })).toThrow(RangeError);
    expect(() => Bm25Index.build(CHUNKS, { b: 1.5 })).toThrow(RangeError);
  });

  it("serialises identically for identical input, with terms sorted", () => {
    const first = JSON.stringify(Bm25Index.build(CHUNKS).toJSON());
    const second = JSON.stringify(Bm25Index.build(CHUNKS).toJSON());
    expect(first).toBe(second);
    const { terms } = JSON.parse(first) as Bm25Data;
    expect([...terms].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0))).toEqual(terms);
    expect(Object.keys(JSON.parse(first) as object)).toEqual([
      "version",
      "analyzer",
      "languages",
      "k1",
      "b",
      "chunkIds",
      "documentLengths",
      "averageDocumentLength",
      "terms",
      "postings",
    ]);
  });
});

describe("Bm25Index.fromJSON", () => {
  const index = Bm25Index.build(CHUNKS, { k1: 1.2, b: 0.75 });

  it("round-trips to the same results and the same JSON", () => {
    const restored = Bm25Index.fromJSON(roundTrip(index));
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(index.toJSON()));
    for (const query of ["cats", "dog garden", "quantum interaction", "port 2024", "nothing here"]) {
      expect(restored.search(query, 10)).toEqual(index.search(query, 10));
    }
  });

  it("rejects data that is not an index or does not hang together", () => {
    const valid = roundTrip(index);
    const corruptions: Record<string, unknown> = {
      null: null,
      array: [],
      "wrong version": { ...valid, version: 1 },
      "other analyzer": { ...valid, analyzer: "whitespace" },
      "unknown language": { ...valid, languages: ["en", "fr"] },
      "languages unsorted": { ...valid, languages: ["es", "en"] },
      "languages missing": { ...valid, languages: undefined },
      "negative k1": { ...valid, k1: -0.5 },
      "b above one": { ...valid, b: 2 },
      "chunk ids not strings": { ...valid, chunkIds: valid.chunkIds.map((_, position) => position) },
      "duplicate chunk ids": { ...valid, chunkIds: valid.chunkIds.map(() => "same") },
      "lengths too short": { ...valid, documentLengths: valid.documentLengths.slice(1) },
      "wrong average": { ...valid, averageDocumentLength: valid.averageDocumentLength + 1 },
      "terms unsorted": { ...valid, terms: [...valid.terms].reverse(), postings: [...valid.postings].reverse() },
      "postings missing": { ...valid, postings: valid.postings.slice(1) },
      "chunk index out of range": { ...valid, postings: [[99, 1], ...valid.postings.slice(1)] },
      "odd postings": { ...valid, postings: [[0], ...valid.postings.slice(1)] },
      "zero frequency": { ...valid, postings: [[0, 0], ...valid.postings.slice(1)] },
      "lengths disagree with postings": {
        ...valid,
        documentLengths: valid.documentLengths.map((length, position) => (position === 0 ? length + 1 : length)),
        averageDocumentLength: valid.averageDocumentLength + 1 / valid.chunkIds.length,
      },
    };
    for (const [name, data] of Object.entries(corruptions)) {
      expect(() => Bm25Index.fromJSON(data as Bm25Data), name).toThrow(/invalid BM25 index data/);
    }
  });
});
