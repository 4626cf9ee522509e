import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import { nodeClientAddress, parseTrustedProxies } from "../../src/limits/node-client-address.ts";
import { groundedAnswer, scriptedEngine } from "../helpers/scripted-engine.ts";

const servers: ReturnType<typeof serve>[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real server on a random port whose rate limit allows one request per client. */
async function start(trustedProxies: string | undefined): Promise<string> {
  const engines = new EngineHolder();
  engines.set(scriptedEngine({ answer: () => groundedAnswer(["Trade will grow."]) }));
  const app = createApp({
    engines,
    logger: { error: () => undefined },
    rateLimit: { perMinute: 1, burst: 1 },
    clientAddress: nodeClientAddress(parseTrustedProxies(trustedProxies)),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function ask(url: string, forwardedFor?: string): Promise<number> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}),
  };
  return (await fetch(`${url}/ask`, { method: "POST", headers, body: '{"question":"Will trade grow?"}' })).status;
}

describe("client addresses on a real socket", () => {
  it("behind a trusted proxy, limits each forwarded client separately", async () => {
    const url = await start("127.0.0.1");
    expect(await ask(url, "198.51.100.1")).toBe(200);
    expect(await ask(url, "198.51.100.2")).toBe(200);
    expect(await ask(url, "198.51.100.1")).toBe(429);
    // A client cannot escape by writing its own X-Forwarded-For: the proxy appends the real address.
    expect(await ask(url, "203.0.113.50, 198.51.100.2")).toBe(429);
  });

  it("without trusted proxies, ignores X-Forwarded-For and limits by the socket's address", async () => {
    const url = await start(undefined);
    expect(await ask(url, "198.51.100.1")).toBe(200);
    expect(await ask(url, "198.51.100.2")).toBe(429);
  });
});
