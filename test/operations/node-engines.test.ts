// README says Node 20 is enough: nothing installed may declare that it needs a later Node, or
// `npm install` greets a newcomer with EBADENGINE warnings (as @langchain/openai 1.6 and openai 7 did).
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

interface LockedPackage {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
}

describe("engines", () => {
  it("the project promises Node 20, and every locked package admits a Node 20 release", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
    expect(semver.minVersion(manifest.engines.node)?.major).toBe(20);
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockedPackage> };
    const needLater = Object.entries(lock.packages).flatMap(([location, locked]) => {
      const range = Array.isArray(locked.engines) ? undefined : (locked.engines as { node?: string } | undefined)?.node;
      return range !== undefined && !semver.intersects(range, "20.x")
        ? [`${location.replace(/^.*node_modules\//, "")}@${locked.version} (node ${range})`]
        : [];
    });
    expect(needLater).toEqual([]);
  });
});
