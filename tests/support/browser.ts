import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";
import { describe, inject, afterAll, beforeAll } from "vitest";
import type { E2eServer } from "./e2e-setup";

/**
 * Debian's Chromium driven by playwright-core (no browser download here, ARCHITECTURE §12). The
 * flags keep Chromium from calling home: a test that records requests must see only ours.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** Every URL the pages of this context asked for, to prove none left our origin. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on("request", (request) => urls.push(request.url()));
  return urls;
}

/**
 * Declares the same browser journey against the server of each dialect, with one Chromium per block.
 */
export function describeEachServer(name: string, body: (current: () => { server: E2eServer; browser: Browser; newContext(options?: BrowserContextOptions): Promise<BrowserContext> }) => void) {
  for (const server of inject("e2eServers")) {
    describe(`${name} [${server.dialect}]`, () => {
      let browser: Browser | undefined;
      const contexts: BrowserContext[] = [];
      beforeAll(async () => {
        browser = await launchBrowser();
      });
      afterAll(async () => {
        await Promise.all(contexts.map((context) => context.close()));
        await browser?.close();
      });
      body(() => {
        if (!browser) throw new Error("the browser exists only inside a test");
        const current = browser;
        return {
          server,
          browser: current,
          async newContext(options?: BrowserContextOptions) {
            const context = await current.newContext({ baseURL: server.baseUrl, ...options });
            contexts.push(context);
            return context;
          },
        };
      });
    });
  }
}
