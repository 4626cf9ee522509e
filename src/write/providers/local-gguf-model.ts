// Node only: a GGUF model run in-process by node-llama-cpp, which `npm run llm:install` puts in
// llm/node_modules (it is kept out of the default install: see the README). Not reachable from app.ts.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "../../errors.ts";
import { type LanguageModel, LanguageModelError, type StreamTextOptions } from "../language-model.ts";

/** The slice of node-llama-cpp 3.21 this adapter uses. */
interface NodeLlamaCpp {
  getLlama(options: { gpu: false; build: "never"; skipDownload: true; logLevel?: string; progressLogs?: boolean }): Promise<Llama>;
  LlamaChat: new (options: { contextSequence: unknown; autoDisposeSequence?: boolean }) => LlamaChat;
}
interface Llama {
  createGrammar(options: { grammar: string }): Promise<unknown>;
  loadModel(options: { modelPath: string }): Promise<{
    createContext(options: { contextSize: number; sequences: number; threads: number }): Promise<{ getSequence(): Sequence }>;
    tokenize(text: string): readonly number[];
  }>;
}
interface Sequence {
  readonly tokenMeter: { getState(): { usedInputTokens: number; usedOutputTokens: number } };
}
interface LlamaChat {
  generateResponse(
    history: readonly unknown[],
    options: {
      onTextChunk: (text: string) => void;
      signal?: AbortSignal;
      maxTokens?: number;
      temperature: number;
      seed: number;
      grammar?: unknown;
    },
  ): Promise<unknown>;
}

export const LLM_RUNTIME_DIR = "llm";
/** Room for the system prompt, six evidence sentences, a short history and the answer. */
const CONTEXT_SIZE = 2048;
/** One sequence per system prompt (answer, reader, rewrite), so each keeps its prompt's tokens cached. */
const SEQUENCES = 3;

/** Loads node-llama-cpp from llm/node_modules, or from the project's own node_modules if installed there. */
async function importNodeLlamaCpp(projectDir: string): Promise<NodeLlamaCpp> {
  const local = path.join(projectDir, LLM_RUNTIME_DIR, "node_modules", "node-llama-cpp", "dist", "index.js");
  const specifier = existsSync(local) ? pathToFileURL(local).href : "node-llama-cpp";
  try {
    return (await import(specifier)) as NodeLlamaCpp;
  } catch (error) {
    throw new ConfigError(`LLM=local needs node-llama-cpp: run "npm run llm:install" (${(error as Error).message.split("\n")[0]})`);
  }
}

/**
 * One model per process, loaded once (a cold load of the 1.5B model takes ~30 s), with one context
 * whose sequences are reused by every request, one per system prompt: requests queue, and each
 * prompt finds its system prompt's tokens (and any evidence it shares with the last) already
 * evaluated in the KV cache.
 */
export interface LocalGgufModel extends LanguageModel {
  /** Tokens the model's tokenizer makes of a text, for measuring prompt size. */
  countTokens(text: string): number;
}

export async function createLocalGgufModel(options: { modelPath: string; projectDir?: string; threads?: number }): Promise<LocalGgufModel> {
  const { modelPath, projectDir = process.cwd() } = options;
  if (!existsSync(modelPath))
    throw new ConfigError(`LLM_MODEL_PATH: no model file at ${modelPath}; run "npm run models:fetch" or point it at a GGUF file`);
  process.env.NODE_LLAMA_CPP_SKIP_DOWNLOAD = "true";
  const nodeLlamaCpp = await importNodeLlamaCpp(projectDir);
  const llama = await nodeLlamaCpp.getLlama({ gpu: false, build: "never", skipDownload: true, logLevel: "error", progressLogs: false });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({
    contextSize: CONTEXT_SIZE,
    sequences: SEQUENCES,
    threads: options.threads ?? defaultThreads(),
  });
  const chats = new Map<string, { chat: LlamaChat; sequence: Sequence }>();
  const chatFor = (systemPrompt: string): { chat: LlamaChat; sequence: Sequence } => {
    let chat = chats.get(systemPrompt);
    if (!chat) {
      // Past the last free sequence, prompts share the least recently added one.
      if (chats.size >= SEQUENCES) {
        const oldest = chats.keys().next().value as string;
        chat = chats.get(oldest) as { chat: LlamaChat; sequence: Sequence };
        chats.delete(oldest);
      } else {
        const sequence = context.getSequence();
        chat = { chat: new nodeLlamaCpp.LlamaChat({ contextSequence: sequence, autoDisposeSequence: false }), sequence };
      }
      chats.set(systemPrompt, chat);
    }
    return chat;
  };
  let queue: Promise<unknown> = Promise.resolve();
  // Grammars are compiled once each; the writer's few (one per evidence count) are reused.
  const grammars = new Map<string, Promise<unknown>>();
  const grammarFor = (text: string): Promise<unknown> => {
    let grammar = grammars.get(text);
    if (!grammar) {
      grammar = llama.createGrammar({ grammar: text });
      grammars.set(text, grammar);
    }
    return grammar;
  };

  return {
    provider: "local",
    modelId: path.basename(modelPath),
    countTokens: (text) => model.tokenize(text).length,
    async *streamText({ messages, signal, maxTokens, grammar, onUsage }: StreamTextOptions) {
      // A caller that stops reading early (the reader's line is complete) ends the generation too.
      const stopped = new AbortController();
      const generationSignal = signal ? AbortSignal.any([signal, stopped.signal]) : stopped.signal;
      const chunks: string[] = [];
      let wake: (() => void) | undefined;
      let finished = false;
      let failure: unknown;
      const history = [
        ...messages.map((message) =>
          message.role === "assistant" ? { type: "model", response: [message.content] } : { type: message.role, text: message.content },
        ),
        { type: "model", response: [] },
      ];
      const { chat, sequence } = chatFor(messages.find((message) => message.role === "system")?.content ?? "");
      const run = queue.then(async () => {
        generationSignal.throwIfAborted();
        const compiled = grammar === undefined ? undefined : await grammarFor(grammar);
        const before = sequence.tokenMeter.getState();
        await chat.generateResponse(history, {
          onTextChunk: (text) => {
            chunks.push(text);
            wake?.();
          },
          signal: generationSignal,
          maxTokens,
          temperature: 0,
          seed: 0,
          ...(compiled ? { grammar: compiled } : {}),
        });
        const after = sequence.tokenMeter.getState();
        onUsage?.({
          inputTokens: after.usedInputTokens - before.usedInputTokens,
          outputTokens: after.usedOutputTokens - before.usedOutputTokens,
        });
      });
      queue = run.catch(() => undefined);
      run.then(
        () => {
          finished = true;
          wake?.();
        },
        (error: unknown) => {
          failure = error;
          finished = true;
          wake?.();
        },
      );
      try {
        for (;;) {
          if (chunks.length > 0) {
            yield chunks.splice(0).join("");
            continue;
          }
          if (finished) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      } finally {
        if (!finished) stopped.abort();
      }
      if (failure !== undefined) {
        signal?.throwIfAborted();
        throw new LanguageModelError(`the local model failed: ${(failure as Error).message}`, { cause: failure });
      }
    },
  };
}

/**
 * Every core the machine has. On a quiet 2-core machine two threads halve the time to the first
 * verified sentence against one (bench/README.md, "Threads"). llama.cpp's threads spin while they
 * wait for each other, so where other work keeps the cores busy (tests run in parallel, other
 * services) more threads than free cores is far slower: set LLM_THREADS below the core count there.
 */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}
