import { Hono } from "hono";
import type { Engine } from "../engine.ts";
import { NotFoundError } from "../errors.ts";

export function documentRoutes(options: { requireEngine: () => Engine }): Hono {
  const routes = new Hono();
  routes.get("/documents", (context) => context.json({ documents: options.requireEngine().listDocuments() }));
  routes.get("/documents/:docId", (context) => {
    const document = options.requireEngine().getDocument(context.req.param("docId"));
    if (!document) throw new NotFoundError("No document with that id");
    const { id, title, url, publishedAt, source, text } = document;
    return context.json({
      id,
      title,
      ...(url ? { url } : {}),
      ...(publishedAt ? { publishedAt } : {}),
      ...(source ? { source } : {}),
      text,
    });
  });
  return routes;
}
