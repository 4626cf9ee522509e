// `npm run bench:load`: a real server under 50 concurrent clients for 60 s of varied questions.
// Phase 1 (rate limit off): throughput, latency, errors, and memory after warm-up vs after the run.
// Phase 2 (default limit, 120/min per client): the limiter answers 429 and nothing else fails.
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "60" },
    warmup: { type: "string", default: "20" },
    "limited-duration": { type: "string", default: "10" },
    "chat-every": { type: "string", default: "5" },
    /** Keep the first server's JSON log lines (one per request) in this file. */
    "server-log": { type: "string" },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const limitedDuration = Number(values["limited-duration"]);
const chatEvery = Number(values["chat-every"]);

const QUESTIONS = [
  "When will the Chancay port be inaugurated?",
  "Who will inaugurate the port?",
  "What route will the port establish?",
  "How will the port change trade between South America and Asia?",
  "Which agreements are expected to be signed during the visit?",
  "What did the ambassador say about the free trade agreement?",
  "Why is Peru a gateway for South American trade?",
  "How long has China been Peru's largest trading partner?",
  "What is the APEC meeting about?",
  "Where is the APEC economic leaders' meeting held?",
  "What fields will the agreements cover?",
  "How many days will shipping from Shanghai take?",
  "What did Xi Jinping say about cooperation?",
  "Is the trade agreement being upgraded?",
  "What is the role of the Chinese ambassador?",
  "Who is the president of Peru?",
  "What will happen on Thursday?",
  "How does Chancay reduce dependence on intermediary routes?",
  "What investments are mentioned?",
  "Which ministries are involved?",
  "What is the capital of France?",
  "Who won the football world cup in 2022?",
  "How tall is Mount Everest?",
  "Tell me a joke about penguins.",
  "port inauguration date",
  "free trade agreement upgrade",
  "state visit Peru November 2024",
  "¿Cuándo se inaugura el puerto de Chancay?",
  "Chancay 港口什么时候启用？",
  "What did both presidents agree on regarding culture and education?",
];
const FOLLOW_UPS = [
  {
    history: [
      { role: "user", content: "Tell me about the Chancay port." },
      { role: "assistant", content: "The port will be inaugurated on Thursday." },
    ],
    question: "Who will attend?",
  },
  {
    history: [
      { role: "user", content: "What agreements will be signed?" },
      { role: "assistant", content: "Agreements in a range of fields." },
    ],
    question: "Which fields?",
  },
  { history: [{ role: "user", content: "What about trade?" }], question: "How long has that been the case?" },
];

/** A different body each time: plain questions, follow-ups with history, different topK, some off-topic. */
function nextBody(sequence: number): string {
  if (sequence % 5 === 4) return JSON.stringify(FOLLOW_UPS[sequence % FOLLOW_UPS.length]);
  const question = QUESTIONS[(sequence * 7) % QUESTIONS.length];
  return JSON.stringify(sequence % 3 === 0 ? { question, topK: 1 + (sequence % 10) } : { question });
}

async function startServer(environment: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
    env: { ...process.env, PORT: "0", LOG_FORMAT: "json", ...environment },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let head = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (head.length < 100_000) head += chunk.toString();
      if (environment.SERVER_LOG) appendFileSync(environment.SERVER_LOG, chunk);
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(head);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  for (;;) {
    if ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resident memory of the server process, from the kernel (MiB). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

function run(url: string, seconds: number): Promise<autocannon.Result> {
  let sequence = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: "/ask",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => {
          sequence += 1;
          // One request in `chatEvery` streams through /chat, the widget's route.
          return { ...request, path: chatEvery > 0 && sequence % chatEvery === 0 ? "/chat" : "/ask", body: nextBody(sequence) };
        },
      },
    ],
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));
const stopServer = (child: ChildProcess) => new Promise<void>((resolve) => child.once("exit", () => resolve()).kill("SIGTERM"));

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
const loadBefore = os.loadavg()[0]?.toFixed(1);

const open = await startServer({ RATE_LIMIT_PER_MINUTE: "0", ...(values["server-log"] ? { SERVER_LOG: values["server-log"] } : {}) });
const pid = open.child.pid as number;
const rssStart = rssMiB(pid);
await run(open.url, warmup);
await settle();
const rssWarm = rssMiB(pid);
const result = await run(open.url, duration);
await settle();
const rssAfter = rssMiB(pid);
const serverMetrics = await (await fetch(`${open.url}/metrics`)).text();
await stopServer(open.child);

const limited = await startServer({});
const limitedResult = await run(limited.url, limitedDuration);
await stopServer(limited.child);

const statuses = (outcome: autocannon.Result) =>
  Object.entries((outcome as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
    .map(([status, { count }]) => `${status}: ${count}`)
    .join(", ");
const growth = (rssAfter - rssWarm) / rssWarm;
const unexpected = result.errors + result.timeouts + result.non2xx;
const limitedOther = limitedResult.errors + limitedResult.timeouts;
const limitedCodes = Object.keys((limitedResult as autocannon.Result & { statusCodeStats?: object }).statusCodeStats ?? {});

console.log(`machine: ${machine}; 1-min load average before the run: ${loadBefore}`);
console.log(`| phase | connections | seconds | requests | req/s | p50 ms | p99 ms | max ms | statuses | errors+timeouts |`);
console.log(`|---|---|---|---|---|---|---|---|---|---|`);
for (const [name, outcome, seconds] of [
  ["rate limit off", result, duration],
  ["limit 120/min/client", limitedResult, limitedDuration],
] as const) {
  console.log(
    `| ${name} | ${connections} | ${seconds} | ${outcome.requests.total} | ${outcome.requests.average.toFixed(0)} | ${outcome.latency.p50} | ${outcome.latency.p99} | ${outcome.latency.max} | ${statuses(outcome)} | ${outcome.errors + outcome.timeouts} |`,
  );
}
const metric = (name: string) => Number(serverMetrics.match(new RegExp(`^xiperu_${name} (\\S+)$`, "m"))?.[1] ?? Number.NaN);
console.log(
  `server event-loop lag (prom-client): p99 ${(metric("nodejs_eventloop_lag_p99_seconds") * 1000).toFixed(0)} ms, max ${(metric("nodejs_eventloop_lag_max_seconds") * 1000).toFixed(0)} ms; overload sheds: ${metric("overload_shed_total")}`,
);
console.log(
  `RSS MiB: start ${rssStart.toFixed(1)}, after ${warmup} s warm-up ${rssWarm.toFixed(1)}, after the ${duration} s run ${rssAfter.toFixed(1)} (${(growth * 100).toFixed(1)}%)`,
);
const failures = [
  ...(unexpected > 0 ? [`${unexpected} errors, timeouts or non-2xx answers with the limit off`] : []),
  ...(limitedOther > 0 || limitedCodes.some((code) => code !== "200" && code !== "429")
    ? ["the limited run had failures other than 429"]
    : []),
  ...(!limitedCodes.includes("429") ? ["the limited run never answered 429"] : []),
  ...(growth > 0.1 ? [`RSS grew ${(growth * 100).toFixed(1)}% after warm-up (limit 10%)`] : []),
];
if (failures.length > 0) {
  console.log(`FAILED: ${failures.join("; ")}`);
  process.exitCode = 1;
} else console.log("PASSED: zero errors besides 429s, RSS within 10% of warm-up");
