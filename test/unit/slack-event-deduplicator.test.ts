import { describe, expect, it } from "vitest";
import { EventDeduplicator } from "../../src/slack/event-deduplicator.ts";

describe("EventDeduplicator", () => {
  it("recognises repeats for an hour, then forgets", () => {
    let now = 0;
    const deduplicator = new EventDeduplicator({ now: () => now });
    expect(deduplicator.firstSighting("Ev1")).toBe(true);
    expect(deduplicator.firstSighting("Ev1")).toBe(false);
    now = 60 * 60 * 1000 - 1;
    expect(deduplicator.firstSighting("Ev1")).toBe(false);
    now = 60 * 60 * 1000;
    expect(deduplicator.firstSighting("Ev1")).toBe(true);
  });

  it("drops expired ids from memory as time passes", () => {
    let now = 0;
    const deduplicator = new EventDeduplicator({ rememberMs: 1000, now: () => now });
    for (let index = 0; index < 100; index++) deduplicator.firstSighting(`Ev${index}`);
    expect(deduplicator.size).toBe(100);
    now = 1000;
    deduplicator.firstSighting("late");
    expect(deduplicator.size).toBe(1);
  });

  it("never holds more than maxEntries ids, evicting the oldest", () => {
    const deduplicator = new EventDeduplicator({ maxEntries: 3, now: () => 0 });
    for (const id of ["a", "b", "c", "d"]) expect(deduplicator.firstSighting(id)).toBe(true);
    expect(deduplicator.size).toBe(3);
    expect(deduplicator.firstSighting("d")).toBe(false);
    expect(deduplicator.firstSighting("a")).toBe(true);
  });
});
