import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Says again, after the summary, that the browser tests were skipped when Chromium is missing.
    globalSetup: ["test/chromium-notice.global.ts"],
  },
});
