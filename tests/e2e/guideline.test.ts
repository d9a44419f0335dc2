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

describeEachServer("the complaint-handling guideline", (current) => {
  async function open(options: { javaScriptEnabled: boolean; width?: number }): Promise<{ context: BrowserContext; page: Page; requests: string[]; problems: string[] }> {
    const context = await current().newContext({ javaScriptEnabled: options.javaScriptEnabled, viewport: { width: options.width ?? 1280, height: 900 } });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto("/", { waitUntil: "networkidle" });
    await Promise.all([page.waitForURL("**/guideline", { waitUntil: "load" }), page.getByRole("link", { name: th.footer.guideline }).click()]);
    await page.waitForLoadState("networkidle");
    // With JavaScript the footer link navigates in the page: the URL changes before the new page is drawn.
    await page.locator("h1", { hasText: th.guideline.heading }).waitFor();
    return { context, page, requests, problems };
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

    it(`is reached from the footer and states channels, steps, units and times in Thai, ${mode}`, async () => {
      const { page, requests, problems } = await open({ javaScriptEnabled });
      expect(await page.getAttribute("html", "lang")).toBe("th");
      expect(await page.locator("h1").textContent()).toBe(th.guideline.heading);
      for (const section of ["channels", "steps", "teams", "timeframes", "tracking", "protection", "escalation", "external"] as const) {
        expect(await page.getByRole("region", { name: th.guideline[section].heading }).count(), section).toBe(1);
      }
      expect(await page.getByText(/^ข้อมูล ณ วันที่ \d{1,2} \S+ 25\d\d$/).count()).toBe(1);
      // The seeded corruption categories promise to acknowledge within business days.
      const corruption = page.locator('table[data-kind="corruption_tip"]');
      expect(await corruption.locator('tr[data-category="corruption.bribery"] td[data-clock="acknowledge"]').textContent()).toMatch(/^\d+ วันทำการ$/);
      expect(await page.locator("#guideline-channels").getByRole("link", { name: th.guideline.channels.corruption }).getAttribute("href")).toBe("/report");

      const origin = new URL(current().server.baseUrl).origin;
      expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
      expect(problems).toEqual([]);
    });
  }

  it("switches to English without JavaScript", async () => {
    const { page } = await open({ javaScriptEnabled: false });
    await Promise.all([page.waitForURL(/guideline/, { waitUntil: "load" }), page.getByRole("button", { name: "English" }).click()]);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe(en.guideline.heading);
    expect(await page.locator('tr[data-category="corruption.bribery"] td[data-clock="acknowledge"]').textContent()).toMatch(/^\d+ business days?$/);
  });

  it("prints the guideline without the site's navigation or the table of contents", async () => {
    const { page } = await open({ javaScriptEnabled: false });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-navigation").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: th.guideline.contents.label }).isVisible()).toBe(false);
    expect(await page.locator('table[data-kind="complaint"]').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("fits a 360 px screen without sideways scrolling", async () => {
    const { page } = await open({ javaScriptEnabled: false, width: 360 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
