import type { DocumentSummary } from "../engine.ts";

/** Where demo.html wants the list of documents. */
export const DOCUMENTS_PLACEHOLDER = "<!-- documents -->";

/** Fills the demo page's document list; `undefined` documents means the index is still loading. */
export function renderDemoPage(options: { template: string; documents: readonly DocumentSummary[] | undefined }): string {
  const { template, documents } = options;
  let items: string;
  if (!documents) items = "<li>The sources are still loading; reload the page in a moment to see them.</li>";
  else if (documents.length === 0) items = "<li>No documents are indexed yet.</li>";
  else items = documents.map(renderDocument).join("\n");
  return template.replace(DOCUMENTS_PLACEHOLDER, () => items);
}

function renderDocument(document: DocumentSummary): string {
  const title = escapeHtml(document.title);
  const heading = isWebUrl(document.url) ? `<a href="${escapeHtml(document.url)}">${title}</a>` : title;
  const facts = [document.source, document.publishedAt ? formatDate(document.publishedAt) : undefined].filter(Boolean) as string[];
  const details = facts.length > 0 ? `<span class="document-source">${escapeHtml(facts.join(", "))}</span>` : "";
  return `<li><cite>${heading}</cite> ${details}</li>`;
}

function isWebUrl(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\//i.test(url);
}

function formatDate(isoDate: string): string {
  const date = new Date(isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
