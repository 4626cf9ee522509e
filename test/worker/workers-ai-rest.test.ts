// Shapes from Cloudflare's documentation: POST /client/v4/accounts/{account_id}/ai/run/{model} with a JSON
// body of the model's input, answered with the API envelope { result, success, errors, messages }
// (https://developers.cloudflare.com/workers-ai/models/bge-small-en-v1.5/, /workers-ai/workers-ai-errors/).
import { describe, expect, it } from "vitest";
import { UpstreamServiceError } from "../../src/cloudflare/upstream-error.ts";
import { createWorkersAiEmbedder } from "../../src/embed/workers-ai-embedder.ts";
import { createWorkersAiRestClient } from "../../src/embed/workers-ai-rest.ts";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const MODEL = "@cf/baai/bge-small-en-v1.5";

interface Recorded {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  body: unknown;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function success(texts: readonly string[]): Response {
  const data = texts.map((_, row) => Array.from({ length: 384 }, (_, column) => (column === row ? 0.5 : 0)));
  return json(200, { result: { shape: [texts.length, 384], data }, success: true, errors: [], messages: [] });
}

/** A fetch that answers from a script of responses, recording each request. */
function scriptedFetch(answers: Array<(body: { text: string[] }) => Response | Promise<Response>>) {
  const requests: Recorded[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { text: string[] };
    requests.push({ url: String(input), method: init?.method, headers: init?.headers as Record<string, string>, body });
    const answer = answers.shift();
    if (!answer) throw new Error("no more scripted answers");
    return answer(body);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const noSleep = async () => {};

describe("Workers AI REST client", () => {
  it("posts the model input to the account's ai/run URL with the token and unwraps result", async () => {
    const { fetch, requests } = scriptedFetch([(body) => success(body.text)]);
    const ai = createWorkersAiRestClient({ accountId: ACCOUNT, apiToken: "secret-token", fetch });
    const vectors = await createWorkersAiEmbedder({ ai }).embed(["first", "second"], "passage");
    expect(requests).toEqual([
      {
        url: `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/ai/run/@cf/baai/bge-small-en-v1.5`,
        method: "POST",
        headers: { Authorization: "Bearer secret-token", "Content-Type": "application/json" },
        body: { text: ["first", "second"], pooling: "mean" },
      },
    ]);
    expect(vectors.map((vector) => vector.indexOf(1))).toEqual([0, 1]);
  });

  it("reports the API's errors without retrying a refusal such as a bad token", async () => {
    const { fetch, requests } = scriptedFetch([
      () => json(401, { result: null, success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [] }),
    ]);
    const ai = createWorkersAiRestClient({ accountId: ACCOUNT, apiToken: "wrong", fetch, sleep: noSleep });
    const failure = await ai.run(MODEL, { text: ["x"], pooling: "mean" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamServiceError);
    expect((failure as Error).message).toBe("Workers AI REST API: HTTP 401: 10000: Authentication error");
    expect(requests).toHaveLength(1);
    expect((failure as Error).message).not.toContain("wrong");
  });

  it("treats success: false in a 200 envelope as a failure", async () => {
    const { fetch } = scriptedFetch([
      () => json(200, { result: {}, success: false, errors: [{ code: 5007, message: "No such model" }], messages: [] }),
    ]);
    const ai = createWorkersAiRestClient({ accountId: ACCOUNT, apiToken: "t", fetch, sleep: noSleep });
    await expect(ai.run(MODEL, { text: ["x"], pooling: "mean" })).rejects.toThrow("HTTP 200: 5007: No such model");
  });

  it("retries rate limiting, server errors and network failures, pausing longer each time", async () => {
    const pauses: number[] = [];
    const { fetch, requests } = scriptedFetch([
      () => json(429, { result: null, success: false, errors: [{ code: 3040, message: "Out of capacity" }], messages: [] }),
      () => Promise.reject(new TypeError("fetch failed")),
      (body) => success(body.text),
    ]);
    const ai = createWorkersAiRestClient({
      accountId: ACCOUNT,
      apiToken: "t",
      fetch,
      attempts: 3,
      sleep: async (ms) => void pauses.push(ms),
    });
    const result = (await ai.run(MODEL, { text: ["x"], pooling: "mean" })) as { shape: number[] };
    expect(result.shape).toEqual([1, 384]);
    expect(requests).toHaveLength(3);
    expect(pauses).toEqual([1000, 2000]);
  });

  it("gives up after the last attempt with the last error", async () => {
    const { fetch, requests } = scriptedFetch([
      () => new Response("<html>bad gateway</html>", { status: 502 }),
      () => new Response("<html>bad gateway</html>", { status: 502 }),
    ]);
    const ai = createWorkersAiRestClient({ accountId: ACCOUNT, apiToken: "t", fetch, attempts: 2, sleep: noSleep });
    await expect(ai.run(MODEL, { text: ["x"], pooling: "mean" })).rejects.toThrow("HTTP 502, body is not JSON");
    expect(requests).toHaveLength(2);
  });

  it("refuses an account id or model name that would change the URL", async () => {
    const { fetch, requests } = scriptedFetch([]);
    expect(() => createWorkersAiRestClient({ accountId: "../../zones", apiToken: "t", fetch })).toThrow(TypeError);
    expect(() => createWorkersAiRestClient({ accountId: ACCOUNT, apiToken: " ", fetch })).toThrow(TypeError);
    const ai = createWorkersAiRestClient({ accountId: ACCOUNT, apiToken: "t", fetch });
    await expect(ai.run("@cf/../..", { text: ["x"], pooling: "mean" })).rejects.toThrow(TypeError);
    await expect(ai.run("@cf/../../zones", { text: ["x"], pooling: "mean" })).rejects.toThrow(TypeError);
    expect(requests).toHaveLength(0);
  });
});
