import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { submissionFromUpload } from "../../src/admin/admin-document-input.ts";
import { InvalidRequestError } from "../../src/errors.ts";
import { documentIdFromFileName } from "../../src/ingest/document.ts";
import { InvalidDocumentUrlError, parseDocument } from "../../src/ingest/parse-document.ts";

describe("parseDocument", () => {
  it("reads the shipped .txt: title on the first line, paragraphs below, link boilerplate removed", () => {
    const fileName = "chinadaily-2024-11-xi-peru-agreements.txt";
    const document = parseDocument({ fileName, content: readFileSync(`corpus/${fileName}`, "utf8") });
    expect(document.id).toBe("chinadaily-2024-11-xi-peru-agreements");
    expect(document.title).toBe("Agreements in a range of fields expected to be signed during President Xi's visit");
    expect(document.text).not.toMatch(/READ MORE|ALSO READ/);
    expect(document.text.startsWith("The win-win cooperation")).toBe(true);
    expect(document.text.split("\n\n")).toHaveLength(19);
  });

  it("reads Markdown front matter and strips inline markup", () => {
    const content = [
      "---",
      'title: "Chancay opens"',
      "url: https://example.org/chancay",
      "publishedAt: 2024-11-14",
      "---",
      "# Ignored heading",
      "",
      "The **port** was opened",
      "on [Thursday](https://example.org).",
      "",
      "ALSO READ: something else",
      "- A list item.",
    ].join("\n");
    const document = parseDocument({ fileName: "Chancay Opens!.md", content });
    expect(document).toMatchObject({
      id: "chancay-opens",
      title: "Chancay opens",
      url: "https://example.org/chancay",
      publishedAt: "2024-11-14",
    });
    expect(document.text).toBe("Ignored heading\n\nThe port was opened on Thursday.\n\nA list item.");
  });

  it("takes only the main text of HTML: no scripts, styles, navigation or footers", () => {
    const content = `<!doctype html><html><head><title>Site | Page</title>
      <meta property="og:title" content="Xi &amp; Boluarte meet"><meta property="og:url" content="https://example.org/x">
      <style>p{color:red}</style><script>var secret = "do not index";</script></head>
      <body><nav><a href="/">Home</a> Menu</nav><article><h1>Heading</h1><p>First paragraph &mdash; with an entity.</p>
      <p>READ MORE: elsewhere</p><div>Second <b>bold</b> paragraph.</div></article><footer>Copyright</footer></body></html>`;
    const document = parseDocument({ fileName: "page.html", content });
    expect(document.title).toBe("Xi & Boluarte meet");
    expect(document.url).toBe("https://example.org/x");
    expect(document.text).toBe("First paragraph — with an entity.\n\nSecond bold paragraph.");
  });

  it("metadata from a sidecar overrides what the file says", () => {
    const document = parseDocument({ fileName: "a.txt", content: "Title\nBody.", metadata: { source: "China Daily", url: "https://x" } });
    expect(document).toMatchObject({ source: "China Daily", url: "https://x" });
  });

  it("refuses a declared url that is not http(s), as JSON uploads do; a page's own og:url is dropped instead", () => {
    const markdown = (url: string) => `---\ntitle: Xi in Lima\nurl: ${url}\n---\nThe port opened.`;
    for (const url of ["javascript:alert(7)//https://x", "data:text/html,<b>x</b>", "vbscript:x", "//example.org/x", "not a url"]) {
      expect(() => parseDocument({ fileName: "a.md", content: markdown(url) }), url).toThrow(InvalidDocumentUrlError);
      expect(() => parseDocument({ fileName: "a.txt", content: "Title\nBody.", metadata: { url } }), url).toThrow(InvalidDocumentUrlError);
    }
    expect(parseDocument({ fileName: "a.md", content: markdown("HTTPS://example.org/x") }).url).toBe("HTTPS://example.org/x");
    const page = `<html><head><title>T</title><meta property="og:url" content="javascript:alert(7)"></head><body><p>Text.</p></body></html>`;
    expect(parseDocument({ fileName: "page.html", content: page }).url).toBeUndefined();
  });

  it("an uploaded Markdown file whose front matter has a javascript: url is refused with 400 naming url", () => {
    let refused: unknown;
    try {
      submissionFromUpload({ fileName: "note.md", content: "---\ntitle: T\nurl: javascript:alert(7)//https://x\n---\nBody.", fields: {} });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect(refused).toMatchObject({ status: 400, field: "url", message: expect.stringContaining("`url`") });
  });

  it("rejects files without a title or text, and unsupported types", () => {
    expect(() => parseDocument({ fileName: "a.txt", content: "Only a title" })).toThrow(/no text/);
    expect(() => parseDocument({ fileName: "a.pdf", content: "x" })).toThrow(/unsupported/);
  });

  it("derives stable ids from file names", () => {
    expect(documentIdFromFileName("/x/Peru & China: Trade (2024).TXT")).toBe("peru-china-trade-2024");
    expect(() => documentIdFromFileName("!!!.txt")).toThrow();
  });
});
