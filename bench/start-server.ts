// A real server (`npm start`'s entry) on a random port for the benchmarks, from this checkout or
// another one (to measure a baseline's code on the same machine side by side).
import { type ChildProcess, spawn } from "node:child_process";

export async function startServer(options: { environment?: Record<string, string>; checkout?: string } = {}): Promise<{
  child: ChildProcess;
  url: string;
  /** What the server wrote to stdout so far (JSON log lines). */
  output: () => string;
  stop: () => Promise<void>;
}> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
    cwd: options.checkout ?? process.cwd(),
    env: { ...process.env, PORT: "0", LOG_FORMAT: "json", ...options.environment },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  for (;;) {
    if ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { child, url, output: () => output, stop };
}

export function percentile(values: readonly number[], quantile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? 0;
}
