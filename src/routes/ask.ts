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
    const response = await engine.answerer.ask(request, { signal: requestSignal(context.req.raw.signal, context.get("deadline")) });
    // The request's log line carries them: queue wait included.
    context.set("answerTimings", response.timings);
    return context.json(withAnswerLabels(response));
  });
  return routes;
}

/** Aborts when the client goes away or the request timeout has answered for it. */
function requestSignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any(signals.filter((signal): signal is AbortSignal => signal !== undefined));
}
