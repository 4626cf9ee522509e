import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every module reachable from `entry` through relative imports, with the bare imports each makes. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [path.resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const source = readFileSync(file, "utf8");
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\s(?!type\b)[^;]*?from\s+"([^"]+)"/gm)].map((match) => match[1] as string);
    graph.set(
      file,
      specifiers.filter((specifier) => !specifier.startsWith(".")),
    );
    for (const specifier of specifiers) if (specifier.startsWith(".")) pending.push(path.resolve(path.dirname(file), specifier));
  }
  return graph;
}

describe("the core stays runtime-neutral", () => {
  it("src/app.ts reaches no Node-only module, prom-client or pino (the Worker bundles it)", () => {
    const graph = importGraph("src/app.ts");
    expect(graph.size).toBeGreaterThan(20);
    const offending = [...graph].flatMap(([file, imports]) =>
      imports
        .filter(
          (name) =>
            name.startsWith("node:") || /^(prom-client|pino|pino-pretty|hnswlib-node|onnxruntime-node|@hono\/node-server)/.test(name),
        )
        .map((name) => `${path.relative(".", file)} imports ${name}`),
    );
    expect(offending).toEqual([]);
  });
});

describe("the layout keeps the core apart from its wiring", () => {
  const sources = (directory: string): string[] =>
    readdirSync(directory, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".ts"))
      .map((name) => path.join(directory, name));

  it("only the runtime entries import app.ts: shared types such as Logger live below the routes", () => {
    const importers = sources("src").filter((file) => /from "[^"]*\/app\.ts"/.test(readFileSync(file, "utf8")));
    expect(importers.every((file) => file.startsWith(path.join("src", "entry")))).toBe(true);
  });

  it("the core modules import nothing from the per-runtime wiring in src/entry (command-line entries may)", () => {
    const offending = sources("src")
      .filter((file) => !file.startsWith(path.join("src", "entry")) && !file.endsWith("cli.ts"))
      .filter((file) => /from "[^"]*\/entry\//.test(readFileSync(file, "utf8")));
    expect(offending).toEqual([]);
  });
});
