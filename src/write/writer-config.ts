import { ConfigError } from "../errors.ts";
import { DEFAULT_WRITER_TIMEOUT_MS } from "./writing-answerer.ts";

export const WRITER_KINDS = ["off", "local", "openai", "workers-ai"] as const;
export type WriterKind = (typeof WRITER_KINDS)[number];

/** Where the fetch script puts the quality model (scripts/fetch-models.py qwen). */
export const DEFAULT_LOCAL_MODEL_PATH = "models/llm/Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf";

/** Which language model writes answers, read once at an entry from LLM and its companions. */
export interface WriterConfig {
  readonly kind: WriterKind;
  readonly timeoutMs: number;
  /** local: the GGUF file and the threads llama.cpp uses (default: every core the machine has). */
  readonly modelPath?: string;
  readonly threads?: number;
  /** openai: the endpoint and model; workers-ai: the model. */
  readonly baseUrl?: string;
  readonly model?: string;
  readonly apiKey?: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

export function readWriterConfig(environment: Environment, options: { runtime: "node" | "worker" } = { runtime: "node" }): WriterConfig {
  const value = (name: string) => {
    const raw = environment[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  const kind = (value("LLM") ?? "off").toLowerCase();
  if (!(WRITER_KINDS as readonly string[]).includes(kind)) throw new ConfigError(`LLM must be one of ${WRITER_KINDS.join(", ")}`);
  const timeoutMs = readPositiveInteger(value("LLM_TIMEOUT_MS"), "LLM_TIMEOUT_MS", DEFAULT_WRITER_TIMEOUT_MS);
  switch (kind as WriterKind) {
    case "off":
      return { kind: "off", timeoutMs };
    case "local": {
      if (options.runtime === "worker") throw new ConfigError("LLM=local runs only under Node; in the Worker use workers-ai or openai");
      const threads = value("LLM_THREADS");
      return {
        kind: "local",
        timeoutMs,
        modelPath: value("LLM_MODEL_PATH") ?? DEFAULT_LOCAL_MODEL_PATH,
        ...(threads ? { threads: readPositiveInteger(threads, "LLM_THREADS", 1) } : {}),
      };
    }
    case "openai": {
      const baseUrl = value("LLM_BASE_URL");
      const model = value("LLM_MODEL");
      if (!baseUrl || !model) throw new ConfigError("LLM=openai needs LLM_BASE_URL (such as http://127.0.0.1:11434/v1) and LLM_MODEL");
      if (!/^https?:\/\/[^\s]+$/i.test(baseUrl)) throw new ConfigError("LLM_BASE_URL must be an http(s) URL");
      const apiKey = value("LLM_API_KEY");
      return { kind: "openai", timeoutMs, baseUrl, model, ...(apiKey ? { apiKey } : {}) };
    }
    case "workers-ai": {
      if (options.runtime === "node")
        throw new ConfigError("LLM=workers-ai runs only in the Worker (it needs the AI binding); under Node use local or openai");
      const model = value("LLM_MODEL");
      return { kind: "workers-ai", timeoutMs, ...(model ? { model } : {}) };
    }
  }
}

function readPositiveInteger(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 1) throw new ConfigError(`${name} must be a positive whole number`);
  return parsed;
}
