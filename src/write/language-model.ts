/**
 * The one interface every text-generation provider implements, shaped like vercel/ai's
 * LanguageModel: who serves it, which model, and one streaming call. Providers are adapters beside
 * the core (local GGUF, OpenAI-compatible, Workers AI, LangChain); the core never imports one.
 */
export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

export interface StreamTextOptions {
  readonly messages: readonly ChatMessage[];
  readonly signal?: AbortSignal;
  readonly maxTokens?: number;
  /**
   * A GBNF grammar the output must follow, where the provider can constrain decoding (the local
   * GGUF provider); providers that cannot ignore it, so what comes back is still verified as text.
   */
  readonly grammar?: string;
  /**
   * Called once the call finished, with the tokens the provider evaluated (prompt tokens it did not
   * find already cached) and generated; providers that cannot tell do not call it.
   */
  readonly onUsage?: (usage: TokenUsage) => void;
}

export interface TokenUsage {
  /** Prompt tokens evaluated for this call; a reused cache (a shared system prompt) is not counted. */
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  /** Text deltas in order; temperature 0 and a fixed seed where the provider allows, so runs repeat. */
  streamText(options: StreamTextOptions): AsyncIterable<string>;
}

/** Raised by providers for a failed call (unreachable endpoint, HTTP error, bad stream); the writer falls back. */
export class LanguageModelError extends Error {
  readonly code = "writer_failed";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LanguageModelError";
  }
}

/** Joins a stream into one string. */
export async function collectText(stream: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const delta of stream) text += delta;
  return text;
}
