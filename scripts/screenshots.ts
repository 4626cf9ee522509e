// Saves the README's widget screenshots (docs/widget-*.png): the real engine, the real widget, Chromium.
// Run with `npm run screenshots`; needs /usr/bin/chromium (apt-get install chromium).
import { mkdir } from "node:fs/promises";
import type { Page } from "playwright-core";
import { createApp } from "../src/app.ts";
import { EngineHolder } from "../src/engine.ts";
import { loadNodeEngine } from "../src/entry/node/load-node-engine.ts";
import { readConfig } from "../src/entry/node/node-config.ts";
import { createFileAssetReader } from "../src/web/file-asset-reader.ts";
import { launchChromium, startAppServer } from "../test/e2e/browser-harness.ts";

const WIDGET = "xi-peru-chat";

async function askInWidget(page: Page, question: string): Promise<void> {
  await page.locator(`${WIDGET} #question`).fill(question);
  await page.keyboard.press("Enter");
  await page.locator(`${WIDGET} .message.assistant .actions`).last().waitFor();
}

const engines = new EngineHolder();
engines.set((await loadNodeEngine(readConfig(process.env))).engine);
const server = await startAppServer(createApp({ engines, assets: createFileAssetReader({ directory: "web" }) }));
const browser = await launchChromium();
try {
  await mkdir("docs", { recursive: true });
  const shots = [
    { file: "docs/widget-desktop.png", viewport: { width: 1280, height: 800 }, passage: false },
    { file: "docs/widget-passage.png", viewport: { width: 1280, height: 800 }, passage: true },
    { file: "docs/widget-phone.png", viewport: { width: 360, height: 740 }, passage: false },
  ];
  for (const shot of shots) {
    const page = await browser.context.newPage();
    await page.setViewportSize(shot.viewport);
    await page.goto(`${server.origin}/`);
    await page.getByRole("button", { name: /Open chat/ }).click();
    await askInWidget(page, "When will Chancay Port be inaugurated?");
    await askInWidget(page, "Who will inaugurate it?");
    if (shot.passage) {
      await page.locator(`${WIDGET} .chip`).last().click();
      await page.locator(`${WIDGET} .passage mark`).waitFor();
    }
    // No caret or focus ring in the picture.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: shot.file });
    await page.close();
    console.log(`saved ${shot.file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
