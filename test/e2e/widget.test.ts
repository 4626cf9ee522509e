// The widget in a real browser (Debian's Chromium via playwright-core) against the real engine.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AskResponse } from "../../src/answer/types.ts";
import { createApp } from "../../src/app.ts";
import { type Engine, EngineHolder } from "../../src/engine.ts";
import { loadNodeEngine } from "../../src/entry/node/load-node-engine.ts";
import { readConfig } from "../../src/entry/node/node-config.ts";
import type { FeedbackRecord } from "../../src/feedback/feedback-store.ts";
import { createJsonlFeedbackStore, type JsonlFeedbackStore } from "../../src/feedback/jsonl-feedback-store.ts";
import { createFileAssetReader } from "../../src/web/file-asset-reader.ts";
import { launchChromium, type RunningServer, skipWithoutChromium, startAppServer, startStaticServer } from "./browser-harness.ts";

const QUESTION = "When will Chancay Port be inaugurated?";
const FOLLOW_UP = "Who will inaugurate it?";
const OFF_TOPIC = "What is the capital of France?";
const SPANISH_QUESTION = "¿Qué dijo el Embajador Balarezo sobre Chancay?";

const WIDGET = "xi-peru-chat";
const silentLogger = { error: () => undefined };

let engine: Engine;
let api: RunningServer;
let loadingApi: RunningServer;
let loadingEngines: EngineHolder;
let hostSite: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let feedback: JsonlFeedbackStore;
let temporary: string;
let feedbackFile: string;
/** Uncaught exceptions in any page; the widget must raise none. */
const pageErrors: string[] = [];

/** A host page on another origin embedding the widget inline, with CSS that would wreck an unisolated widget. */
function hostPage(apiOrigin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<style>* { color: #ff00ff !important; font-size: 40px !important; font-family: serif !important; } button { display: none !important; }</style></head>
<body><h1>A news site</h1><button id="host-button">host</button><div id="chat" style="height: 600px"></div>
<script src="${apiOrigin}/widget.js" data-mode="inline" data-target="#chat" data-title="Peru visit Q&amp;A" data-accent="#0f766e" data-placeholder="Your question about the visit"></script>
</body></html>`;
}

/** A Spanish page embedding the widget inline with no wording of its own; `data-lang` overrides the page's language. */
function spanishPage(apiOrigin: string, scriptAttributes = ""): string {
  return `<!doctype html><html lang="es-PE"><head><meta charset="utf-8"><title>Visita</title></head>
<body><h1>Noticias</h1><div id="chat" style="height: 600px"></div>
<script src="${apiOrigin}/widget.js" data-mode="inline" data-target="#chat" ${scriptAttributes}></script>
</body></html>`;
}

beforeAll(async () => {
  temporary = await mkdtemp(join(tmpdir(), "widget-e2e-"));
  feedbackFile = join(temporary, "feedback.jsonl");
  feedback = createJsonlFeedbackStore({ file: feedbackFile });
  const assets = createFileAssetReader({ directory: "web" });
  const hostPages: Record<string, string> = {};
  const [loaded, launched, site] = await Promise.all([loadNodeEngine(readConfig({})), launchChromium(), startStaticServer(hostPages)]);
  engine = loaded.engine;
  browser = launched;
  context = launched.context;
  hostSite = site;
  // Pages from the host site's 127.0.0.1 origin may call the API; the same site reached as localhost may not.
  const engines = new EngineHolder();
  engines.set(engine);
  api = await startAppServer(createApp({ engines, assets, feedback, allowedOrigins: [hostSite.origin], logger: silentLogger }));
  hostPages["/host.html"] = hostPage(api.origin);
  hostPages["/es.html"] = spanishPage(api.origin);
  hostPages["/zh.html"] = spanishPage(api.origin, 'data-lang="zh"');
  loadingEngines = new EngineHolder();
  loadingApi = await startAppServer(createApp({ engines: loadingEngines, assets, feedback, logger: silentLogger }));
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: api.origin });
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([api?.close(), loadingApi?.close(), hostSite?.close()]);
  await feedback?.close();
  if (temporary) await rm(temporary, { recursive: true, force: true });
});

async function openPage(url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on("pageerror", (error) => pageErrors.push(`${url}: ${error.message}`));
  await page.goto(url);
  await page.locator(WIDGET).waitFor({ state: "attached" });
  return page;
}

function lastAnswer(page: Page) {
  return page.locator(`${WIDGET} .message.assistant`).last();
}

/** What the widget shows for an answer: the direct answer first when there is one ("Thursday — “…”"). */
function displayed(response: AskResponse): string {
  return response.grounded && response.shortAnswer ? `${response.shortAnswer.text} — “${response.answer}”` : response.answer;
}

async function answerFromApi(question: string, history: unknown[] = []): Promise<AskResponse> {
  const reply = await fetch(`${api.origin}/ask`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ question, history }),
  });
  return (await reply.json()) as AskResponse;
}

/** Which element of the widget has focus, described by its class or id. */
function focused(page: Page): Promise<string> {
  return page.evaluate((tag) => {
    const active = document.querySelector(tag)?.shadowRoot?.activeElement;
    return active ? active.id || active.className : "";
  }, WIDGET);
}

/** Texts inside the widget whose colour contrast is below WCAG AA (4.5:1, or 3:1 for large text). */
function contrastFailures(page: Page): Promise<string[]> {
  return page.evaluate((tag) => {
    const channels = (color: string) => {
      const values = (color.match(/[\d.]+/g) ?? []).map(Number);
      return { rgb: values.slice(0, 3), alpha: values.length > 3 ? (values[3] as number) : 1 };
    };
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((value) => {
        const channel = value / 255;
        return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const backgroundOf = (start: Element): number[] => {
      for (
        let element: Element | null = start;
        element;
        element = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null)
      ) {
        const { rgb, alpha } = channels(getComputedStyle(element).backgroundColor);
        if (alpha >= 0.9) return rgb;
      }
      return [255, 255, 255];
    };
    const root = document.querySelector(tag)?.shadowRoot;
    const failures: string[] = [];
    for (const element of root?.querySelectorAll("*") ?? []) {
      const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      const box = element.getBoundingClientRect();
      if (!hasText || box.width <= 1 || box.height <= 1 || element.closest("[hidden], :disabled")) continue;
      const style = getComputedStyle(element);
      if (style.visibility === "hidden") continue;
      const foreground = luminance(channels(style.color).rgb);
      const background = luminance(backgroundOf(element));
      const ratio = (Math.max(foreground, background) + 0.05) / (Math.min(foreground, background) + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) failures.push(`${element.className || element.tagName}: ${ratio.toFixed(2)}`);
    }
    return failures;
  }, WIDGET);
}

describe.skipIf(skipWithoutChromium())("the chat widget in Chromium", () => {
  let page: Page;

  it("opens from the demo page, streams a grounded answer with a citation, and shows the quote highlighted at its offsets", async () => {
    page = await openPage(`${api.origin}/`);
    const title = engine.listDocuments()[0]?.title ?? "";
    await expect.poll(() => page.locator(".documents").textContent()).toContain(title);
    expect(await page.locator(".documents").textContent()).toContain("China Daily");

    await page.getByRole("button", { name: /Open chat/ }).click();
    expect(await page.locator(`${WIDGET} .suggestion`).count()).toBe(3);
    expect(await focused(page)).toBe("question");
    expect(await contrastFailures(page)).toEqual([]);

    // Every text update of the answer, to see it arrive in pieces rather than at once.
    await page.evaluate((tag) => {
      const updates: string[] = [];
      (window as unknown as { updates: string[] }).updates = updates;
      const messages = document.querySelector(tag)?.shadowRoot?.querySelector(".messages") as Element;
      new MutationObserver((records) => {
        for (const record of records) {
          if ((record.target as Element).classList?.contains("text")) updates.push(record.addedNodes[0]?.textContent ?? "");
        }
      }).observe(messages, { subtree: true, childList: true });
    }, WIDGET);
    const chatResponse = page.waitForResponse((response) => response.url().endsWith("/chat"));
    await page.locator(`${WIDGET} #question`).fill(QUESTION);
    await page.keyboard.press("Enter");
    expect((await chatResponse).headers()["content-type"]).toMatch(/^text\/event-stream/);
    await lastAnswer(page).locator(".actions").waitFor();

    const expected = await answerFromApi(QUESTION);
    expect(expected.grounded).toBe(true);
    expect(expected.shortAnswer?.text).toBe("Thursday");
    expect(await lastAnswer(page).locator(".text").textContent()).toBe(displayed(expected));
    expect(await lastAnswer(page).locator(".short-answer").textContent()).toBe("Thursday");
    const updates = await page.evaluate(() => (window as unknown as { updates: string[] }).updates);
    expect(updates.length).toBeGreaterThan(3);
    for (const [index, update] of updates.entries()) {
      expect(expected.answer.startsWith(update)).toBe(true);
      if (index > 0) expect(update.length).toBeGreaterThan((updates[index - 1] as string).length);
    }
    const chips = lastAnswer(page).locator(".chip");
    expect(await chips.count()).toBe(expected.citations.length);
    expect(await chips.first().getAttribute("aria-label")).toContain(`Source 1: ${title}`);
    await expect.poll(() => page.locator(`${WIDGET} [role=status][aria-live=polite]`).textContent()).toContain(expected.answer);

    await chips.first().click();
    const mark = page.locator(`${WIDGET} .passage mark`);
    await mark.waitFor();
    const citation = expected.citations[0];
    if (!citation) throw new Error("expected a citation");
    const source = (await (await fetch(`${api.origin}/documents/${citation.docId}`)).json()) as { text: string };
    expect(await mark.textContent()).toBe(source.text.slice(citation.start, citation.end));
    expect(await mark.getAttribute("data-start")).toBe(String(citation.start));
    const before = await page.evaluate((tag) => {
      const passage = document.querySelector(tag)?.shadowRoot?.querySelector(".passage-text");
      return passage?.firstChild?.textContent ?? "";
    }, WIDGET);
    expect(before).toBe(source.text.slice(0, citation.start));
    expect(await focused(page)).toBe("passage-title");
    expect(await mark.isVisible()).toBe(true);
    expect(await contrastFailures(page)).toEqual([]);
    await page.keyboard.press("Escape");
    expect(await page.locator(`${WIDGET} .passage`).isHidden()).toBe(true);
    expect(await focused(page)).toBe("chip");
  });

  it("answers a follow-up from the conversation's history and keeps the conversation across a reload", async () => {
    const request = page.waitForRequest((candidate) => candidate.url().endsWith("/chat"));
    await page.locator(`${WIDGET} #question`).fill(FOLLOW_UP);
    await page.locator(`${WIDGET} .send`).click();
    const sent = (await request).postDataJSON() as { question: string; history: { role: string; content: string }[] };
    const first = await answerFromApi(QUESTION);
    expect(sent.history).toEqual([
      { role: "user", content: QUESTION },
      { role: "assistant", content: first.answer },
    ]);
    await lastAnswer(page).locator(".actions").waitFor();
    expect(await lastAnswer(page).getAttribute("class")).not.toContain("abstained");
    const shown = await lastAnswer(page).locator(".text").textContent();
    expect(shown).toBe(displayed(await answerFromApi(FOLLOW_UP, sent.history)));
    expect(shown).toContain("both presidents");

    await page.reload();
    await page.getByRole("button", { name: /Open chat/ }).click();
    expect(await page.locator(`${WIDGET} .message`).count()).toBe(4);
    expect(await page.locator(`${WIDGET} .suggestions`).isHidden()).toBe(true);
    expect(await lastAnswer(page).locator(".chip").count()).toBeGreaterThan(0);
  });

  it("sends feedback with a comment, copies an answer, and starts a new conversation", async () => {
    const shown = (await lastAnswer(page).locator(".text").textContent()) ?? "";
    await lastAnswer(page).getByRole("button", { name: "Not helpful" }).click();
    expect(await focused(page)).toMatch(/^feedback-/);
    await page.keyboard.type("Which ceremony?");
    await lastAnswer(page).getByRole("button", { name: "Send feedback" }).click();
    await expect.poll(() => lastAnswer(page).locator(".thanks").textContent()).toBe("Thanks for your feedback.");
    const stored = (await readFile(feedbackFile, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as FeedbackRecord);
    expect(stored.at(-1)).toMatchObject({ rating: "down", question: FOLLOW_UP, comment: "Which ceremony?" });
    expect(shown).toContain(stored.at(-1)?.answer);
    expect(await lastAnswer(page).getByRole("button", { name: "Not helpful" }).getAttribute("aria-pressed")).toBe("true");

    await lastAnswer(page).getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    expect(await lastAnswer(page).locator(".copy").textContent()).toBe("Copied");

    await page.getByRole("button", { name: "New chat" }).click();
    expect(await page.locator(`${WIDGET} .message`).count()).toBe(0);
    expect(await page.locator(`${WIDGET} .suggestion`).first().isVisible()).toBe(true);
    expect(await focused(page)).toBe("question");
    const saved = await page.evaluate(() => Object.values(sessionStorage).map((value) => JSON.parse(value) as { turns: unknown[] }));
    expect(saved.map((entry) => entry.turns)).toEqual([[]]);
    await page.locator(`${WIDGET} .suggestion`).first().click();
    await lastAnswer(page).locator(".actions").waitFor();
    expect(await page.locator(`${WIDGET} .message.user`).textContent()).toContain(QUESTION);
  });

  it("reports a feedback post that failed as an error, not in the green of the thanks", async () => {
    const failing = await openPage(`${api.origin}/`);
    await failing.route("**/feedback", (route) =>
      route.fulfill({
        status: 500,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side" } }),
      }),
    );
    await failing.getByRole("button", { name: /Open chat/ }).click();
    await failing.locator(`${WIDGET} #question`).fill(QUESTION);
    await failing.keyboard.press("Enter");
    await lastAnswer(failing).locator(".actions").waitFor();
    await lastAnswer(failing).getByRole("button", { name: "Helpful", exact: true }).click();
    await lastAnswer(failing).getByRole("button", { name: "Send feedback" }).click();
    const note = lastAnswer(failing).locator(".thanks");
    await expect.poll(() => note.textContent()).toBe("Could not send your feedback. Please try again.");
    expect(await note.getAttribute("class")).toContain("failed");
    const [red, green] = (await note.evaluate((element) => getComputedStyle(element).color)).match(/\d+/g)?.map(Number) ?? [];
    expect(red).toBeGreaterThan(green ?? 0);
    expect(await contrastFailures(failing)).toEqual([]);
    await failing.close();
  });

  it("offers no thumbs where the server keeps no feedback (as on the Worker), having asked it", async () => {
    const noFeedbackEngines = new EngineHolder();
    noFeedbackEngines.set(engine);
    const noFeedback = await startAppServer(
      createApp({ engines: noFeedbackEngines, assets: createFileAssetReader({ directory: "web" }), logger: silentLogger }),
    );
    try {
      const plain = await openPage(`${noFeedback.origin}/`);
      await plain.getByRole("button", { name: /Open chat/ }).click();
      await plain.locator(`${WIDGET} #question`).fill(QUESTION);
      await plain.keyboard.press("Enter");
      await lastAnswer(plain).locator(".actions").waitFor();
      expect(await lastAnswer(plain).locator(".copy").isVisible()).toBe(true);
      expect(await lastAnswer(plain).getByRole("button", { name: "Helpful", exact: true }).count()).toBe(0);
      expect(await lastAnswer(plain).getByRole("button", { name: "Not helpful" }).count()).toBe(0);
      const asked = await plain.evaluate(() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname));
      expect(asked).toContain("/capabilities");
      await plain.close();
    } finally {
      await noFeedback.close();
    }
  });

  it("says plainly when the sources do not answer, and offers the closest passages", async () => {
    await page.locator(`${WIDGET} #question`).fill(OFF_TOPIC);
    await page.keyboard.press("Enter");
    await lastAnswer(page).locator(".actions").waitFor();
    expect(await lastAnswer(page).getAttribute("class")).toContain("abstained");
    expect(await lastAnswer(page).locator(".label").textContent()).toBe("Not in the sources");
    expect(await lastAnswer(page).locator(".sources-label").textContent()).toBe("Closest passages");
    expect(await contrastFailures(page)).toEqual([]);
    await page.close();
  });

  it("labels a Spanish answer in Spanish on an English page, its frame staying English, also after a reload", async () => {
    const page = await openPage(`${api.origin}/`);
    await page.getByRole("button", { name: /Open chat/ }).click();
    await page.locator(`${WIDGET} #question`).fill(SPANISH_QUESTION);
    await page.keyboard.press("Enter");
    await lastAnswer(page).locator(".actions").waitFor();
    const expected = await answerFromApi(SPANISH_QUESTION);
    expect(expected).toMatchObject({ language: "es", grounded: true });
    expect(await lastAnswer(page).locator(".text").textContent()).toBe(expected.answer);
    expect(expected.answer.startsWith("Según las fuentes:\n")).toBe(true);
    const label = lastAnswer(page).locator(".sources-label");
    expect(await label.textContent()).toBe("Fuentes");
    expect(await label.getAttribute("lang")).toBe("es");
    expect(await lastAnswer(page).locator(".copy").textContent()).toBe("Copiar");
    expect(await page.locator(`${WIDGET} .send`).textContent()).toBe("Send");
    await expect
      .poll(() => page.locator(`${WIDGET} [role=status][aria-live=polite]`).textContent())
      .toMatch(/^Respuesta: Según las fuentes:/);
    await page.reload();
    await page.locator(WIDGET).waitFor({ state: "attached" });
    await page.getByRole("button", { name: /Open chat/ }).click();
    expect(await lastAnswer(page).locator(".sources-label").textContent()).toBe("Fuentes");
    expect(await contrastFailures(page)).toEqual([]);
    await page.close();
  });

  it("shows a network failure and recovers on retry", async () => {
    const failing = await openPage(`${api.origin}/`);
    await failing.route("**/chat", (route) => route.abort("internetdisconnected"));
    await failing.getByRole("button", { name: /Open chat/ }).click();
    await failing.locator(`${WIDGET} #question`).fill(QUESTION);
    await failing.keyboard.press("Enter");
    await lastAnswer(failing).locator(".retry").waitFor();
    expect(await lastAnswer(failing).textContent()).toContain("Could not reach the assistant");
    expect(await contrastFailures(failing)).toEqual([]);
    await failing.unroute("**/chat");
    await lastAnswer(failing).locator(".retry").click();
    await lastAnswer(failing).locator(".actions").waitFor();
    expect(await lastAnswer(failing).locator(".text").textContent()).toContain("Thursday");
    await failing.close();
  });

  it("on 429 waits for Retry-After before offering the retry", async () => {
    const limited = await openPage(`${api.origin}/`);
    await limited.route("**/chat", (route) =>
      route.fulfill({
        status: 429,
        headers: { "Content-Type": "application/json", "Retry-After": "1" },
        body: JSON.stringify({ error: { code: "rate_limited", message: "Too many requests; slow down" } }),
      }),
    );
    await limited.getByRole("button", { name: /Open chat/ }).click();
    await limited.locator(`${WIDGET} #question`).fill(QUESTION);
    await limited.keyboard.press("Enter");
    const retry = lastAnswer(limited).locator(".retry");
    await retry.waitFor();
    expect(await lastAnswer(limited).textContent()).toContain("Too many questions");
    expect(await retry.isDisabled()).toBe(true);
    await limited.unroute("**/chat");
    await expect.poll(() => retry.isEnabled(), { timeout: 5000 }).toBe(true);
    await retry.click();
    await lastAnswer(limited).locator(".actions").waitFor();
    expect(await lastAnswer(limited).locator(".text").textContent()).toContain("Thursday");
    await limited.close();
  });

  it("while the server is still loading says so, and answers by itself once it is ready", async () => {
    const loading = await openPage(`${loadingApi.origin}/`);
    expect(await loading.locator(".documents").textContent()).toContain("still loading");
    await loading.getByRole("button", { name: /Open chat/ }).click();
    await loading.locator(`${WIDGET} #question`).fill(QUESTION);
    await loading.keyboard.press("Enter");
    await expect.poll(() => lastAnswer(loading).textContent()).toContain("still loading its sources");
    expect(await lastAnswer(loading).textContent()).toMatch(/Trying again in \d s/);
    loadingEngines.set(engine);
    await lastAnswer(loading).locator(".actions").waitFor({ timeout: 10_000 });
    expect(await lastAnswer(loading).locator(".text").textContent()).toContain("Thursday");
    await loading.close();
  });

  it("works from the keyboard alone: Tab to the launcher, Enter to open and ask, Escape to close with focus restored", async () => {
    const keyboard = await openPage(`${api.origin}/`);
    await keyboard.locator(".examples button").last().focus();
    await keyboard.keyboard.press("Tab");
    expect(await focused(keyboard)).toBe("launcher");
    await keyboard.keyboard.press("Enter");
    expect(await focused(keyboard)).toBe("question");
    expect(await keyboard.locator(`${WIDGET} .launcher`).getAttribute("aria-expanded")).toBe("true");
    await keyboard.keyboard.type(QUESTION);
    await keyboard.keyboard.press("Enter");
    await lastAnswer(keyboard).locator(".actions").waitFor();
    // Tab backwards from the composer reaches the answer's controls, then its citation.
    const reached: string[] = [];
    for (let step = 0; step < 8 && !reached.includes("chip"); step += 1) {
      await keyboard.keyboard.press("Shift+Tab");
      reached.push(await focused(keyboard));
    }
    expect(reached).toContain("action copy");
    expect(reached.at(-1)).toBe("chip");
    await keyboard.keyboard.press("Enter");
    await keyboard.locator(`${WIDGET} .passage mark`).waitFor();
    await keyboard.keyboard.press("Escape");
    expect(await focused(keyboard)).toBe("chip");
    await keyboard.keyboard.press("Escape");
    expect(await keyboard.locator(`${WIDGET} .panel`).isHidden()).toBe(true);
    expect(await focused(keyboard)).toBe("launcher");
    expect(await keyboard.locator(`${WIDGET} .launcher`).getAttribute("aria-expanded")).toBe("false");
    await keyboard.close();
  });

  it("fits a 360 px wide phone screen", async () => {
    const phone = await openPage(`${api.origin}/`, { width: 360, height: 740 });
    await phone.getByRole("button", { name: /Open chat/ }).click();
    await phone.locator(`${WIDGET} .suggestion`).nth(2).click();
    await lastAnswer(phone).locator(".actions").waitFor();
    const overflow = await phone.evaluate((tag) => {
      const root = document.querySelector(tag)?.shadowRoot;
      const outside = [...(root?.querySelectorAll(".panel, .panel *") ?? [])]
        .filter((element) => element.getClientRects().length > 0)
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.left < -0.5 || box.right > window.innerWidth + 0.5;
        })
        .map((element) => element.className || element.tagName);
      const panel = root?.querySelector(".panel") as HTMLElement;
      const conversation = root?.querySelector(".conversation") as HTMLElement;
      return { outside, panelWidth: panel.getBoundingClientRect().width, scrolls: conversation.scrollWidth > conversation.clientWidth };
    }, WIDGET);
    expect(overflow).toEqual({ outside: [], panelWidth: 360, scrolls: false });
    expect(await contrastFailures(phone)).toEqual([]);
    await phone.close();
  });

  it("works inline on an allowed host page on another origin, unaffected by the host's CSS", async () => {
    const host = await openPage(`${hostSite.origin}/host.html`);
    expect(await host.locator(`${WIDGET} .launcher`).isHidden()).toBe(true);
    expect(await host.locator(`${WIDGET} h2`).textContent()).toBe("Peru visit Q&A");
    expect(await host.locator(`${WIDGET} #question`).getAttribute("placeholder")).toBe("Your question about the visit");
    const fontSize = await host.locator(`${WIDGET} .intro`).evaluate((element) => getComputedStyle(element).fontSize);
    expect(fontSize).toBe("15px");
    expect(await host.locator(`${WIDGET} .send`).isVisible()).toBe(true);
    expect(await host.locator("#host-button").isHidden()).toBe(true);
    await host.locator(`${WIDGET} #question`).fill(QUESTION);
    await host.keyboard.press("Enter");
    await lastAnswer(host).locator(".actions").waitFor();
    expect(await lastAnswer(host).locator(".text").textContent()).toContain("Thursday");
    await lastAnswer(host).locator(".chip").first().click();
    await host.locator(`${WIDGET} .passage mark`).waitFor();
    expect(await contrastFailures(host)).toEqual([]);
    await host.close();
  });

  it("speaks Spanish on a Spanish page, and labels each answer in the answer's own language", async () => {
    const host = await openPage(`${hostSite.origin}/es.html`);
    const widget = host.locator(WIDGET);
    expect(await widget.locator(".root").getAttribute("lang")).toBe("es");
    expect(await widget.locator("h2").textContent()).toBe("Pregunte sobre la visita de Xi al Perú en 2024");
    expect(await widget.locator("#question").getAttribute("placeholder")).toBe("Escriba su pregunta…");
    expect(await widget.locator(".send").textContent()).toBe("Enviar");
    expect(await widget.locator(".new").textContent()).toBe("Nuevo chat");
    expect(await widget.locator("#suggestions-label").textContent()).toBe("Pruebe a preguntar");
    const suggestion = widget.locator(".suggestion").last();
    expect(await suggestion.textContent()).toBe("¿Quién es el embajador del Perú en China?");
    await suggestion.click();
    await lastAnswer(host).locator(".actions").waitFor();
    const spanish = lastAnswer(host);
    expect(await spanish.locator(".text").textContent()).toContain("Balarezo");
    expect(await spanish.locator(".sources-label").textContent()).toBe("Fuentes");
    expect(await spanish.locator(".copy").textContent()).toBe("Copiar");
    expect(await spanish.locator(".chip").first().getAttribute("aria-label")).toMatch(/^Fuente 1: .+\. «.+»$/);
    expect(await spanish.locator(".up").getAttribute("aria-label")).toBe("Útil");
    // An English question gets English around its answer; the frame stays Spanish.
    await widget.locator("#question").fill(QUESTION);
    await host.keyboard.press("Enter");
    await expect.poll(() => widget.locator(".message.assistant .actions").count()).toBe(2);
    expect(await lastAnswer(host).locator(".sources-label").textContent()).toBe("Sources");
    expect(await lastAnswer(host).locator(".copy").textContent()).toBe("Copy");
    expect(await widget.locator(".send").textContent()).toBe("Enviar");
    // Errors are the frame's: in Spanish.
    await host.route("**/chat", (route) => route.abort("internetdisconnected"));
    await widget.locator("#question").fill(QUESTION);
    await host.keyboard.press("Enter");
    await lastAnswer(host).locator(".retry").waitFor();
    expect(await lastAnswer(host).textContent()).toContain("No se pudo contactar con el asistente");
    expect(await lastAnswer(host).locator(".retry").textContent()).toBe("Reintentar");
    expect(await contrastFailures(host)).toEqual([]);
    await host.close();
  });

  it("takes its language from data-lang over the page's", async () => {
    const host = await openPage(`${hostSite.origin}/zh.html`);
    expect(await host.locator(`${WIDGET} .send`).textContent()).toBe("发送");
    expect(await host.locator(`${WIDGET} .suggestion`).last().textContent()).toBe("秘鲁驻华大使是谁？");
    await host.close();
  });

  it("is refused by the browser on a host page whose origin is not allowed", async () => {
    const disallowedOrigin = `http://localhost:${hostSite.port}`;
    const host = await openPage(`${disallowedOrigin}/host.html`);
    await host.locator(`${WIDGET} #question`).fill(QUESTION);
    await host.keyboard.press("Enter");
    await lastAnswer(host).locator(".retry").waitFor();
    expect(await lastAnswer(host).textContent()).toContain("Could not reach the assistant");
    const direct = await host.evaluate(async (origin) => {
      try {
        await fetch(`${origin}/documents`);
        return "read";
      } catch (error) {
        return (error as Error).name;
      }
    }, api.origin);
    expect(direct).toBe("TypeError");
    await host.close();
  });
});
