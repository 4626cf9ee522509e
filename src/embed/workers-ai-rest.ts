import { UpstreamServiceError } from "../cloudflare/upstream-error.ts";
import type { WorkersAi } from "./workers-ai-embedder.ts";

const SERVICE = "Workers AI REST API";
const MODEL_NAME = /^@cf\/[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/i;

export interface WorkersAiRestOptions {
  readonly accountId: string;
  readonly apiToken: string;
  /** Injected in tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** Tries per call; 429, 5xx and network failures are retried after a growing pause. */
  readonly attempts?: number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly timeoutMs?: number;
}

interface Envelope {
  success?: unknown;
  result?: unknown;
  errors?: Array<{ code?: unknown; message?: unknown }>;
}

/**
 * Workers AI over `POST /client/v4/accounts/{account}/ai/run/{model}`, shaped like the `env.AI`
 * binding so the same embedder runs in Node (building the Worker's index) and in the Worker.
 */
export function createWorkersAiRestClient(options: WorkersAiRestOptions): WorkersAi {
  const { accountId, apiToken, attempts = 3, timeoutMs = 60_000 } = options;
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  if (!/^[0-9a-f]{32}$/i.test(accountId)) throw new TypeError("CLOUDFLARE_ACCOUNT_ID must be the 32 hexadecimal digits of an account id");
  if (apiToken.trim() === "") throw new TypeError("CLOUDFLARE_API_TOKEN is empty");

  const callOnce = async (model: string, inputs: unknown): Promise<{ retry: boolean; result?: unknown; error?: UpstreamServiceError }> => {
    let response: Response;
    try {
      response = await fetchImplementation(`https://api.cloudflare.com/client/v4/accounts/${accountId}/ai/run/${model}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${apiToken}`, "Content-Type": "application/json" },
        body: JSON.stringify(inputs),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const message = `request failed: ${error instanceof Error ? error.message : String(error)}`;
      return { retry: true, error: new UpstreamServiceError({ service: SERVICE, message, cause: error }) };
    }
    const retry = response.status === 429 || response.status >= 500;
    let envelope: Envelope;
    try {
      envelope = (await response.json()) as Envelope;
    } catch (error) {
      return {
        retry,
        error: new UpstreamServiceError({ service: SERVICE, message: `HTTP ${response.status}, body is not JSON`, cause: error }),
      };
    }
    if (!response.ok || envelope?.success !== true) {
      return {
        retry,
        error: new UpstreamServiceError({ service: SERVICE, message: `HTTP ${response.status}: ${describeErrors(envelope)}` }),
      };
    }
    return { retry: false, result: envelope.result };
  };

  return {
    async run(model, inputs) {
      if (!MODEL_NAME.test(model)) throw new TypeError("a Workers AI model name looks like @cf/<author>/<model>");
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await callOnce(model, inputs);
        if (!outcome.error) return outcome.result;
        if (!outcome.retry || attempt >= attempts) throw outcome.error;
        await sleep(1000 * 2 ** (attempt - 1));
      }
    },
  };
}

function describeErrors(envelope: Envelope | undefined): string {
  const errors = Array.isArray(envelope?.errors) ? envelope.errors : [];
  const described = errors.map((error) => `${String(error.code ?? "no code")}: ${String(error.message ?? "no message")}`);
  return described.length > 0 ? described.join("; ") : "no error details";
}
