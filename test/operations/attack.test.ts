// Issue 11's attack on a real server (child process, real model, default limits): 120 large but
// allowed /ask requests at once. Before inference moved to worker threads, /healthz waited seconds
// behind them and no request was ever shed or timed out; bench/attack.ts measures the latencies.
import { afterAll, describe, expect, it } from "vitest";
import { attackRequest } from "../helpers/attack-request.ts";
import { logLines, startChildServer, stop, waitUntil } from "../helpers/child-server.ts";

const ATTACK_REQUESTS = 120;
const THREADS = 2;
let child: Parameters<typeof stop>[0] | undefined;
afterAll(async () => {
  if (child) await stop(child);
});

function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("the large-request attack", () => {
  it("keeps /healthz answering while every model thread computes, and each /ask answers, sheds with 503 or times out with 504", async () => {
    const server = await startChildServer({ RATE_LIMIT_PER_MINUTE: "0", INFERENCE_THREADS: String(THREADS) });
    child = server.child;
    await waitUntil(async () => ((await fetch(`${server.url}/readyz`)).ok ? true : undefined), { what: "ready", timeoutMs: 60_000 });

    const bodies = Array.from({ length: ATTACK_REQUESTS }, (_, index) => JSON.stringify(attackRequest(index)));
    expect(Math.min(...bodies.map((body) => body.length))).toBeGreaterThan(55_000);
    let attacking = true;
    const probes: { health: number; busyThreads: number | undefined; waitingAnswers: number | undefined }[] = [];
    const probing = (async () => {
      while (attacking) {
        const health = (await fetch(`${server.url}/healthz`)).status;
        const metrics = await (await fetch(`${server.url}/metrics`)).text();
        probes.push({
          health,
          busyThreads: sample(metrics, 'xiperu_queue_busy{queue="inference"}'),
          waitingAnswers: sample(metrics, 'xiperu_queue_waiting{queue="answers"}'),
        });
      }
    })();
    const outcomes = await Promise.all(
      bodies.map(async (body) => {
        const response = await fetch(`${server.url}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body });
        return {
          status: response.status,
          retryAfter: response.headers.get("retry-after"),
          body: (await response.json()) as Record<string, unknown>,
        };
      }),
    );
    attacking = false;
    await probing;

    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((probe) => probe.health === 200)).toBe(true);
    // The server answered HTTP while every model thread was computing and answers stood in the queue.
    expect(probes.some((probe) => probe.busyThreads === THREADS && (probe.waitingAnswers ?? 0) > 0)).toBe(true);

    for (const outcome of outcomes) {
      if (outcome.status === 200) expect(outcome.body.timings).toMatchObject({ queueMs: expect.any(Number), totalMs: expect.any(Number) });
      else if (outcome.status === 503) {
        expect(outcome.body).toEqual({ error: { code: "overloaded", message: expect.any(String) } });
        expect(Number(outcome.retryAfter)).toBeGreaterThanOrEqual(1);
      } else
        expect({ status: outcome.status, body: outcome.body }).toEqual({
          status: 504,
          body: { error: { code: "timeout", message: expect.any(String) } },
        });
    }

    // Every /ask is in the log with its status, and answered ones with their queue wait.
    type Line = { msg: string; route?: string; status?: number; durationMs?: number; timings?: { queueMs: number } };
    const askLines = await waitUntil(
      async () => {
        const lines = logLines<Line>(server.output()).filter((line) => line.msg === "request" && line.route === "/ask");
        return lines.length >= ATTACK_REQUESTS ? lines : undefined;
      },
      { what: "every /ask in the server's log" },
    );
    expect(askLines).toHaveLength(ATTACK_REQUESTS);
    for (const line of askLines.filter((candidate) => candidate.status === 200)) {
      expect((line.durationMs ?? 0) + 1).toBeGreaterThanOrEqual(line.timings?.queueMs ?? Number.POSITIVE_INFINITY);
    }
    const after = await fetch(`${server.url}/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"question":"When will the port be inaugurated?"}',
    });
    expect(after.status).toBe(200);
  }, 180_000);
});
