// `npm test` on a machine without Chromium: the browser suite is skipped, loudly, and the run passes;
// on CI (CI=true) the same missing browser fails the run. CHROMIUM_PATH points the harness at a path
// that does not exist, which is how a machine without Chromium looks to it.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const VITEST = path.resolve("node_modules/.bin/vitest");

function runBrowserSuite(environment: Record<string, string>): Promise<{ code: number; output: string }> {
  const { CI: _ci, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      VITEST,
      ["run", "test/e2e/widget.test.ts"],
      { env: { ...inherited, CHROMIUM_PATH: "/nonexistent/chromium", NO_COLOR: "1", ...environment }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

describe("the browser suite without Chromium", () => {
  it("is skipped with a loud reason, and the run passes", async () => {
    const { code, output } = await runBrowserSuite({});
    expect(output).toContain("BROWSER TESTS SKIPPED: no Chromium at /nonexistent/chromium");
    expect(output).toMatch(/Tests\s+\d+ skipped/);
    expect(code).toBe(0);
  });

  it("fails the run on CI (CI=true), naming what is missing", async () => {
    const { code, output } = await runBrowserSuite({ CI: "true" });
    expect(code).not.toBe(0);
    expect(output).toContain("no Chromium at /nonexistent/chromium");
    expect(output).toMatch(/CI=true/);
  });
});
