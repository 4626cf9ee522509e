// `npm run bench:attack`: issue 11's attack on a real server with default limits. Each client sends
// 120 large but allowed /ask requests at once (999-character question, 7 history turns of ~7,900
// characters, topK 20; ~57 KB each) while a probe asks /healthz every 20 ms. Goals: /healthz p99
// under 100 ms, and every /ask answered or shed (503) within the request timeout.
//
//   npm run bench:attack -- [--clients 2] [--requests 120] [--checkout ../other-checkout]
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { attackRequest } from "../test/helpers/attack-request.ts";
import { percentile, startServer } from "./start-server.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "1" },
    requests: { type: "string", default: "120" },
    "probe-ms": { type: "string", default: "20" },
    /** Run the server from another checkout (a baseline's code); the attack is the same. */
    checkout: { type: "string" },
  },
});
const clients = Number(values.clients);
const perClient = Number(values.requests);
const probeMs = Number(values["probe-ms"]);
const TIMEOUT_MS = 15_000;
const HEALTHZ_P99_GOAL_MS = 100;

/**
 * Probes /healthz from a process of its own, so the attack client's work (sending 7 MB, reading
 * the answers) does not delay the probe's own event loop and inflate what it measures.
 */
async function startProber(url: string): Promise<{ stop: () => Promise<[at: number, ms: number][]> }> {
  const code = `
    const latencies = [];
    let running = true;
    process.stdin.on("end", () => { running = false; });
    process.stdin.resume();
    (async () => {
      // A first fetch loads undici and opens the connection: not part of what is measured.
      await fetch(${JSON.stringify(url)}).then((response) => response.arrayBuffer());
      process.stderr.write("probing\\n");
      while (running) {
        const started = performance.now();
        await fetch(${JSON.stringify(url)}).then((response) => response.arrayBuffer());
        latencies.push([performance.timeOrigin + started, performance.now() - started]);
        await new Promise((resolve) => setTimeout(resolve, ${probeMs}));
      }
      process.stdout.write(JSON.stringify(latencies));
    })();`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (data: Buffer) => {
    output += data.toString();
  });
  await new Promise((resolve) => child.stderr.once("data", resolve));
  return {
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve(JSON.parse(output) as [number, number][]));
        child.stdin.end();
      }),
  };
}

/**
 * CPU seconds the server's threads have used, from /proc (Linux): its event-loop thread and all
 * threads. Unlike latencies, these do not grow when other jobs share the cores.
 */
function threadCpu(pid: number): { loop: number; all: number } {
  const seconds = (task: string) => {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (1/100 s).
    const fields = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const tasks = readdirSync(`/proc/${pid}/task`);
  return { loop: seconds(String(pid)), all: tasks.reduce((sum, task) => sum + seconds(task), 0) };
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
const loadBefore = os.loadavg().map((value) => value.toFixed(1));
const server = await startServer({ environment: { RATE_LIMIT_PER_MINUTE: "0" }, checkout: values.checkout });
const bodies = Array.from({ length: clients * perClient }, (_, index) => JSON.stringify(attackRequest(index)));

const pid = server.child.pid as number;
const cpuBefore = threadCpu(pid);
const prober = await startProber(`${server.url}/healthz`);
const attackStarted = performance.now();
const attackStartedAt = performance.timeOrigin + attackStarted;
const outcomes = await Promise.all(
  bodies.map(async (body, index) => {
    const started = performance.now();
    const headers = { "content-type": "application/json", "x-request-id": `attack-${index}` };
    const response = await fetch(`${server.url}/ask`, { method: "POST", headers, body }).catch(() => undefined);
    await response?.arrayBuffer();
    return {
      id: `attack-${index}`,
      sentAt: performance.timeOrigin + started,
      status: response?.status ?? 0,
      ms: performance.now() - started,
    };
  }),
);
const attackMs = performance.now() - attackStarted;
const probes = await prober.stop();
const healthz = probes.map(([, ms]) => ms);
const slowest = [...probes].sort((a, b) => b[1] - a[1]).slice(0, 3);
const loadAfter = os.loadavg().map((value) => value.toFixed(1));
const cpuAfter = threadCpu(pid);
const metrics = await (await fetch(`${server.url}/metrics`)).text();
const lines = server
  .output()
  .split("\n")
  .filter((line) => line.includes('"route":"/ask"'))
  .map((line) => JSON.parse(line) as { requestId: string; time: string; durationMs: number });
const logged = lines.map((line) => line.durationMs);
// When the server began each request (its log time less its duration) against when the client sent it.
const sentAt = new Map(outcomes.map((outcome) => [outcome.id, outcome.sentAt]));
const arrivalDelays = lines.flatMap((line) => {
  const sent = sentAt.get(line.requestId);
  return sent === undefined ? [] : [Math.max(0, Date.parse(line.time) - line.durationMs - sent)];
});
await server.stop();

const statuses = new Map<number, number>();
for (const { status } of outcomes) statuses.set(status, (statuses.get(status) ?? 0) + 1);
const askMs = outcomes.map((outcome) => outcome.ms);
const metric = (name: string) => Number(metrics.match(new RegExp(`^xiperu_${name} (\\S+)$`, "m"))?.[1] ?? Number.NaN);
const row = (name: string, samples: number[]) =>
  `| ${name} | ${samples.length} | ${percentile(samples, 0.5).toFixed(1)} | ${percentile(samples, 0.99).toFixed(1)} | ${Math.max(...samples).toFixed(1)} |`;

console.log(`## Attack: ${clients} client(s) × ${perClient} large /ask requests at once, /healthz probed every ${probeMs} ms\n`);
console.log(`Machine: ${machine}. Load average (1, 5, 15 min) before: ${loadBefore.join(", ")}; after: ${loadAfter.join(", ")}.`);
console.log(
  `Server: ${values.checkout ?? "this checkout"}, default limits, rate limit off. Attack took ${(attackMs / 1000).toFixed(1)} s.\n`,
);
console.log("| what | samples | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |");
console.log(row("/healthz during the attack (client)", healthz));
console.log(row("/ask (client)", askMs));
console.log(row("/ask (server log durationMs)", logged));
console.log(row("/ask from the client's send to the server's start", arrivalDelays));
console.log(
  `\nslowest /healthz probes: ${slowest.map(([at, ms]) => `${ms.toFixed(0)} ms at ${((at - attackStartedAt) / 1000).toFixed(2)} s`).join(", ")}`,
);
console.log(`/ask statuses: ${[...statuses].map(([status, count]) => `${status || "network error"}: ${count}`).join(", ")}`);
const requests = clients * perClient;
console.log(
  `server CPU during the attack: event-loop thread ${((cpuAfter.loop - cpuBefore.loop) * 1000).toFixed(0)} ms (${(((cpuAfter.loop - cpuBefore.loop) * 1000) / requests).toFixed(1)} ms per /ask), all threads ${((cpuAfter.all - cpuBefore.all) * 1000).toFixed(0)} ms (${(((cpuAfter.all - cpuBefore.all) * 1000) / requests).toFixed(1)} ms per /ask)`,
);
console.log(
  `server: event-loop lag p99 ${(metric("nodejs_eventloop_lag_p99_seconds") * 1000).toFixed(0)} ms, max ${(metric("nodejs_eventloop_lag_max_seconds") * 1000).toFixed(0)} ms (since start-up); overload sheds ${metric("overload_shed_total")}`,
);
const failures = [
  ...(percentile(healthz, 0.99) >= HEALTHZ_P99_GOAL_MS
    ? [`/healthz p99 ${percentile(healthz, 0.99).toFixed(0)} ms ≥ ${HEALTHZ_P99_GOAL_MS} ms`]
    : []),
  ...(Math.max(...askMs) > TIMEOUT_MS ? [`an /ask took ${Math.max(...askMs).toFixed(0)} ms, past the ${TIMEOUT_MS} ms timeout`] : []),
  ...([...statuses.keys()].some((status) => ![200, 503, 504].includes(status)) ? ["an /ask ended other than 200, 503 or 504"] : []),
];
if (failures.length > 0) {
  console.log(`FAILED: ${failures.join("; ")}`);
  process.exitCode = 1;
} else console.log(`PASSED: /healthz p99 under ${HEALTHZ_P99_GOAL_MS} ms, every /ask answered or shed within ${TIMEOUT_MS / 1000} s`);
