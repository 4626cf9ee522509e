export interface SourceDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly url?: string;
  readonly publishedAt?: string;
  /** Publisher, e.g. "China Daily". */
  readonly source?: string;
}

export interface DocumentMetadata {
  url?: string;
  publishedAt?: string;
  source?: string;
}

/** Lines that only point readers elsewhere; they carry no facts and would pollute retrieval. */
const LINK_BOILERPLATE = /^\s*(READ MORE|ALSO READ|RELATED|SEE ALSO|READ ALSO)\s*:/i;

export function isLinkBoilerplate(line: string): boolean {
  return LINK_BOILERPLATE.test(line);
}

/** Stable document id from a file name: lowercase slug without the extension. */
export function documentIdFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
  const slug = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug === "") throw new Error(`cannot derive a document id from file name "${fileName}"`);
  return slug;
}

/** Joins paragraphs with a blank line, dropping empty lines and link boilerplate. */
export function joinParagraphs(lines: readonly string[]): string {
  return lines
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "" && !isLinkBoilerplate(line))
    .join("\n\n");
}
