// Issue 13's "done when": a fresh clone's `npm start` answers the Spanish and the Chinese question about
// Peru's ambassador with the Balarezo quote. Through the real app, with the engine `npm start` builds
// from the committed index and the default model.
import { beforeAll, describe, expect, it } from "vitest";
import type { AskResponse } from "../../src/answer/types.ts";
import { createApp } from "../../src/app.ts";
import { EngineHolder } from "../../src/engine.ts";
import { realEngine } from "../helpers/real-model.ts";

const engines = new EngineHolder();
const app = createApp({ engines, logger: { error: () => undefined } });

beforeAll(async () => {
  engines.set(await realEngine());
}, 120_000);

async function ask(question: string): Promise<AskResponse> {
  const response = await app.request("/ask", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AskResponse;
}

describe("the ambassador asked about in Spanish and Chinese", () => {
  it.each([
    ["¿Quién es el embajador de Perú en China?", "es", "Según las fuentes:"],
    ["秘鲁驻华大使是谁？", "zh", "根据资料："],
  ])("%s is answered with the Balarezo quote", async (question, language, lead) => {
    const body = await ask(question);
    expect(body.language).toBe(language);
    expect(body.grounded).toBe(true);
    expect(body.citations[0]?.quote).toContain("Balarezo");
    expect(body.answer.startsWith(lead)).toBe(true);
  });
});
