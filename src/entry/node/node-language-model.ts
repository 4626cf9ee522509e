// Node adapter: the language model LLM names, or none when it is off.
import { ConfigError } from "../../errors.ts";
import type { LanguageModel } from "../../write/language-model.ts";
import { createOpenAiCompatibleModel } from "../../write/providers/openai-compatible-model.ts";
import type { WriterConfig } from "../../write/writer-config.ts";

export async function createNodeLanguageModel(config: WriterConfig): Promise<LanguageModel | undefined> {
  switch (config.kind) {
    case "off":
      return undefined;
    case "openai":
      return createOpenAiCompatibleModel({ baseUrl: config.baseUrl as string, model: config.model as string, apiKey: config.apiKey });
    case "local": {
      // Imported only when asked for: node-llama-cpp is an optional, separate install.
      const { createLocalGgufModel } = await import("../../write/providers/local-gguf-model.ts");
      return createLocalGgufModel({ modelPath: config.modelPath as string, threads: config.threads });
    }
    case "workers-ai":
      throw new ConfigError("LLM=workers-ai runs only in the Worker");
  }
}
