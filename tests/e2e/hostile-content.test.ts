import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { th } from "../../app/i18n/messages/th";
import { fileCase } from "../../app/intake/intake.server";
import { postStaffMessage } from "../../app/messaging/messages.server";
import type { AppServices } from "../../app/services.server";
import { describeEachServer } from "../support/browser";
import { pdfEvidence } from "../support/evidence-files";
import { servicesOf } from "../support/server-services";

/*
 * Stored hostile text rendered through the whole HTML of the pages that show it: the reporter's
 * tracking page and the investigator's case page, with JavaScript on (so a script that got through
 * would run). The fuzz tests prove hostile input is stored and read back verbatim; this proves it
 * reaches the reader as text. The check does not lean on the CSP, which would block an injected
 * inline script anyway: no element of the hostile markup may exist in the DOM at all.
 */

const demoPassword = "prongsai-demo-2569";

function hostile(place: string): string {
  return [
    `<script>window.__pwned = "${place}"</script>`,
    `<img src=x onerror="window.__pwned = '${place}'" data-pwned>`,
    `"'><svg onload="window.__pwned = '${place}'" data-pwned></svg>`,
    `<a href="javascript:window.__pwned='${place}'" data-pwned>link</a>`,
    // A right-to-left override and a stack of Thai combining marks: shown as they are, harmlessly.
    `\u202e${place} ก่่่่่่ ${"\u0e49".repeat(8)}`,
  ].join(" ");
}

/** Nothing of the hostile markup became an element, and no script it carried ran. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await page.locator("main [data-pwned], main [onerror], main [onload], main svg[onload], main a[href^='javascript:']").count()).toBe(0);
  expect(await page.locator("main script").count()).toBe(0);
}

async function submitIn(page: Page, scope: string, label: string) {
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), page.locator(scope).getByRole("button", { name: label }).click()]);
  await page.waitForLoadState("networkidle");
}

describeEachServer("hostile text on the pages that show it", (current) => {
  let services: AppServices;
  let investigatorId: string;
  beforeAll(async () => {
    services = servicesOf(current().server);
    investigatorId = (await services.db.selectFrom("staff_users").select("id").where("email", "=", "investigator@prongsai.example").executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await services.db.destroy();
  });

  it("is shown as text, never run, to the reporter and to the investigator", async () => {
    const narrative = hostile("narrative");
    const filed = await fileCase(
      services,
      {
        kind: "corruption_tip",
        categoryCode: "corruption.bribery",
        narrative,
        details: { where: hostile("where") },
        peopleInvolved: hostile("people"),
        reporterRelation: "outside",
        files: [await pdfEvidence(`<img src=x onerror="window.__pwned='file'">.pdf`)],
      },
      { channel: "web" },
      Date.now(),
    );
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const { caseId, trackingCode } = filed.receipt;
    const staffMessage = hostile("staff message");
    await postStaffMessage(services, { caseId, staffId: investigatorId, visibility: "reporter_thread", body: staffMessage }, Date.now());

    const context = await current().newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    // The reporter: the officer's message, then a hostile reply of their own, on the tracking page.
    await page.goto("/track");
    await page.fill("main [name=code]", trackingCode);
    await submitIn(page, "main form", th.tracking.lookup.submit);
    await page.locator("main").getByText("staff message", { exact: false }).first().waitFor();
    expect(await page.locator("main").textContent()).toContain(staffMessage);
    await expectInert(page);
    const reply = hostile("reply");
    await page.fill("main [name=message]", reply);
    await submitIn(page, "main form:has([name=message])", th.tracking.reply.submit);
    await page.locator("main").getByText(th.tracking.reply.sent).first().waitFor();
    expect(await page.locator("main").textContent()).toContain(reply);
    await expectInert(page);

    // The investigator: the narrative, the details, the people named, the file name and the reply.
    await page.goto(`/staff/cases/${caseId}`);
    await page.fill("main input[name=email]", "investigator@prongsai.example");
    await page.fill("main input[name=password]", demoPassword);
    await submitIn(page, "main form", th.staffAuth.login.submit);
    await page.waitForURL(`**/staff/cases/${caseId}`);
    expect(await page.locator("[data-narrative]").textContent()).toBe(narrative);
    const main = (await page.locator("main").textContent())!;
    for (const text of [hostile("where"), hostile("people"), reply]) expect(main).toContain(text);
    expect(main).toContain(`.pdf`);
    await expectInert(page);

    expect(dialogs).toEqual([]);
    await context.close();
  });
});
