import { Hono } from "hono";
import type { Engine } from "../engine.ts";
import { withAnswerLabels } from "../i18n/answer-wording.ts";
import { parseAskRequest } from "./ask-request.ts";
import { readJsonBody } from "./read-json-body.ts";

export function askRoutes(options: { requireEngine: () => Engine; maxBodyBytes: number }): Hono {
  const routes = new Hono();
  routes.post("/ask", async (context) => {
    const request = parseAskRequest(await readJsonBody(context, options.maxBodyBytes));
    const engine = options.requireEngine();
    return context.json(withAnswerLabels(await engine.answerer.ask(request, { signal: context.req.raw.signal })));
  });
  return routes;
}
