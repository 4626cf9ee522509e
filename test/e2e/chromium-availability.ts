// Whether the browser tests can run here. Kept apart from the harness so the run's global teardown
// can repeat the notice at the very end without loading playwright.
import { existsSync } from "node:fs";

/** Debian's Chromium, unless CHROMIUM_PATH names another executable. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Why Chromium cannot run here, or undefined when it can. */
export function missingChromium(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH to its executable)`;
}

/** A banner for a run that skips the browser tests; undefined when they run (or must: CI=true fails instead). */
export function chromiumSkipNotice(): string | undefined {
  const missing = missingChromium();
  if (missing === undefined || process.env.CI === "true") return undefined;
  const line = `BROWSER TESTS SKIPPED: ${missing}. The widget is untested in a browser on this run; CI (CI=true) fails instead.`;
  const rule = "!".repeat(line.length);
  return `\n${rule}\n${line}\n${rule}\n`;
}
