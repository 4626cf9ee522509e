import { type LanguageModel, LanguageModelError, type StreamTextOptions } from "../language-model.ts";
import { streamedDeltas, streamedGenerationSettings } from "./server-sent-events.ts";

/** The part of the Workers AI binding text generation uses: with `stream: true`, `run` resolves to an SSE byte stream. */
export interface WorkersAiTextBinding {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

export const DEFAULT_WORKERS_AI_TEXT_MODEL = "@cf/meta/llama-3.1-8b-instruct";

/** Text generation through the Worker's `AI` binding, streamed. */
export function createWorkersAiModel(options: { ai: WorkersAiTextBinding; model?: string }): LanguageModel {
  const { ai, model = DEFAULT_WORKERS_AI_TEXT_MODEL } = options;
  return {
    provider: "workers-ai",
    modelId: model,
    async *streamText({ messages, signal, maxTokens }: StreamTextOptions) {
      let result: unknown;
      try {
        result = await ai.run(model, { messages, ...streamedGenerationSettings(maxTokens) });
      } catch (error) {
        throw new LanguageModelError(`Workers AI failed: ${(error as Error).message}`, { cause: error });
      }
      signal?.throwIfAborted();
      if (!(result instanceof ReadableStream)) throw new LanguageModelError("Workers AI did not return a stream");
      yield* streamedDeltas({ body: result as ReadableStream<Uint8Array>, signal, parseDelta });
    },
  };
}

/** Workers AI models stream `{"response": "..."}`; the OpenAI-style ones stream `choices[0].delta.content`. */
function parseDelta(data: string): string | undefined {
  let chunk: { response?: unknown; choices?: { delta?: { content?: unknown } }[] };
  try {
    chunk = JSON.parse(data);
  } catch (error) {
    throw new LanguageModelError("Workers AI sent an event that is not JSON", { cause: error });
  }
  const content = typeof chunk.response === "string" ? chunk.response : chunk.choices?.[0]?.delta?.content;
  return typeof content === "string" && content !== "" ? content : undefined;
}
