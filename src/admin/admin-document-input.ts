import { InvalidRequestError } from "../errors.ts";
import { parseHttpUrl } from "../http/parse-http-url.ts";
import { type DocumentMetadata, documentIdFromFileName, type SourceDocument } from "../ingest/document.ts";
import { InvalidDocumentUrlError, isSupportedFileName, parseDocument } from "../ingest/parse-document.ts";
import type { CorpusEntry } from "./document-admin.ts";

export const DEFAULT_MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const DOC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DOC_ID_MAX = 100;
const TITLE_MAX = 300;

export interface ParsedSubmission {
  readonly docId: string;
  readonly entry: CorpusEntry;
  /** The document exactly as the corpus loader will read it back. */
  readonly document: SourceDocument;
}

/**
 * `POST /admin/documents` with JSON `{ title, text, url?, publishedAt?, source?, id? }`. The document
 * is stored as `<id>.txt` (title on the first line) with a `.meta.json` beside it, so that a full
 * rebuild from the corpus reads back the same document.
 */
export function submissionFromJson(body: unknown): ParsedSubmission {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new InvalidRequestError("Request body must be a JSON object", "body");
  const record = body as Record<string, unknown>;
  if (typeof record.title !== "string") throw new InvalidRequestError("`title` is required and must be a string", "title");
  const title = record.title.replace(/\s+/g, " ").trim();
  if (title === "" || title.length > TITLE_MAX) throw new InvalidRequestError(`\`title\` must have 1 to ${TITLE_MAX} characters`, "title");
  if (typeof record.text !== "string" || record.text.trim() === "")
    throw new InvalidRequestError("`text` is required and must be a non-empty string", "text");
  const docId = record.id === undefined ? slugOf(title) : parseDocId(record.id);
  const metadata = parseMetadata(record);
  return finish({ docId, entry: { fileName: `${docId}.txt`, content: `${title}\n${record.text}`, ...(metadata ? { metadata } : {}) } });
}

/** A multipart upload: the `file` part (.txt, .md, .html) plus optional `id`, `url`, `publishedAt`, `source` fields. */
export function submissionFromUpload(options: { fileName: string; content: string; fields: Record<string, unknown> }): ParsedSubmission {
  const baseName = options.fileName.replace(/^.*[\\/]/, "");
  if (!isSupportedFileName(baseName)) throw new InvalidRequestError("`file` must be a .txt, .md or .html file", "file");
  const extension = (/\.[^.]+$/.exec(baseName)?.[0] ?? "").toLowerCase();
  const docId = options.fields.id === undefined ? slugOf(baseName.slice(0, -extension.length)) : parseDocId(options.fields.id);
  const metadata = parseMetadata(options.fields);
  return finish({ docId, entry: { fileName: `${docId}${extension}`, content: options.content, ...(metadata ? { metadata } : {}) } });
}

export function parseDocId(value: unknown): string {
  if (typeof value !== "string" || value.length > DOC_ID_MAX || !DOC_ID.test(value)) {
    throw new InvalidRequestError(`\`id\` must be lowercase letters, digits and single dashes, at most ${DOC_ID_MAX} characters`, "id");
  }
  return value;
}

function slugOf(name: string): string {
  let slug: string;
  try {
    // Slashes would read as folders and dots as an extension: neither belongs in an id.
    slug = documentIdFromFileName(`${name.replace(/[\\/.]/g, " ")}.txt`);
  } catch {
    throw new InvalidRequestError("Cannot derive a document id from the title or file name; send `id`", "id");
  }
  return slug.slice(0, DOC_ID_MAX).replace(/-+$/, "");
}

function parseMetadata(record: Record<string, unknown>): DocumentMetadata | undefined {
  const url = optionalString(record, "url", 2048);
  if (url !== undefined && !parseHttpUrl(url)) throw new InvalidRequestError("`url` must be an http or https URL", "url");
  const publishedAt = optionalString(record, "publishedAt", 64);
  if (publishedAt !== undefined && Number.isNaN(Date.parse(publishedAt))) {
    throw new InvalidRequestError("`publishedAt` must be a date such as 2024-11-14", "publishedAt");
  }
  const source = optionalString(record, "source", 200);
  if (url === undefined && publishedAt === undefined && source === undefined) return undefined;
  return { ...(url ? { url } : {}), ...(publishedAt ? { publishedAt } : {}), ...(source ? { source } : {}) };
}

function optionalString(record: Record<string, unknown>, field: string, maxLength: number): string | undefined {
  const value = record[field];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || value.length > maxLength || /[\r\n]/.test(value)) {
    throw new InvalidRequestError(`\`${field}\` must be a single-line string of at most ${maxLength} characters`, field);
  }
  return value.trim();
}

/** Parses the entry the way the corpus loader will, so a document that would not load is refused now. */
function finish(options: { docId: string; entry: CorpusEntry }): ParsedSubmission {
  const { docId, entry } = options;
  let document: SourceDocument;
  try {
    document = parseDocument({ fileName: entry.fileName, content: entry.content, metadata: entry.metadata });
  } catch (error) {
    if (error instanceof InvalidDocumentUrlError) throw new InvalidRequestError("`url` must be an http or https URL", "url");
    throw new InvalidRequestError("The document has no title or no text once parsed", "text");
  }
  return { docId, entry, document };
}
