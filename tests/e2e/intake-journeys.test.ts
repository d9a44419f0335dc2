import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { en } from "../../app/i18n/messages/en";
import { th } from "../../app/i18n/messages/th";
import { postStaffMessage } from "../../app/messaging/messages.server";
import type { AppServices } from "../../app/services.server";
import { describeEachServer } from "../support/browser";
import { pdfEvidence } from "../support/evidence-files";
import { servicesOf } from "../support/server-services";

type Dictionary = typeof th | typeof en;
const languages = [
  { locale: "th", messages: th as Dictionary },
  { locale: "en", messages: en as Dictionary },
] as const;

const evidenceDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-evidence-"));

async function writeEvidence(name: string): Promise<string> {
  const file = path.join(evidenceDirectory, name);
  fs.writeFileSync(file, Buffer.from(await (await pdfEvidence(name)).arrayBuffer()));
  return file;
}

/** Clicks a submit button inside the page's main form and waits for the next page to load. */
async function submit(page: Page, label: string) {
  await Promise.all([page.waitForLoadState("load"), page.waitForResponse((response) => response.request().method() === "POST"), page.locator("main form").getByRole("button", { name: label }).click()]);
  await page.waitForLoadState("networkidle");
}

/** Waits until the main content shows the text: with JavaScript the page updates after the response. */
async function mainShows(page: Page, text: string) {
  await page.locator("main").getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
}

async function chooseLanguage(page: Page, locale: "th" | "en") {
  if (locale === "en") {
    await Promise.all([page.waitForURL(/./, { waitUntil: "load" }), page.getByRole("button", { name: "English" }).click()]);
  }
}

describeEachServer("public intake and tracking", (current) => {
  let services: AppServices;
  let officerId: string;
  beforeAll(async () => {
    services = servicesOf(current().server);
    officerId = (await services.db.selectFrom("staff_users").select("id").where("role", "=", "investigator").executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await services.db.destroy();
  });

  for (const { locale, messages } of languages) {
    for (const javaScriptEnabled of [true, false]) {
      const mode = `${locale}, ${javaScriptEnabled ? "with" : "without"} JavaScript`;

      it(`an anonymous tip: advice, form, receipt once, then tracking, a staff message, a reply and more evidence (${mode})`, async () => {
        const context = await current().newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await page.goto("/");
        await chooseLanguage(page, locale);
        await page.goto("/report");
        expect(await page.getByRole("heading", { name: messages.report.safety.heading }).count()).toBe(1);
        await page.selectOption("main [name=categoryCode]", "corruption.procurement");
        await page.fill("main [name=whatHappened]", "มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงการประกวดราคา โดยเจ้าหน้าที่พัสดุ");
        await page.fill("main [name=whenHappened]", "ต้นปี 2569");
        await page.fill("main [name=peopleInvolved]", "หัวหน้าฝ่ายพัสดุ");
        await page.check("main input[name=reporterRelation][value=staff]");
        await page.setInputFiles("main input[name=evidence]", await writeEvidence("quotation.pdf"));
        await submit(page, messages.report.submit);

        const codeElement = page.locator("[data-tracking-code]");
        const trackingCode = (await codeElement.getAttribute("data-tracking-code"))!;
        expect(trackingCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
        const reference = (await page.locator("[data-case-reference]").first().getAttribute("data-case-reference"))!;
        expect(reference).toMatch(/^PS-25\d\d-\d{6}$/);
        expect(page.url()).not.toContain(trackingCode);
        const receipt = (await page.locator("main").textContent())!;
        expect(receipt).toContain(messages.receipt.keepSafeTitle);
        // The promise is a Buddhist Era date.
        expect(receipt).toMatch(locale === "th" ? /แจ้งรับเรื่องภายในวันที่ \d{1,2} \S+ 25\d\d/ : /acknowledge your matter by \d{1,2} \w+ 25\d\d/);

        // The reporter comes back later and opens the case with the code, typed loosely.
        await page.goto("/track");
        await page.fill("main [name=code]", trackingCode.toLowerCase().replace(/-/g, " "));
        await submit(page, messages.tracking.lookup.submit);
        expect(page.url()).not.toContain(trackingCode);
        expect(await page.locator("[data-case-status]").getAttribute("data-case-status")).toBe("new");
        await mainShows(page, messages.tracking.timeline.events.filed);
        // An anonymous reporter's file is kept as evidence-N, not under the name it was sent with.
        await mainShows(page, "evidence-1.pdf");

        // An officer asks a question (the staff side is the next issue: its service is enough here).
        const caseRow = await services.db.selectFrom("cases").select("id").where("reference", "=", reference).executeTakeFirstOrThrow();
        await postStaffMessage(services, { caseId: caseRow.id, staffId: officerId, visibility: "reporter_thread", body: "ขอทราบเลขที่สัญญาเพิ่มเติม" }, Date.now());

        await page.goto("/track");
        await page.fill("main [name=code]", trackingCode);
        await submit(page, messages.tracking.lookup.submit);
        const main = page.locator("main");
        await mainShows(page, "ขอทราบเลขที่สัญญาเพิ่มเติม");
        expect(await main.locator(".badge", { hasText: messages.tracking.messages.new }).count()).toBe(1);

        await page.fill("main [name=message]", "สัญญาเลขที่ 12/2569");
        await submit(page, messages.tracking.reply.submit);
        await mainShows(page, messages.tracking.reply.sent);
        await mainShows(page, "สัญญาเลขที่ 12/2569");
        // Opened once already: the officer's message is no longer new.
        expect(await main.locator(".badge", { hasText: messages.tracking.messages.new }).count()).toBe(0);

        await page.setInputFiles("main input[name=evidence]", await writeEvidence("contract.pdf"));
        await submit(page, messages.tracking.evidence.submit);
        await mainShows(page, messages.tracking.evidence.sent);
        // Each sending numbers its own files: both are listed as evidence-1.pdf.
        expect(((await page.locator("main").textContent()) ?? "").split("evidence-1.pdf").length - 1).toBe(2);
        await context.close();
      });

      it(`a named complaint with consent gets a receipt and an acknowledgement e-mail without the code (${mode})`, async () => {
        const context = await current().newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await page.goto("/");
        await chooseLanguage(page, locale);
        await page.goto("/contact?kind=complaint");
        expect(await page.isChecked("main input[name=kind][value=complaint]")).toBe(true);
        await page.selectOption("main [name=categoryCode]", "complaint.service_quality");
        await page.fill("main [name=details]", "รอรับบริการที่จุดบริการนานกว่าสามชั่วโมง");
        await page.check("main input[name=identity][value=named]");
        await page.fill("main [name=name]", "สมหญิง ใจดี");
        const email = `somying.${locale}.${javaScriptEnabled ? "js" : "nojs"}.${current().server.dialect}@example.com`;
        await page.fill("main [name=email]", email);
        await page.check("main input[name=consent]");
        await submit(page, messages.contact.submit);
        const trackingCode = (await page.locator("[data-tracking-code]").getAttribute("data-tracking-code"))!;
        const reference = (await page.locator("[data-case-reference]").first().getAttribute("data-case-reference"))!;
        expect(trackingCode).toBeTruthy();

        // No SMTP_URL on the test server: the dispatcher writes .eml files (every second).
        const mailDirectory = path.join(current().server.dataDirectory, "mail");
        await expect
          .poll(() => (fs.existsSync(mailDirectory) ? fs.readdirSync(mailDirectory).map((file) => fs.readFileSync(path.join(mailDirectory, file), "utf8")) : []).find((mail) => mail.includes(email)), { timeout: 10_000 })
          .toBeTruthy();
        const mail = fs.readdirSync(mailDirectory).map((file) => fs.readFileSync(path.join(mailDirectory, file), "utf8")).find((text) => text.includes(email))!;
        expect(mail).toContain(reference);
        expect(mail).not.toContain(trackingCode);
        expect(mail).not.toContain(trackingCode.replace(/-/g, ""));
        await context.close();
      });

      it(`keeps everything typed when the form is sent back with translated errors (${mode})`, async () => {
        const context = await current().newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await page.goto("/");
        await chooseLanguage(page, locale);
        await page.goto("/report");
        await page.selectOption("main [name=categoryCode]", "corruption.bribery");
        await page.fill("main [name=whatHappened]", "สั้นไป");
        await page.fill("main [name=whereHappened]", "สำนักงานเขต");
        await page.check("main [name=reporterRelation][value=staff]");
        await page.locator("main form").getByRole("button", { name: messages.report.submit }).click();
        await page.waitForLoadState("networkidle");
        await mainShows(page, messages.validation.describeMore);
        expect(await page.inputValue("main [name=whatHappened]")).toBe("สั้นไป");
        expect(await page.inputValue("main [name=whereHappened]")).toBe("สำนักงานเขต");
        expect(await page.inputValue("main [name=categoryCode]")).toBe("corruption.bribery");
        expect(await page.isChecked("main [name=reporterRelation][value=staff]")).toBe(true);
        expect(await page.locator("[data-tracking-code]").count()).toBe(0);
        await context.close();
      });

      it(`keeps a reply typed on the case page when its code is refused for too many guesses (${mode})`, async () => {
        // A tip to follow, filed without a browser: its code is all that is needed.
        const tip = new FormData();
        tip.set("categoryCode", "corruption.bribery");
        tip.set("whatHappened", "มีการเรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง");
        tip.set("reporterRelation", "outside");
        const receipt = await (await fetch(`${current().server.baseUrl}/report`, { method: "POST", body: tip })).text();
        const trackingCode = /data-tracking-code="([^"]+)"/.exec(receipt)?.[1];
        if (!trackingCode) throw new Error("no receipt");

        // The reporter's address, as the one reverse proxy in front reports it (TRUST_PROXY=1).
        const address = `192.0.2.${locale === "th" ? 1 : 2}${javaScriptEnabled ? 1 : 2}`;
        const context = await current().newContext({ javaScriptEnabled, extraHTTPHeaders: { "X-Forwarded-For": address } });
        const page = await context.newPage();
        await page.goto("/");
        await chooseLanguage(page, locale);
        await page.goto("/track");
        await page.fill("main [name=code]", trackingCode);
        await submit(page, messages.tracking.lookup.submit);
        await mainShows(page, messages.tracking.reply.heading);

        // Meanwhile someone else behind the same address guesses codes until the address is throttled.
        const { generateTrackingCode } = await import("../../app/tracking/tracking-code");
        for (let guess = 0; guess < 10; guess += 1) {
          const form = new FormData();
          form.set("code", generateTrackingCode());
          await fetch(`${current().server.baseUrl}/track`, { method: "POST", body: form, headers: { "X-Forwarded-For": address } });
        }

        const typed = "เลขที่ใบเสร็จ 4471 ลงวันที่ 3 พฤศจิกายน";
        await page.fill("main [name=message]", typed);
        await submit(page, messages.tracking.reply.submit);
        await mainShows(page, messages.tracking.lookup.unsentReplyTitle);
        expect(await page.inputValue("main [name=message]")).toBe(typed);

        // From another address (the wait over, in effect), the same form sends the kept message.
        await page.setExtraHTTPHeaders({ "X-Forwarded-For": `${address}0` });
        await page.fill("main [name=code]", trackingCode);
        await submit(page, messages.tracking.reply.submit);
        await mainShows(page, messages.tracking.reply.sent);
        await mainShows(page, typed);
        await context.close();
      });

      it(`tells a mistyped code from an unknown one (${mode})`, async () => {
        const context = await current().newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await page.goto("/");
        await chooseLanguage(page, locale);
        await page.goto("/track");
        // A valid code with one symbol changed fails its check symbol.
        const { generateTrackingCode, formatTrackingCode } = await import("../../app/tracking/tracking-code");
        const unknown = formatTrackingCode(generateTrackingCode());
        const mistyped = unknown.slice(0, 2) + (unknown[2] === "7" ? "8" : "7") + unknown.slice(3);
        await page.fill("main [name=code]", mistyped);
        await submit(page, messages.tracking.lookup.submit);
        await mainShows(page, messages.validation.trackingCodeMistyped);
        expect(await page.inputValue("main [name=code]")).toBe(mistyped);
        await page.fill("main [name=code]", unknown);
        await submit(page, messages.tracking.lookup.submit);
        await mainShows(page, messages.validation.trackingCodeUnknown);
        await context.close();
      });
    }
  }
});
