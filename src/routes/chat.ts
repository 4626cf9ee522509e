import { Hono } from "hono";
import { type SSEStreamingApi, streamSSE } from "hono/streaming";
import type { AnswerEvent, AskRequest } from "../answer/types.ts";
import type { Engine } from "../engine.ts";
import { AppError } from "../errors.ts";
import { withAnswerLabels } from "../i18n/answer-wording.ts";
import type { Logger } from "../observe/logger.ts";
import { parseAskRequest } from "./ask-request.ts";
import { readJsonBody } from "./read-json-body.ts";

/**
 * POST /chat: the /ask answer as Server-Sent Events, `source` per citation, then `text-delta`s,
 * then `end` with the whole /ask response, or `error`. With a writer, sources and text arrive
 * sentence by sentence, each once it verified, so nothing shown is ever taken back. Bad requests
 * and a loading engine fail before the stream starts, with the usual JSON error and status, so
 * clients can tell 4xx from 503.
 */
export function chatRoutes(options: { requireEngine: () => Engine; maxBodyBytes: number; logger: Logger }): Hono {
  const routes = new Hono();
  routes.post("/chat", async (context) => {
    const request = parseAskRequest(await readJsonBody(context, options.maxBodyBytes));
    const engine = options.requireEngine();
    // Proxies such as nginx would otherwise hold the events back until the response ends.
    context.header("X-Accel-Buffering", "no");
    return streamSSE(context, async (stream) => {
      const disconnected = new AbortController();
      stream.onAbort(() => disconnected.abort());
      const signal = AbortSignal.any([disconnected.signal, context.req.raw.signal]);
      try {
        for await (const event of answerEvents(engine, request, signal)) {
          if (event.type === "source") await send(stream, "source", event.citation);
          else if (event.type === "text") for (const text of splitIntoDeltas(event.text)) await send(stream, "text-delta", { text });
          else {
            const response = withAnswerLabels(event.response);
            // The request's own line was written when the stream started, before any queue wait.
            (context.get("logger") ?? options.logger).info?.("answer", { timings: response.timings, grounded: response.grounded });
            await send(stream, "end", response);
          }
        }
      } catch (error) {
        if (signal.aborted || error instanceof ClientGoneError) return;
        if (!(error instanceof AppError))
          options.logger.error("chat failed", { error: error instanceof Error ? error.stack : String(error) });
        const { code, message } =
          error instanceof AppError ? error : { code: "internal_error", message: "Something went wrong on our side" };
        await send(stream, "error", { error: { code, message } });
      }
    });
  });
  return routes;
}

class ClientGoneError extends Error {}

/** The answerer's own stream when it writes as it goes; otherwise its finished answer, replayed. */
async function* answerEvents(engine: Engine, request: AskRequest, signal: AbortSignal): AsyncGenerator<AnswerEvent> {
  if (engine.answerer.stream) {
    yield* engine.answerer.stream(request, { signal });
    return;
  }
  const response = await engine.answerer.ask(request, { signal });
  for (const citation of response.citations) yield { type: "source", citation };
  yield { type: "text", text: response.answer };
  yield { type: "end", response };
}

async function send(stream: SSEStreamingApi, event: string, data: unknown): Promise<void> {
  // Once the client has gone, writing more only wastes work.
  if (stream.aborted) throw new ClientGoneError();
  await stream.writeSSE({ event, data: JSON.stringify(data) });
}

/** Splits text after each run of whitespace; the pieces join back to exactly the text. */
export function splitIntoDeltas(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\s)(?=\S)/);
}
