// Node: picks how `npm run index:worker` embeds with the Worker's model.
import { access } from "node:fs/promises";
import path from "node:path";
import type { Embedder } from "../embed/embedder.ts";
import { createTransformersEmbedder } from "../embed/transformers-embedder.ts";
import { createWorkersAiEmbedder, workersAiModel } from "../embed/workers-ai-embedder.ts";
import { createWorkersAiRestClient } from "../embed/workers-ai-rest.ts";

export interface BundleEmbedderChoice {
  /** Undefined: nothing here can run the Worker's model; the bundle keeps the local vectors. */
  readonly embedder: Embedder | undefined;
  /** One line for the operator: what embeds, or why nothing does. */
  readonly description: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The Workers AI REST API when CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN are set; else a local
 * copy of the same weights under `modelsDir` (Hugging Face layout), run with the same mean pooling;
 * else nothing.
 */
export async function chooseBundleEmbedder(options: {
  workerModel: string;
  environment: Environment;
  modelsDir: string;
  fetch?: typeof fetch;
}): Promise<BundleEmbedderChoice> {
  const { workerModel, environment, modelsDir } = options;
  const { huggingFaceId, pooling } = workersAiModel(workerModel);
  const accountId = environment.CLOUDFLARE_ACCOUNT_ID?.trim();
  const apiToken = environment.CLOUDFLARE_API_TOKEN?.trim();
  if (accountId || apiToken) {
    if (!accountId || !apiToken) throw new Error("set both CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN, or neither");
    const ai = createWorkersAiRestClient({ accountId, apiToken, fetch: options.fetch });
    return {
      embedder: createWorkersAiEmbedder({ ai, modelId: workerModel }),
      description: `embedding with ${workerModel} through the Workers AI REST API`,
    };
  }
  const localDir = path.join(modelsDir, huggingFaceId);
  if (await exists(path.join(localDir, "config.json"))) {
    const local = await createTransformersEmbedder({ modelsDir, modelId: huggingFaceId });
    if (local.pooling !== pooling)
      throw new Error(`the local embedder pools by ${local.pooling}, Workers AI's ${workerModel} by ${pooling}`);
    // Same weights and pooling as Workers AI runs: the vectors live in the Worker model's space.
    const embedder: Embedder = {
      modelId: workerModel,
      dimensions: local.dimensions,
      pooling: local.pooling,
      normalized: local.normalized,
      embed: (texts, purpose) => local.embed(texts, purpose),
    };
    return { embedder, description: `embedding with ${workerModel} from the local copy in ${localDir}` };
  }
  return {
    embedder: undefined,
    description: `keeping the local index's vectors: CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN are not set and ${localDir} does not exist`,
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
