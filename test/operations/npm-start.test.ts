// What a newcomer meets at `npm start`: signals reach the server, and a bad setting is one readable line.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("npm start", () => {
  it("stops the server on SIGTERM: the signal reaches it, it drains and the port closes", async () => {
    const child = spawn(NPM, ["start", "--silent"], {
      env: { ...process.env, PORT: "0", LOG_FORMAT: "json", INDEX_WATCH_MS: "0" },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so the test can clean up whatever is left if the signal does not work.
      detached: true,
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
          if (match?.[1]) {
            clearInterval(timer);
            resolve(match[1]);
          }
        }, 50);
        child.once("exit", (code) => {
          clearInterval(timer);
          reject(new Error(`npm start exited with ${code}:\n${output}`));
        });
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      child.kill("SIGTERM");
      const outcome = await Promise.race([exited(child), new Promise((resolve) => setTimeout(() => resolve("still running"), 15_000))]);
      expect(outcome).not.toBe("still running");
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      // Anything left over (the server, when signals do not reach it) goes with the group.
      if (child.pid) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // The group is already gone.
        }
      }
    }
  }, 90_000);
});

describe("a configuration error at start-up", () => {
  it("is one readable line naming the variable, with no stack trace", async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "src/entry/node.ts"],
        {
          env: { ...process.env, PORT: "0", SLACK_SIGNING_SECRET: "test-signing-secret-0123456789", SLACK_BOT_TOKEN: "" },
          timeout: 60_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([
      "Configuration error: SLACK_BOT_TOKEN must be set when SLACK_SIGNING_SECRET is set (the bot posts answers with it)",
    ]);
    expect(result.stdout).toBe("");
  }, 90_000);
});
