import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import { ConfigError } from "../../src/errors.ts";
import { isOriginAllowed } from "../../src/web/origin-policy.ts";
import { parseAllowedHosts, parseAllowedOrigins, readWebConfig } from "../../src/web/web-config.ts";
import { groundedAnswer, scriptedEngine } from "../helpers/scripted-engine.ts";

const API = "http://api.example.org";

function appWith(options: { allowedOrigins?: readonly string[]; ready?: boolean } = {}) {
  const engines = new EngineHolder();
  if (options.ready !== false) engines.set(scriptedEngine({ answer: () => groundedAnswer(["Trade will grow."]) }));
  return createApp({ engines, allowedOrigins: options.allowedOrigins, feedback: { append: async () => undefined } });
}

function ask(app: ReturnType<typeof createApp>, origin?: string) {
  return app.request(`${API}/ask`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify({ question: "Will trade grow?" }),
  });
}

function preflight(app: ReturnType<typeof createApp>, path: string, origin: string) {
  return app.request(`${API}${path}`, {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  });
}

describe("CORS on the browser-facing API", () => {
  it("by default lets pages on localhost and the API's own origin in, and refuses others", async () => {
    const app = appWith();
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:8080", "http://[::1]:3000", API]) {
      const reply = await ask(app, origin);
      expect(reply.status, origin).toBe(200);
      expect(reply.headers.get("access-control-allow-origin"), origin).toBe(origin);
      expect(reply.headers.get("access-control-expose-headers")).toBe("Retry-After");
      expect(reply.headers.get("vary")).toMatch(/Origin/);
    }
    const refused = await ask(app, "https://evil.example");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(await refused.json()).toEqual({
      error: { code: "origin_not_allowed", message: "This site is not allowed to call the API; see ALLOWED_ORIGINS" },
    });
  });

  it("with ALLOWED_ORIGINS allows exactly the listed origins (plus its own)", async () => {
    const app = appWith({ allowedOrigins: parseAllowedOrigins("https://news.example.org, http://127.0.0.1:4000") });
    expect((await ask(app, "https://news.example.org")).headers.get("access-control-allow-origin")).toBe("https://news.example.org");
    expect((await ask(app, "http://127.0.0.1:4000")).status).toBe(200);
    expect((await ask(app, API)).status).toBe(200);
    expect((await ask(app, "http://localhost:4000")).status).toBe(403);
    expect((await ask(app, "https://news.example.org.evil.example")).status).toBe(403);
    const anyone = appWith({ allowedOrigins: ["*"] });
    expect((await ask(anyone, "https://anywhere.example")).status).toBe(200);
  });

  it("answers preflights for /chat, /ask, /feedback and /documents from allowed origins only", async () => {
    const app = appWith({ allowedOrigins: ["https://news.example.org"] });
    for (const path of ["/chat", "/ask", "/feedback", "/documents", "/documents/port-news"]) {
      const allowed = await preflight(app, path, "https://news.example.org");
      expect(allowed.status, path).toBe(204);
      expect(allowed.headers.get("access-control-allow-origin"), path).toBe("https://news.example.org");
      expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
      expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
      const refused = await preflight(app, path, "https://other.example");
      expect(refused.status, path).toBe(403);
      expect(refused.headers.get("access-control-allow-origin"), path).toBeNull();
    }
  });

  it("puts CORS headers on error responses too, so a cross-origin widget can read 503 and Retry-After", async () => {
    const reply = await ask(appWith({ ready: false }), "http://localhost:5173");
    expect(reply.status).toBe(503);
    expect(reply.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(reply.headers.get("retry-after")).toBe("2");
    const invalid = await appWith().request(`${API}/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "http://localhost:5173" },
      body: "{}",
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
  });

  it("lets requests without an Origin (curl, servers) through untouched", async () => {
    const reply = await ask(appWith({ allowedOrigins: ["https://news.example.org"] }));
    expect(reply.status).toBe(200);
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("leaves other routes alone", async () => {
    const reply = await appWith().request(`${API}/healthz`, { headers: { Origin: "https://evil.example" } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("allowed hosts (DNS rebinding)", () => {
  const hostApp = (allowedHosts: readonly string[] | undefined) => {
    const engines = new EngineHolder();
    engines.set(scriptedEngine({ answer: () => groundedAnswer(["Trade will grow."]) }));
    return createApp({ engines, allowedHosts } as Parameters<typeof createApp>[0]);
  };
  const askAt = (app: ReturnType<typeof createApp>, origin: string, path = "/ask") =>
    app.request(`${origin}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: JSON.stringify({ question: "Will trade grow?" }),
    });

  it("refuses a request whose Host is not served, even when its Origin equals that Host", async () => {
    const app = hostApp(readWebConfig({ PUBLIC_URL: "https://bot.example.org" }).allowedHosts);
    const rebound = await askAt(app, "http://rebind.attacker.example:8787");
    expect(rebound.status).toBe(403);
    expect(rebound.headers.get("access-control-allow-origin")).toBeNull();
    expect(await rebound.json()).toEqual({
      error: { code: "host_not_allowed", message: "This server does not answer for that host name; see ALLOWED_HOSTS" },
    });
    const page = await app.request("http://rebind.attacker.example:8787/");
    expect(page.status).toBe(403);
    for (const origin of ["http://localhost:8787", "http://127.0.0.1:8787", "http://[::1]:8787", "https://bot.example.org"]) {
      expect((await askAt(app, origin)).status, origin).toBe(200);
    }
    // Health probes (load balancers, orchestrators) often address the server by IP: they carry no data.
    expect((await app.request("http://10.1.2.3:8787/healthz")).status).toBe(200);
  });

  it("ALLOWED_HOSTS lists host names, .domain for a domain and its subdomains, or *", async () => {
    const app = hostApp(parseAllowedHosts("qa.example.org, .example.net"));
    expect((await askAt(app, "https://qa.example.org")).status).toBe(200);
    expect((await askAt(app, "https://example.net")).status).toBe(200);
    expect((await askAt(app, "https://chat.example.net")).status).toBe(200);
    expect((await askAt(app, "https://evil-example.net")).status).toBe(403);
    expect((await askAt(app, "http://localhost:8787")).status).toBe(403);
    expect((await askAt(hostApp(["*"]), "https://anything.example")).status).toBe(200);
    expect((await askAt(hostApp(undefined), "https://anything.example")).status).toBe(200);
  });

  it("rejects entries that are not host names, and a PUBLIC_URL that is not an http(s) URL", () => {
    for (const raw of ["https://qa.example.org", "qa.example.org/path", "qa example", "qa.example.org:8787", "**"]) {
      expect(() => parseAllowedHosts(`ok.example.org,${raw}`), raw).toThrow(/ALLOWED_HOSTS entry 2/);
    }
    expect(() => readWebConfig({ PUBLIC_URL: "bot.example.org" })).toThrow(/PUBLIC_URL/);
    expect(readWebConfig({}).allowedHosts).toEqual(["localhost", "127.0.0.1", "[::1]", ".localhost"]);
    expect(readWebConfig({ ALLOWED_HOSTS: "*" }).allowedHosts).toEqual(["*"]);
    expect(parseAllowedHosts("*.Example.org, QA.example.net.")).toEqual([".example.org", "qa.example.net"]);
    expect(readWebConfig({ PUBLIC_URL: "https://bot.example.org/", HOST: "192.168.1.5" }).allowedHosts).toEqual([
      "localhost",
      "127.0.0.1",
      "[::1]",
      ".localhost",
      "bot.example.org",
      "192.168.1.5",
    ]);
  });
});

describe("isOriginAllowed", () => {
  const requestUrl = "https://qa.example.org/chat";
  it("refuses origins that are not http(s) URLs", () => {
    for (const origin of ["null", "", "file://", "chrome-extension://abc", "not a url"]) {
      expect(isOriginAllowed({ origin, requestUrl }), origin).toBe(false);
    }
  });
  it("treats *.localhost as local and a look-alike as not", () => {
    expect(isOriginAllowed({ origin: "http://app.localhost:3000", requestUrl })).toBe(true);
    expect(isOriginAllowed({ origin: "http://localhost.evil.example", requestUrl })).toBe(false);
  });
});

describe("ALLOWED_ORIGINS", () => {
  it("is a comma-separated list of origins, normalised; empty means the default", () => {
    expect(parseAllowedOrigins(" https://A.example.org/ ,http://localhost:3000,, ")).toEqual([
      "https://a.example.org",
      "http://localhost:3000",
    ]);
    expect(parseAllowedOrigins("*")).toEqual(["*"]);
    expect(parseAllowedOrigins("")).toBeUndefined();
    expect(parseAllowedOrigins(undefined)).toBeUndefined();
    expect(readWebConfig({ ALLOWED_ORIGINS: "https://a.example.org" }).allowedOrigins).toEqual(["https://a.example.org"]);
    expect(readWebConfig({}).allowedOrigins).toBeUndefined();
  });

  it("rejects entries that are not origins, naming the variable and the entry's position", () => {
    for (const raw of ["https://a.example.org/path", "example.org", "ftp://a.example.org", "https://a.example.org?x=1"]) {
      expect(() => parseAllowedOrigins(`https://ok.example.org,${raw}`), raw).toThrow(ConfigError);
      expect(() => parseAllowedOrigins(`https://ok.example.org,${raw}`), raw).toThrow(/ALLOWED_ORIGINS entry 2/);
    }
  });
});
