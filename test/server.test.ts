import type { ChildProcess } from "node:child_process";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResponse } from "../src/answer/types.ts";
import { startChildServer, stop, waitUntil } from "./helpers/child-server.ts";

/** The same requests as the in-process suite, against `npm start`'s entry on a real port. */
describe("the Node server on a real port", () => {
  let child: ChildProcess | undefined;
  let url = "";
  beforeAll(async () => {
    ({ child, url } = await startChildServer({ PUBLIC_URL: "https://bot.example.org" }));
    await waitUntil(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), { what: "readiness" });
  }, 60_000);
  afterAll(async () => {
    if (child) await stop(child);
  });

  it("answers /ask with a grounded answer and verbatim quotes", async () => {
    const response = await fetch(`${url}/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "When will the port be inaugurated?" }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as AskResponse;
    expect(body.grounded).toBe(true);
    const citation = body.citations[0];
    const document = (await (await fetch(`${url}/documents/${citation?.docId}`)).json()) as { text: string };
    expect(document.text.slice(citation?.start, citation?.end)).toBe(citation?.quote);
  });

  it("returns JSON errors for bad input over the wire", async () => {
    const response = await fetch(`${url}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    const huge = await fetch(`${url}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(200_000) });
    expect(huge.status).toBe(413);
  });

  it("refuses a Host it does not serve (DNS rebinding) even when Origin equals it; loopback and PUBLIC_URL's host pass", async () => {
    const { port } = new URL(url);
    const post = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const body = JSON.stringify({ question: "When will the port be inaugurated?" });
        const outgoing = request({ host: "127.0.0.1", port, path: "/ask", method: "POST" }, (incoming) => {
          let text = "";
          incoming.on("data", (chunk: Buffer) => {
            text += chunk.toString();
          });
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body: text }));
        });
        outgoing.setHeader("Host", host);
        outgoing.setHeader("Origin", `http://${host}`);
        outgoing.setHeader("Content-Type", "application/json");
        outgoing.on("error", reject);
        outgoing.end(body);
      });
    const rebound = await post(`rebind.attacker.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: "host_not_allowed" } });
    expect((await post(`localhost:${port}`)).status).toBe(200);
    expect((await post(`127.0.0.1:${port}`)).status).toBe(200);
    expect((await post("bot.example.org")).status).toBe(200);
  });

  it("drains and exits cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    child?.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
