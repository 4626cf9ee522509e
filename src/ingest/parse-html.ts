import type { DocumentMetadata } from "./document.ts";
import { joinParagraphs } from "./document.ts";

/** Elements whose content is never article text. */
const DROPPED_ELEMENTS = ["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe", "button"];
const BLOCK_ELEMENTS = /<\/?(p|div|section|article|main|h[1-6]|li|ul|ol|blockquote|br|tr|table|figure|figcaption|pre|hr)\b[^>]*>/gi;

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

function metaContent(html: string, name: string): string | undefined {
  const pattern = new RegExp(`<meta\\b[^>]*(?:name|property)=["']${name}["'][^>]*>`, "i");
  const tag = pattern.exec(html)?.[0];
  const content = tag ? /content=["']([^"']*)["']/i.exec(tag)?.[1] : undefined;
  return content ? decodeEntities(content).trim() : undefined;
}

function stripTags(fragment: string): string {
  return decodeEntities(fragment.replace(/<[^>]+>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** Main text of an HTML page: the <article> or <main> if present, without scripts, styles or navigation. */
export function parseHtml(html: string): { title: string; text: string } & DocumentMetadata {
  let cleaned = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const element of DROPPED_ELEMENTS) {
    cleaned = cleaned.replace(new RegExp(`<${element}\\b[\\s\\S]*?</${element}\\s*>`, "gi"), " ");
  }
  const main =
    /<article\b[^>]*>([\s\S]*?)<\/article>/i.exec(cleaned)?.[1] ??
    /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(cleaned)?.[1] ??
    /<body\b[^>]*>([\s\S]*?)<\/body>/i.exec(cleaned)?.[1] ??
    cleaned;
  const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(main)?.[1];
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const title = stripTags(metaContent(html, "og:title") ?? heading ?? titleTag ?? "");
  let body = main;
  if (heading !== undefined) body = body.replace(/<h1\b[^>]*>[\s\S]*?<\/h1>/i, " ");
  const lines = body.replace(BLOCK_ELEMENTS, "\n").split("\n").map(stripTags);
  const canonical = /<link\b[^>]*rel=["']canonical["'][^>]*>/i.exec(html)?.[0];
  return {
    title,
    text: joinParagraphs(lines),
    url: metaContent(html, "og:url") ?? (canonical ? /href=["']([^"']*)["']/i.exec(canonical)?.[1] : undefined),
    publishedAt: metaContent(html, "article:published_time"),
    source: metaContent(html, "og:site_name"),
  };
}
