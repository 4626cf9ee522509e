import { parseHttpUrl } from "../http/parse-http-url.ts";
import { type DocumentMetadata, documentIdFromFileName, joinParagraphs, type SourceDocument } from "./document.ts";
import { parseHtml } from "./parse-html.ts";

export class UnsupportedDocumentError extends Error {
  readonly code: string = "unsupported_document";
}

/** A url in front matter or a sidecar that is not http(s): readers would be sent to `javascript:` and the like. */
export class InvalidDocumentUrlError extends UnsupportedDocumentError {
  override readonly code = "invalid_document_url";
}

export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".html", ".htm"] as const;

export function isSupportedFileName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return SUPPORTED_EXTENSIONS.some((extension) => lower.endsWith(extension)) && !lower.endsWith(".meta.json");
}

/**
 * Parses one corpus file. `.txt`: title on the first line, paragraphs below. `.md`: optional front
 * matter (title, url, publishedAt, source) then Markdown. `.html`: the main text only.
 */
export function parseDocument(options: { fileName: string; content: string; metadata?: DocumentMetadata }): SourceDocument {
  const { fileName, metadata = {} } = options;
  const content = options.content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const id = documentIdFromFileName(fileName);
  const lower = fileName.toLowerCase();
  let parsed: { title: string; text: string } & DocumentMetadata;
  if (lower.endsWith(".txt")) parsed = parseText(content);
  else if (lower.endsWith(".md")) parsed = parseMarkdown(content);
  else if (lower.endsWith(".html") || lower.endsWith(".htm")) parsed = parseHtml(content);
  else throw new UnsupportedDocumentError(`unsupported file type: ${fileName}`);
  if (parsed.title === "") throw new UnsupportedDocumentError(`document ${fileName} has no title`);
  if (parsed.text === "") throw new UnsupportedDocumentError(`document ${fileName} has no text`);
  // A declared url (sidecar, front matter) must be http(s), as for JSON uploads; a page's own og:url
  // or canonical link is only a guess (often relative), so one that is not is left out instead.
  const declaredUrl = (metadata.url ?? (lower.endsWith(".md") ? parsed.url : undefined)) || undefined;
  if (declaredUrl !== undefined && !parseHttpUrl(declaredUrl))
    throw new InvalidDocumentUrlError(`document ${fileName}: url must be an http or https URL`);
  const pageUrl = parsed.url && parseHttpUrl(parsed.url) ? parsed.url : undefined;
  return compact({
    id,
    title: parsed.title,
    text: parsed.text,
    url: declaredUrl ?? pageUrl,
    publishedAt: metadata.publishedAt ?? parsed.publishedAt,
    source: metadata.source ?? parsed.source,
  });
}

function parseText(content: string): { title: string; text: string } {
  const [first = "", ...rest] = content.split("\n");
  return { title: first.trim(), text: joinParagraphs(rest) };
}

function parseMarkdown(content: string): { title: string; text: string } & DocumentMetadata {
  const frontMatter = /^---\n([\s\S]*?)\n---\n?/.exec(content);
  const fields: Record<string, string> = {};
  let body = content;
  if (frontMatter) {
    body = content.slice(frontMatter[0].length);
    for (const line of (frontMatter[1] ?? "").split("\n")) {
      const match = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
      if (match) fields[match[1] as string] = unquote((match[2] ?? "").trim());
    }
  }
  const lines = body.split("\n");
  let title = fields.title ?? "";
  if (title === "") {
    const headingIndex = lines.findIndex((line) => /^#\s+/.test(line));
    if (headingIndex >= 0) {
      title = (lines[headingIndex] as string).replace(/^#\s+/, "").trim();
      lines.splice(headingIndex, 1);
    }
  }
  const paragraphs = mergeMarkdownParagraphs(lines).map(stripMarkdownInline);
  return { title: stripMarkdownInline(title), text: joinParagraphs(paragraphs), ...pickMetadata(fields) };
}

/** Markdown wraps paragraphs over several lines; a blank line ends one. */
function mergeMarkdownParagraphs(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) paragraphs.push(current.join(" "));
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === "") flush();
    else if (/^\s*(#{1,6}\s|[-*+]\s|\d+\.\s|>)/.test(line)) {
      flush();
      current.push(line);
      flush();
    } else current.push(line);
  }
  flush();
  return paragraphs;
}

function stripMarkdownInline(text: string): string {
  return text
    .replace(/^\s*#{1,6}\s+/, "")
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/, "")
    .replace(/^\s*>\s?/, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/`([^`]*)`/g, "$1");
}

function unquote(value: string): string {
  const match = /^(["'])(.*)\1$/.exec(value);
  return match ? (match[2] ?? "") : value;
}

function pickMetadata(fields: Record<string, string>): DocumentMetadata {
  return { url: fields.url, publishedAt: fields.publishedAt ?? fields.date, source: fields.source };
}

function compact(document: SourceDocument): SourceDocument {
  return Object.fromEntries(Object.entries(document).filter(([, value]) => value !== undefined)) as unknown as SourceDocument;
}
