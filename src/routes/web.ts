import { Hono } from "hono";
import { compress } from "hono/compress";
import type { DocumentSummary } from "../engine.ts";
import { NotFoundError } from "../errors.ts";
import type { AssetReader } from "../web/asset-reader.ts";
import { renderDemoPage } from "../web/render-demo-page.ts";
import { withWidgetMessages } from "../web/widget-messages.ts";

/**
 * Files of `web/`, served as they are but for widget.js, which gets the message table written in;
 * the demo page's CSP allows no inline script or style, hence files.
 */
const STATIC_FILES: Readonly<Record<string, string>> = {
  "widget.js": "text/javascript; charset=utf-8",
  "demo.js": "text/javascript; charset=utf-8",
  "demo.css": "text/css; charset=utf-8",
};

/** The embeddable widget at /widget.js and the demo page at /, both from `web/`. */
export function webRoutes(options: {
  assets: AssetReader;
  listDocuments: () => readonly DocumentSummary[] | undefined;
  /** Gzip here (Node); off where the platform compresses at the edge (Workers), or bodies are encoded twice. */
  compress: boolean;
}): Hono {
  const { assets, listDocuments } = options;
  const routes = new Hono();
  // Only these routes: a wildcard here would reach /ask and the /chat stream once mounted at "/".
  const paths = ["/", ...Object.keys(STATIC_FILES).map((name) => `/${name}`)];
  if (options.compress) for (const path of paths) routes.use(path, compress());
  const read = async (name: string): Promise<string> => {
    const text = await assets.read(name);
    if (text === undefined) throw new NotFoundError(`${name} is missing from the deployment`);
    return text;
  };
  for (const [name, contentType] of Object.entries(STATIC_FILES)) {
    routes.get(`/${name}`, async (context) => {
      const file = await read(name);
      const text = name === "widget.js" ? withWidgetMessages(file) : file;
      context.header("Content-Type", contentType);
      // Short, so an update reaches embedding sites quickly.
      context.header("Cache-Control", "public, max-age=300");
      return context.body(text);
    });
  }
  routes.get("/", async (context) => {
    const template = await read("demo.html");
    context.header("Cache-Control", "no-cache");
    return context.html(renderDemoPage({ template, documents: listDocuments() }));
  });
  return routes;
}
