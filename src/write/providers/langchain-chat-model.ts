import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessageLike } from "@langchain/core/messages";
import { type LanguageModel, LanguageModelError, type StreamTextOptions } from "../language-model.ts";

/** Any LangChain chat model as the writer (ChatOpenAI, ChatOllama, ChatAnthropic, ...). Structured output is asked for by the prompt alone. */
export function createLangChainModel(options: { chatModel: BaseChatModel; modelId?: string }): LanguageModel {
  const { chatModel } = options;
  return {
    provider: `langchain:${chatModel._llmType()}`,
    modelId: options.modelId ?? chatModel.getName(),
    async *streamText({ messages, signal, maxTokens }: StreamTextOptions) {
      const input: BaseMessageLike[] = messages.map((entry) => [entry.role === "assistant" ? "ai" : entry.role, entry.content]);
      let stream: AsyncIterable<{ content: unknown }>;
      try {
        stream = await chatModel.stream(input, { signal, ...(maxTokens ? { maxTokens } : {}) } as Parameters<BaseChatModel["stream"]>[1]);
      } catch (error) {
        signal?.throwIfAborted();
        throw new LanguageModelError(`the LangChain model failed: ${(error as Error).message}`, { cause: error });
      }
      for await (const chunk of stream) {
        const text = textOf(chunk.content);
        if (text !== "") yield text;
      }
    },
  };
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (typeof part === "object" && part && "text" in part && typeof part.text === "string" ? part.text : ""))
    .join("");
}
