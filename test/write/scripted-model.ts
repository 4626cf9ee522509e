// A deterministic LanguageModel for tests of the writer: replies come from a script that reads the prompt.
import type { ChatMessage, LanguageModel, StreamTextOptions } from "../../src/write/language-model.ts";

export interface ScriptedModel extends LanguageModel {
  readonly prompts: (readonly ChatMessage[])[];
}

/** Splits each reply into small deltas (mid-word and mid-marker), as real models stream. */
export function scriptedModel(
  reply: (messages: readonly ChatMessage[], options: StreamTextOptions) => string | Promise<string>,
): ScriptedModel {
  const prompts: (readonly ChatMessage[])[] = [];
  return {
    provider: "scripted",
    modelId: "script",
    prompts,
    async *streamText(options) {
      prompts.push(options.messages);
      const text = await reply(options.messages, options);
      for (let index = 0; index < text.length; index += 3) {
        options.signal?.throwIfAborted();
        await Promise.resolve();
        yield text.slice(index, index + 3);
      }
    },
  };
}

/** The number the prompt gives the evidence sentence containing `words`. */
export function evidenceNumber(messages: readonly ChatMessage[], words: string): number {
  const user = messages.find((message) => message.role === "user")?.content ?? "";
  const line = user.split("\n").find((candidate) => /^\[\d+\] /.test(candidate) && candidate.includes(words));
  if (!line) throw new Error(`no evidence sentence with "${words}" in the prompt`);
  return Number(/^\[(\d+)\]/.exec(line)?.[1]);
}

export function isReaderPrompt(messages: readonly ChatMessage[]): boolean {
  return messages[0]?.content.includes("Reply with one line") ?? false;
}

export function isRewritePrompt(messages: readonly ChatMessage[]): boolean {
  return messages[0]?.content.startsWith("You rewrite") ?? false;
}
