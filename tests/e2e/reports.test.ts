import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fiscalYearOf } from "../../app/calendar/thai-calendar";
import { en } from "../../app/i18n/messages/en";
import { th } from "../../app/i18n/messages/th";
import type { AppServices } from "../../app/services.server";
import { describeEachServer } from "../support/browser";
import { servicesOf } from "../support/server-services";

/*
 * The reports page in the browser, without JavaScript (it needs none): a supervisor signs in, opens
 * /staff/reports in Thai, picks a fiscal year and a quarter, sees each chart followed by its table,
 * downloads the XLSX, and reads the same page in English.
 */

const demoPassword = "prongsai-demo-2569";

async function submitIn(page: Page, scope: string, label: string, method = "POST") {
  await Promise.all([page.waitForResponse((response) => response.request().method() === method && response.status() < 400), page.locator(scope).getByRole("button", { name: label }).click()]);
  await page.waitForLoadState("load");
}

describeEachServer("the staff reports page", (current) => {
  let services: AppServices;
  beforeAll(() => {
    services = servicesOf(current().server);
  });
  afterAll(async () => {
    await services.db.destroy();
  });

  it("a supervisor picks a fiscal year and a quarter, reads the charts and their tables, downloads the XLSX, in Thai and in English", async () => {
    const context = await current().newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const fiscalYear = fiscalYearOf(Date.now());

    await page.goto("/staff/reports");
    expect(new URL(page.url()).pathname).toBe("/staff/login");
    await page.fill("main input[name=email]", "supervisor@prongsai.example");
    await page.fill("main input[name=password]", demoPassword);
    await submitIn(page, "main form", th.staffAuth.login.submit);
    await page.waitForURL("**/staff/reports");
    expect(await page.getAttribute("html", "lang")).toBe("th");
    expect(await page.locator("h1").textContent()).toBe(th.reports.view.heading);

    // Pick the year and its first quarter with the GET form.
    await page.selectOption("#report-fiscal-year", String(fiscalYear));
    await page.selectOption("#report-period", "Q1");
    await Promise.all([page.waitForURL(/period=Q1/), page.getByRole("button", { name: th.reports.view.filters.apply }).click()]);
    expect(new URL(page.url()).searchParams.get("fy")).toBe(String(fiscalYear));
    expect(await page.locator("#report-period-heading").textContent()).toBe(th.reports.periods.quarter.replace("{quarter}", "1").replace("{fiscalYear}", String(fiscalYear)));

    // Four charts, each an image with a title, each followed by the table of its numbers.
    const charts = page.locator("svg.chart__image[role=img]");
    expect(await charts.count()).toBe(4);
    for (const heading of [th.reports.view.trend.heading, th.reports.metrics.receivedByCategory.name, th.reports.metrics.receivedByChannel.name, th.reports.view.sla.heading]) {
      await page.getByRole("img", { name: heading }).waitFor();
    }
    expect(await page.locator(".chart + .table-wrapper > table").count()).toBe(4);
    // The quarter's three months, October first.
    expect(await page.locator("#report-trend-heading ~ .table-wrapper tbody tr").count()).toBe(3);

    // The XLSX: an attachment, never cached, with Thai sheet names.
    const href = await page.getByRole("link", { name: th.reports.view.downloads.xlsx }).getAttribute("href");
    expect(href).toBe(`/staff/reports/export?fy=${fiscalYear}&format=xlsx`);
    const download = await context.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toBe(`attachment; filename="prongsai-ita-${fiscalYear}.xlsx"`);
    expect(download.headers()["cache-control"]).toBe("no-store");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download.body()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain(th.reports.evidence.sheets.oit);

    // The same page in English.
    await Promise.all([page.waitForURL(/staff\/reports/, { waitUntil: "load" }), page.getByRole("button", { name: "English" }).click()]);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe(en.reports.view.heading);
    expect(new URL(page.url()).searchParams.get("period")).toBe("Q1");
    await page.getByRole("img", { name: en.reports.view.sla.heading }).waitFor();
    expect(await page.locator(".chart + .table-wrapper > table").count()).toBe(4);
    await context.close();
  });
});
