import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { DEFAULT_LOCAL_MODEL_PATH, readWriterConfig } from "../../src/write/writer-config.ts";

describe("readWriterConfig", () => {
  it("is off by default, with a 20 s timeout", () => {
    expect(readWriterConfig({})).toEqual({ kind: "off", timeoutMs: 20_000 });
  });

  it("reads the local model's path and threads", () => {
    expect(readWriterConfig({ LLM: "local" })).toEqual({ kind: "local", timeoutMs: 20_000, modelPath: DEFAULT_LOCAL_MODEL_PATH });
    expect(readWriterConfig({ LLM: "local", LLM_MODEL_PATH: "/m/x.gguf", LLM_THREADS: "2", LLM_TIMEOUT_MS: "5000" })).toEqual({
      kind: "local",
      timeoutMs: 5000,
      modelPath: "/m/x.gguf",
      threads: 2,
    });
  });

  it("reads an OpenAI-compatible endpoint", () => {
    expect(readWriterConfig({ LLM: "openai", LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_MODEL: "qwen2.5", LLM_API_KEY: "k" })).toEqual({
      kind: "openai",
      timeoutMs: 20_000,
      baseUrl: "http://127.0.0.1:11434/v1",
      model: "qwen2.5",
      apiKey: "k",
    });
  });

  it("refuses what cannot work with one clear line naming the setting", () => {
    const refused = (environment: Record<string, string>, runtime: "node" | "worker" = "node") => {
      try {
        readWriterConfig(environment, { runtime });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refused({ LLM: "gpt" })).toBe("LLM must be one of off, local, openai, workers-ai");
    expect(refused({ LLM: "openai", LLM_MODEL: "x" })).toMatch(/^LLM=openai needs LLM_BASE_URL/);
    expect(refused({ LLM: "openai", LLM_BASE_URL: "ftp://x", LLM_MODEL: "x" })).toBe("LLM_BASE_URL must be an http(s) URL");
    expect(refused({ LLM_TIMEOUT_MS: "soon" })).toBe("LLM_TIMEOUT_MS must be a positive whole number");
    expect(refused({ LLM: "workers-ai" })).toMatch(/only in the Worker/);
    expect(refused({ LLM: "local" }, "worker")).toMatch(/only under Node/);
    for (const message of [refused({ LLM: "gpt" }), refused({ LLM: "openai" })]) expect(message).not.toContain("\n");
  });
});
