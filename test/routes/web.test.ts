import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import { createFileAssetReader } from "../../src/web/file-asset-reader.ts";
import { withWidgetMessages } from "../../src/web/widget-messages.ts";
import { DOCUMENT, groundedAnswer, scriptedEngine } from "../helpers/scripted-engine.ts";

const assets = createFileAssetReader({ directory: "web" });

function appWith(options: { ready: boolean }) {
  const engines = new EngineHolder();
  if (options.ready) engines.set(scriptedEngine({ answer: () => groundedAnswer(["Trade will grow."]) }));
  return createApp({ engines, assets, compressAssets: true });
}

describe("the demo page and the widget script", () => {
  it("serves / listing each document with its title, source and date, escaped, and embedding the widget", async () => {
    const reply = await appWith({ ready: true }).request("/");
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await reply.text();
    expect(html).toContain('<a href="https://example.org/port">Port &#60;news&#62; &#38; notes</a>');
    expect(html).not.toContain(DOCUMENT.title);
    expect(html).toContain("Test Wire, 13 November 2024");
    expect(html).toContain('<script src="/widget.js" defer></script>');
    expect(html).not.toMatch(/<script>|<style>| style="/);
    expect(html).not.toContain("<!-- documents -->");
  });

  it("compresses only its own routes, never the API responses mounted beside them", async () => {
    const app = appWith({ ready: true });
    const headers = { "accept-encoding": "gzip", "content-type": "application/json" };
    const answer = await app.request("/ask", { method: "POST", headers, body: JSON.stringify({ question: "Trade?" }) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-encoding")).toBeNull();
    expect((await app.request("/", { headers })).headers.get("content-encoding")).toBe("gzip");
    const uncompressed = createApp({ engines: new EngineHolder(), assets });
    expect((await uncompressed.request("/widget.js", { headers })).headers.get("content-encoding")).toBeNull();
  });

  it("says the sources are loading while the engine is not ready", async () => {
    const html = await (await appWith({ ready: false }).request("/")).text();
    expect(html).toContain("The sources are still loading");
  });

  it("serves widget.js as JavaScript with the message table written in, gzipped for clients that accept it", async () => {
    const app = appWith({ ready: false });
    const source = await readFile("web/widget.js", "utf8");
    const plain = await app.request("/widget.js");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(plain.headers.get("cache-control")).toBe("public, max-age=300");
    const served = await plain.text();
    expect(served).toBe(withWidgetMessages(source));
    expect(served).toContain('"launcherLabel":"Hacer una pregunta"');
    const gzipped = await app.request("/widget.js", { headers: { "Accept-Encoding": "gzip" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
  });

  it("serves the demo page's own script and styles as files", async () => {
    const app = appWith({ ready: true });
    const script = await app.request("/demo.js");
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toBe(await readFile("web/demo.js", "utf8"));
    const styles = await app.request("/demo.css");
    expect(styles.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("keeps widget.js, as served with its messages, under 30 KB gzipped", async () => {
    const size = gzipSync(withWidgetMessages(await readFile("web/widget.js", "utf8")), { level: 9 }).byteLength;
    expect(size).toBeLessThan(30 * 1024);
  });

  it("answers 404 in the API's error shape when the files are not deployed", async () => {
    const app = createApp({ engines: new EngineHolder(), assets: { read: async () => undefined } });
    const reply = await app.request("/widget.js");
    expect(reply.status).toBe(404);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("reads only plain file names from the web directory", async () => {
    expect(await assets.read("../package.json")).toBeUndefined();
    expect(await assets.read("missing.js")).toBeUndefined();
    expect(await assets.read("demo.html")).toContain("<!-- documents -->");
  });
});
