import { DEFAULT_WORKERS_AI_MODEL, workersAiModel } from "../../embed/workers-ai-embedder.ts";
import { ConfigError } from "../../errors.ts";
import { parseAllowedHosts, parseAllowedOrigins } from "../../web/web-config.ts";
import { readWriterConfig, type WriterConfig } from "../../write/writer-config.ts";

/** Settings of the Worker, from the `[vars]` of wrangler.toml. */
export interface WorkerConfig {
  /** Workers AI model that embeds questions; must be the model the bundled vectors were built with. */
  readonly embedModel: string;
  /** `vectorize`: chunk search in the VECTORIZE index. `flat`: exact search over the bundled vectors, no Vectorize needed. */
  readonly vectorSearch: "vectorize" | "flat";
  readonly allowedOrigins: readonly string[] | undefined;
  /** Unset: any. Cloudflare only routes the Worker's own hostnames to it, so DNS rebinding cannot reach it under another. */
  readonly allowedHosts: readonly string[] | undefined;
  /** LLM=workers-ai (the AI binding) or openai (an endpoint over fetch); off by default. */
  readonly writer: WriterConfig;
}

/** Vars are strings in wrangler.toml, but `[vars]` also allows other JSON values: anything else is refused. */
export function readWorkerConfig(vars: Readonly<Record<string, unknown>>): WorkerConfig {
  const text = (name: string): string | undefined => {
    const value = vars[name];
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "string") throw new ConfigError(`${name} must be a string in [vars]`);
    return value.trim();
  };
  const embedModel = text("EMBED_MODEL") ?? DEFAULT_WORKERS_AI_MODEL;
  workersAiModel(embedModel);
  const vectorSearch = text("VECTOR_SEARCH") ?? "vectorize";
  if (vectorSearch !== "vectorize" && vectorSearch !== "flat") throw new ConfigError("VECTOR_SEARCH must be vectorize or flat");
  const writerNames = ["LLM", "LLM_MODEL", "LLM_BASE_URL", "LLM_API_KEY", "LLM_TIMEOUT_MS"];
  const writer = readWriterConfig(Object.fromEntries(writerNames.map((name) => [name, text(name)])), { runtime: "worker" });
  return {
    embedModel,
    vectorSearch,
    allowedOrigins: parseAllowedOrigins(text("ALLOWED_ORIGINS")),
    allowedHosts: parseAllowedHosts(text("ALLOWED_HOSTS")),
    writer,
  };
}
