/** The `data:` payloads of a Server-Sent Events byte stream, in order, as they arrive. */
export async function* serverSentData(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let boundary = buffer.indexOf("\n\n");
      while (boundary >= 0) {
        const data = dataOf(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
        if (data !== undefined) yield data;
        boundary = buffer.indexOf("\n\n");
      }
    }
    signal?.throwIfAborted();
    const rest = dataOf(buffer + decoder.decode());
    if (rest !== undefined) yield rest;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}

function dataOf(block: string): string | undefined {
  const lines = block.split("\n").filter((line) => line.startsWith("data:"));
  if (lines.length === 0) return undefined;
  return lines.map((line) => line.slice(line.startsWith("data: ") ? 6 : 5)).join("\n");
}

/**
 * The text deltas of a streamed chat completion: each `data:` payload through `parseDelta`, up to
 * `[DONE]`; empty deltas are skipped.
 */
export async function* streamedDeltas(options: {
  body: ReadableStream<Uint8Array>;
  signal?: AbortSignal;
  parseDelta: (data: string) => string | undefined;
}): AsyncGenerator<string> {
  const { body, signal, parseDelta } = options;
  for await (const data of serverSentData(body, signal)) {
    if (data.trim() === "[DONE]") return;
    const delta = parseDelta(data);
    if (delta) yield delta;
  }
}

/** What every provider asks for: a stream, temperature 0 and a fixed seed so evals repeat, and the token cap if any. */
export function streamedGenerationSettings(maxTokens: number | undefined): Record<string, unknown> {
  return { stream: true, temperature: 0, seed: 0, ...(maxTokens ? { max_tokens: maxTokens } : {}) };
}
