import { type LanguageModel, LanguageModelError, type StreamTextOptions } from "../language-model.ts";
import { streamedDeltas, streamedGenerationSettings } from "./server-sent-events.ts";

/**
 * Chat completions over fetch with streaming, as OpenAI, Ollama, vLLM, llama.cpp's server and LM
 * Studio serve them. Runs in Node and in Workers.
 */
export function createOpenAiCompatibleModel(options: {
  baseUrl: string;
  model: string;
  apiKey?: string;
  fetch?: typeof fetch;
}): LanguageModel {
  const { model, apiKey } = options;
  const send = options.fetch ?? fetch;
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return {
    provider: "openai-compatible",
    modelId: model,
    async *streamText({ messages, signal, maxTokens }: StreamTextOptions) {
      let response: Response;
      try {
        response = await send(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Accept: "text/event-stream",
            ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
          },
          body: JSON.stringify({
            model,
            messages,
            ...streamedGenerationSettings(maxTokens),
          }),
          signal,
        });
      } catch (error) {
        signal?.throwIfAborted();
        throw new LanguageModelError(`the model endpoint is unreachable (${(error as Error).message})`, { cause: error });
      }
      if (!response.ok || !response.body) {
        const detail = (await response.text().catch(() => "")).slice(0, 200);
        throw new LanguageModelError(`the model endpoint answered HTTP ${response.status}${detail ? `: ${detail}` : ""}`);
      }
      yield* streamedDeltas({ body: response.body, signal, parseDelta });
    },
  };
}

function parseDelta(data: string): string | undefined {
  let chunk: { choices?: { delta?: { content?: unknown } }[]; error?: { message?: unknown } };
  try {
    chunk = JSON.parse(data);
  } catch (error) {
    throw new LanguageModelError("the model endpoint sent an event that is not JSON", { cause: error });
  }
  if (chunk.error) throw new LanguageModelError(`the model endpoint reported an error: ${String(chunk.error.message ?? "unknown")}`);
  const content = chunk.choices?.[0]?.delta?.content;
  return typeof content === "string" && content !== "" ? content : undefined;
}
