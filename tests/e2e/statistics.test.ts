import { expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { en } from "../../app/i18n/messages/en";
import { th } from "../../app/i18n/messages/th";
import { describeEachServer, recordRequests } from "../support/browser";

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

/** The threshold the e2e servers run with (the default). */
const threshold = 5;

describeEachServer("the public statistics", (current) => {
  async function open(options: { javaScriptEnabled: boolean }): Promise<{ context: BrowserContext; page: Page; requests: string[]; problems: string[] }> {
    const context = await current().newContext({ javaScriptEnabled: options.javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto("/", { waitUntil: "networkidle" });
    await Promise.all([page.waitForURL("**/statistics", { waitUntil: "load" }), page.getByRole("link", { name: th.footer.statistics }).click()]);
    await page.waitForLoadState("networkidle");
    return { context, page, requests, problems };
  }

  /** Every printed count is 0 or at least the threshold; every suppressed one says so in words. */
  async function expectSuppressed(page: Page, spokenBelow: RegExp) {
    const printed = await page.locator('td[data-state="shown"]').allTextContents();
    expect(printed.length).toBeGreaterThan(0);
    for (const text of printed) {
      const value = Number(text.replace(/,/g, ""));
      expect(Number.isInteger(value), text).toBe(true);
      expect(value === 0 || value >= threshold, text).toBe(true);
    }
    for (const text of await page.locator('td[data-state="belowThreshold"]').allTextContents()) expect(text).toMatch(spokenBelow);
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

    it(`is reached from the footer and shows both fiscal years in Thai, then in English, ${mode}`, async () => {
      const { page, requests, problems } = await open({ javaScriptEnabled });
      expect(await page.getAttribute("html", "lang")).toBe("th");
      // In-page navigation (JavaScript) changes the address before it draws the page: wait for the heading.
      await page.locator("h1", { hasText: th.statistics.heading }).waitFor();
      expect(await page.locator("h1").textContent()).toBe(th.statistics.heading);
      expect(await page.locator("table").count()).toBe(4);
      expect(await page.locator('table[data-table="corruption"] caption').allTextContents()).toEqual([
        expect.stringMatching(/^เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. 25\d\d$/),
        expect.stringMatching(/^เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. 25\d\d$/),
      ]);
      // Months in B.E., October first; every begun period either has figures or says it had none.
      expect(await page.locator('table[data-table="corruption"] tbody tr:first-child th[scope="row"]').first().textContent()).toMatch(/^ต\.ค\. 25\d\d$/);
      const empty = page.locator('tr[data-status="empty"] td');
      if ((await empty.count()) > 0) expect(await empty.first().textContent()).toBe(th.statistics.cells.noComplaints);
      await expectSuppressed(page, /^< 5น้อยกว่า 5$/);

      await Promise.all([page.waitForURL(/statistics/, { waitUntil: "load" }), page.getByRole("button", { name: "English" }).click()]);
      await page.waitForLoadState("networkidle");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      // In-page navigation (JavaScript) changes the address before it draws the page: wait for the heading.
      await page.locator("h1", { hasText: en.statistics.heading }).waitFor();
      expect(await page.locator("h1").textContent()).toBe(en.statistics.heading);
      expect(await page.locator('table[data-table="general"] caption').first().textContent()).toMatch(/^General complaints by kind, fiscal year 25\d\d BE$/);
      expect(await page.locator('table[data-table="corruption"] tbody tr:first-child th[scope="row"]').first().textContent()).toMatch(/^Oct 25\d\d BE$/);
      if ((await empty.count()) > 0) expect(await empty.first().textContent()).toBe(en.statistics.cells.noComplaints);
      await expectSuppressed(page, /^< 5fewer than 5$/);

      const origin = new URL(current().server.baseUrl).origin;
      expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
      expect(problems).toEqual([]);
    });
  }

  it("is served to anyone, cached publicly for five minutes, per language", async () => {
    const context = await current().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto("/statistics", { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toBe("public, max-age=300");
    expect(response?.headers()["vary"]).toMatch(/Cookie/i);
    // Every other page keeps the no-store default.
    const home = await page.goto("/", { waitUntil: "load" });
    expect(home?.headers()["cache-control"]).toBe("no-store");
  });

  it("prints the tables without the site's navigation", async () => {
    const { page } = await open({ javaScriptEnabled: false });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-navigation").isVisible()).toBe(false);
    expect(await page.locator('table[data-table="corruption"]').first().isVisible()).toBe(true);
    const pdf = await page.pdf({ format: "A4", landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});
