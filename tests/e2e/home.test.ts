import { expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { en } from "../../app/i18n/messages/en";
import { th } from "../../app/i18n/messages/th";
import { describeEachServer, recordRequests } from "../support/browser";

/** Collects what would betray a broken page: CSP refusals and script errors. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

async function switchLanguage(page: Page, to: "English" | "ภาษาไทย") {
  await Promise.all([page.waitForURL(/./, { waitUntil: "load" }), page.getByRole("button", { name: to }).click()]);
}

describeEachServer("the home page", (current) => {
  async function open(options: { javaScriptEnabled: boolean; width?: number }): Promise<{ context: BrowserContext; page: Page; requests: string[]; problems: string[] }> {
    const context = await current().newContext({ javaScriptEnabled: options.javaScriptEnabled, viewport: { width: options.width ?? 1280, height: 900 } });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto("/", { waitUntil: "networkidle" });
    return { context, page, requests, problems };
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

    it(`is Thai by default and switches to English and back, ${mode}`, async () => {
      const { page, problems } = await open({ javaScriptEnabled });
      expect(await page.getAttribute("html", "lang")).toBe("th");
      expect(await page.locator("h1").textContent()).toBe(th.home.heading);
      expect(await page.title()).toContain(th.app.name);

      await switchLanguage(page, "English");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.locator("h1").textContent()).toBe(en.home.heading);

      // The choice persists: a fresh visit is still in English.
      await page.goto("/", { waitUntil: "networkidle" });
      expect(await page.locator("h1").textContent()).toBe(en.home.heading);

      await switchLanguage(page, "ภาษาไทย");
      expect(await page.getAttribute("html", "lang")).toBe("th");
      expect(problems).toEqual([]);
    });

    it(`presents every channel, the corruption channel apart from the others, ${mode}`, async () => {
      const { page } = await open({ javaScriptEnabled });
      const corruption = page.locator("section", { has: page.getByRole("heading", { name: th.home.corruption.heading }) });
      expect(await corruption.getByRole("link", { name: th.home.corruption.action }).getAttribute("href")).toBe("/report");
      // Separate: the general channels are not inside the corruption section.
      expect(await corruption.getByRole("link", { name: th.home.channels.complaint.action }).count()).toBe(0);
      for (const kind of ["complaint", "question", "suggestion", "compliment"] as const) {
        expect(await page.getByRole("link", { name: th.home.channels[kind].action }).getAttribute("href")).toBe(`/contact?kind=${kind}`);
      }
      expect(await page.getByRole("link", { name: th.home.track.action }).getAttribute("href")).toBe("/track");
    });

    it(`makes no request to any origin but its own, ${mode}`, async () => {
      const { page, requests, problems } = await open({ javaScriptEnabled });
      await switchLanguage(page, "English");
      await page.goto("/no-such-page", { waitUntil: "networkidle" });
      const origin = new URL(current().server.baseUrl).origin;
      expect(requests.length).toBeGreaterThan(3);
      expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
      // Our own font, not a font service's.
      expect(requests.some((url) => /\/assets\/sarabun-thai-400-normal[^/]*\.woff2$/.test(url))).toBe(true);
      expect(problems.filter((problem) => !problem.includes("404"))).toEqual([]);
    });
  }

  it("is taken over by its scripts with JavaScript: a link loads the next page's data, not a new document", async () => {
    // The server's HTML must carry the loader data the client needs to hydrate (it is streamed
    // after the shell, inside a Suspense boundary): without it the page still works as without
    // JavaScript, and nothing else would notice.
    const context = await current().newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const documents: string[] = [];
    const data: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document") documents.push(request.url());
      else if (new URL(request.url()).pathname.endsWith(".data")) data.push(request.url());
    });
    await page.goto("/", { waitUntil: "networkidle" });
    await page.waitForFunction(() => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
    await Promise.all([page.waitForURL(/\/report$/), page.locator('main a[href="/report"]').first().click()]);
    await page.locator("main form").waitFor();
    expect(documents).toHaveLength(1);
    expect(data.map((url) => new URL(url).pathname)).toContain("/report.data");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("lets a keyboard user skip straight to the content", async () => {
    const { page } = await open({ javaScriptEnabled: true });
    await page.keyboard.press("Tab");
    const skipLink = page.getByRole("link", { name: th.skipLink.label });
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await skipLink.getAttribute("href")).toBe("#main-content");
    for (const landmark of ["banner", "main", "contentinfo"] as const) {
      expect(await page.getByRole(landmark).count(), landmark).toBe(1);
    }
  });

  it("fits a 360 px screen without sideways scrolling", async () => {
    const { page } = await open({ javaScriptEnabled: false, width: 360 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("answers an unknown address with a 404 page in the reader's language", async () => {
    const { page } = await open({ javaScriptEnabled: false });
    await switchLanguage(page, "English");
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe(en.errors.notFound.title);
  });
});
