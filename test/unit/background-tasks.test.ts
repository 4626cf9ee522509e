import { describe, expect, it } from "vitest";
import { BackgroundTasks } from "../../src/background-tasks.ts";

function recordingLogger() {
  const lines: Array<{ message: string; details?: Record<string, unknown> }> = [];
  return { lines, error: (message: string, details?: Record<string, unknown>) => lines.push({ message, details }) };
}

// The queue ignores the request context; the Worker's defer is the one that needs it.
const context = {} as Parameters<BackgroundTasks["defer"]>[1];

describe("BackgroundTasks", () => {
  it("runs at most `concurrency` tasks at once and resolves idle() when all are done", async () => {
    const tasks = new BackgroundTasks({ logger: recordingLogger(), concurrency: 2 });
    let running = 0;
    let peak = 0;
    const finished: number[] = [];
    for (let index = 0; index < 6; index++) {
      tasks.defer(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        finished.push(index);
      }, context);
    }
    await tasks.idle();
    expect(peak).toBe(2);
    expect(finished.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("logs a failing task (thrown or rejected) and keeps going", async () => {
    const logger = recordingLogger();
    const tasks = new BackgroundTasks({ logger });
    let ran = false;
    tasks.defer(() => {
      throw new Error("sync boom");
    }, context);
    tasks.defer(() => Promise.reject(Object.assign(new Error("async boom"), { code: "slack_webapi_platform_error" })), context);
    tasks.defer(async () => {
      ran = true;
    }, context);
    await tasks.idle();
    expect(ran).toBe(true);
    expect(logger.lines).toEqual([
      { message: "background task failed", details: { error: "sync boom" } },
      { message: "background task failed", details: { error: "async boom", code: "slack_webapi_platform_error" } },
    ]);
  });

  it("drops and logs work beyond maxQueued instead of growing without bound", async () => {
    const logger = recordingLogger();
    const tasks = new BackgroundTasks({ logger, concurrency: 1, maxQueued: 1 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const task = async () => {
      runs++;
      await gate;
    };
    tasks.defer(task, context); // running
    tasks.defer(task, context); // queued
    tasks.defer(task, context); // dropped
    release();
    await tasks.idle();
    expect(runs).toBe(2);
    expect(logger.lines).toEqual([{ message: "background queue full; task dropped", details: { queued: 1 } }]);
  });
});
