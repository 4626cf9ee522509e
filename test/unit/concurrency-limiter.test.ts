import { describe, expect, it } from "vitest";
import { OverloadedError } from "../../src/errors.ts";
import { createConcurrencyLimiter } from "../../src/limits/concurrency-limiter.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("concurrency limiter", () => {
  it("runs at most maxConcurrent tasks and queues the rest in order", async () => {
    const limiter = createConcurrencyLimiter({ maxConcurrent: 2, maxQueue: 10, maxWaitMs: 10_000 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.active).toBe(2);
    expect(limiter.queued).toBe(1);
    gates[0]?.resolve();
    await runs[0];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    gates[2]?.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(limiter.active).toBe(0);
  });

  it("sheds with 503 overloaded when the queue is full, and counts it", async () => {
    let shed = 0;
    const limiter = createConcurrencyLimiter({ maxConcurrent: 1, maxQueue: 1, maxWaitMs: 10_000 }, () => {
      shed += 1;
    });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const second = limiter.run(async () => "queued");
    const third = limiter.run(async () => "never");
    await expect(third).rejects.toBeInstanceOf(OverloadedError);
    await expect(third).rejects.toMatchObject({ status: 503, code: "overloaded" });
    expect(shed).toBe(1);
    gate.resolve();
    await first;
    expect(await second).toBe("queued");
  });

  it("sheds a caller that waited longer than maxWaitMs", async () => {
    const limiter = createConcurrencyLimiter({ maxConcurrent: 1, maxQueue: 5, maxWaitMs: 20 });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    await expect(limiter.run(async () => "late")).rejects.toBeInstanceOf(OverloadedError);
    expect(limiter.queued).toBe(0);
    gate.resolve();
    await first;
  });

  /** A limiter of one slot, held by a task until `gate` resolves; waits run out after 20 ms. */
  function heldLimiter() {
    const counts = { shed: 0 };
    const limiter = createConcurrencyLimiter({ maxConcurrent: 1, maxQueue: 10, maxWaitMs: 20 }, () => {
      counts.shed += 1;
    });
    const gate = deferred();
    return { limiter, counts, gate, first: limiter.run(() => gate.promise) };
  }

  it("sheds callers that time out together one per event-loop turn, so I/O gets in between", async () => {
    const { limiter, counts, gate, first } = heldLimiter();
    const events: string[] = [];
    const waiting = Array.from({ length: 5 }, () =>
      limiter
        .run(async () => "late")
        .catch(() => {
          events.push("shed");
          // Stands for a socket read that became ready meanwhile.
          if (events.length === 1) setImmediate(() => events.push("other work"));
        }),
    );
    // Hold the thread until every wait has run out, so all five timers are due in one timers phase.
    const due = performance.now() + 40;
    while (performance.now() < due);
    await Promise.all(waiting);
    expect(events.filter((event) => event === "shed")).toHaveLength(5);
    // The other work ran before the last one was shed (all at once, it would come after every shed).
    expect(events.slice(0, events.lastIndexOf("shed"))).toContain("other work");
    expect({ shed: counts.shed, queued: limiter.queued }).toEqual({ shed: 5, queued: 0 });
    gate.resolve();
    await first;
  });

  it("serves a timed-out caller that gets a slot before its turn to be shed comes", async () => {
    const { limiter, counts, gate, first } = heldLimiter();
    const second = limiter.run(async () => "served");
    // Due in the same timers phase, just after the waiter's: the slot frees up before the shedding turn.
    setTimeout(() => gate.resolve(), 20);
    // Hold the thread until both timers are due, so they run in one timers phase however loaded the
    // machine is (otherwise the shedding turn can come before the gate's timer on a busy CI runner).
    const due = performance.now() + 40;
    while (performance.now() < due);
    await first;
    await expect(second).resolves.toBe("served");
    expect(counts.shed).toBe(0);
  });

  it("leaves the queue when the caller goes away", async () => {
    const limiter = createConcurrencyLimiter({ maxConcurrent: 1, maxQueue: 5, maxWaitMs: 10_000 });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.run(
      async () => {
        ran = true;
      },
      { signal: controller.signal },
    );
    controller.abort(new Error("client closed"));
    await expect(waiting).rejects.toThrow("client closed");
    expect(limiter.queued).toBe(0);
    gate.resolve();
    await first;
    expect(ran).toBe(false);
  });

  it("frees its slot when a task throws", async () => {
    const limiter = createConcurrencyLimiter({ maxConcurrent: 1, maxQueue: 0, maxWaitMs: 10 });
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => "after")).toBe("after");
  });
});
