import { ConfigError } from "../../errors.ts";
import { readWriterConfig, type WriterConfig } from "../../write/writer-config.ts";

/** Settings read once at an entry point and passed down. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly corpusDir: string;
  readonly indexDir: string;
  readonly modelsDir: string;
  readonly embedModel: string;
  readonly allowRemoteModels: boolean;
  /** The language model that writes answers (LLM=off: extractive answers). */
  readonly writer: WriterConfig;
  /** Worker threads that run the embedding model for questions; undefined: one per core. */
  readonly inferenceThreads: number | undefined;
}

/** Multilingual (English, Spanish, Chinese and ~100 more); `sentence-transformers/all-MiniLM-L6-v2` stays selectable for English-only corpora. */
export const DEFAULT_EMBED_MODEL = "intfloat/multilingual-e5-small";

type Environment = Readonly<Record<string, string | undefined>>;

/** Explicit value first, then the environment variable, then the default. */
export function readConfig(environment: Environment, overrides: Partial<Config> = {}): Config {
  return {
    port: overrides.port ?? readPort(environment),
    host: overrides.host ?? environment.HOST ?? "127.0.0.1",
    corpusDir: overrides.corpusDir ?? environment.CORPUS_DIR ?? "corpus",
    indexDir: overrides.indexDir ?? environment.INDEX_DIR ?? "index",
    modelsDir: overrides.modelsDir ?? environment.MODELS_DIR ?? "models",
    embedModel: overrides.embedModel ?? environment.EMBED_MODEL ?? DEFAULT_EMBED_MODEL,
    allowRemoteModels: overrides.allowRemoteModels ?? readFlag(environment, "ALLOW_REMOTE_MODELS"),
    writer: overrides.writer ?? readWriterConfig(environment, { runtime: "node" }),
    inferenceThreads: overrides.inferenceThreads ?? readThreads(environment),
  };
}

function readPort(environment: Environment): number {
  const raw = environment.PORT;
  if (raw === undefined || raw === "") return 8787;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be an integer from 0 to 65535 (got a value of ${raw.length} characters)`);
  return port;
}

function readThreads(environment: Environment): number | undefined {
  const raw = environment.INFERENCE_THREADS?.trim();
  if (raw === undefined || raw === "") return undefined;
  const threads = Number(raw);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new ConfigError("INFERENCE_THREADS must be an integer from 1 to 64");
  return threads;
}

function readFlag(environment: Environment, name: string): boolean {
  const raw = (environment[name] ?? "").trim().toLowerCase();
  if (raw === "" || raw === "0" || raw === "false" || raw === "no") return false;
  if (raw === "1" || raw === "true" || raw === "yes") return true;
  throw new ConfigError(`${name} must be 1 or 0`);
}
