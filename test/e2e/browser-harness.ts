// Shared by the browser tests and `npm run screenshots`: Debian's Chromium driven by playwright-core,
// the real app on a random port, and a static server for cross-origin host pages.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { type BrowserContext, chromium } from "playwright-core";
import type { createApp } from "../../src/app.ts";
import { CHROMIUM_PATH, chromiumSkipNotice, missingChromium } from "./chromium-availability.ts";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Whether to skip a browser suite: yes on a machine without Chromium, with a banner saying so and
 * why; never on CI (CI=true), where a missing browser must fail the run (launchChromium then throws).
 */
export function skipWithoutChromium(): boolean {
  const notice = chromiumSkipNotice();
  if (notice === undefined) return false;
  console.warn(notice);
  return true;
}

/** Chromium with a fresh profile that is deleted on close. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const missing = missingChromium();
  if (missing !== undefined) {
    throw new Error(`${missing}${process.env.CI === "true" ? "; CI=true requires the browser tests to run" : ""}`);
  }
  const profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface RunningServer {
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the app over real HTTP on 127.0.0.1 and a free port. */
export async function startAppServer(app: ReturnType<typeof createApp>): Promise<RunningServer> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return running(server);
}

/** Serves HTML pages by path, as a host site embedding the widget would; `pages` is read per request. */
export async function startStaticServer(pages: Readonly<Record<string, string>>): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const page = pages[new URL(request.url ?? "/", "http://host").pathname];
    response.writeHead(page === undefined ? 404 : 200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(page ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return running(server);
}

function running(server: Server): RunningServer {
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      // Open keep-alive and event-stream sockets would hold close() for seconds.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
