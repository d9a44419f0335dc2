import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { th } from "../../app/i18n/messages/th";
import { fileCase } from "../../app/intake/intake.server";
import type { AppServices } from "../../app/services.server";
import { describeEachServer } from "../support/browser";
import { servicesOf } from "../support/server-services";

/*
 * The whole life of a corruption tip, staff side and reporter side in two browsers: an investigator
 * finds the tip in the team queue, acknowledges it and asks the reporter a question; the reporter
 * answers on /track; resolving and closing it take the supervisor (a tip's end needs the approval
 * right of its team's supervisor; the investigator's page says so). After each step the reporter's page shows what the reporter may see.
 */

const demoPassword = "prongsai-demo-2569";

async function submitIn(page: Page, scope: string, label: string) {
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), page.locator(scope).getByRole("button", { name: label }).click()]);
  await page.waitForLoadState("networkidle");
}

async function signIn(page: Page, email: string) {
  await page.goto("/staff/login");
  await page.fill("main input[name=email]", email);
  await page.fill("main input[name=password]", demoPassword);
  await submitIn(page, "main form", th.staffAuth.login.submit);
}

describeEachServer("a tip's whole lifecycle", (current) => {
  let services: AppServices;
  beforeAll(() => {
    services = servicesOf(current().server);
  });
  afterAll(async () => {
    await services.db.destroy();
  });

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
    const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await current().newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
      return { context, page: await context.newPage() };
    };

    it(`queue → acknowledge → ask → the reporter answers on /track → resolve → the supervisor closes (${mode})`, async () => {
      const marker = randomUUID().slice(0, 8);
      const filed = await fileCase(
        services,
        { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: `เรียกรับเงินเพื่อออกใบอนุญาต ${marker}`, details: {}, reporterRelation: "outside", files: [] },
        { channel: "web" },
        Date.now(),
      );
      if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
      const { caseId, reference, trackingCode } = filed.receipt;
      const casePath = `/staff/cases/${caseId}`;

      const reporter = await newPage();
      /** The reporter opens the case with the code, as they would each time they come back. */
      const reporterLooks = async () => {
        await reporter.page.goto("/track");
        await reporter.page.fill("main [name=code]", trackingCode);
        await submitIn(reporter.page, "main form", th.tracking.lookup.submit);
        return {
          status: await reporter.page.locator("[data-case-status]").getAttribute("data-case-status"),
          text: (await reporter.page.locator("main").textContent()) ?? "",
        };
      };

      // The investigator finds the tip in the team's queue (following "next page" as a person would).
      const investigator = await newPage();
      await signIn(investigator.page, "investigator@prongsai.example");
      await investigator.page.goto("/staff?queue=team&kind=corruption_tip");
      for (let pages = 0; (await investigator.page.getByRole("link", { name: reference, exact: true }).count()) === 0; pages++) {
        expect(pages, `${reference} is not in the team queue`).toBeLessThan(30);
        await investigator.page.getByRole("link", { name: th.staffWorkspace.pagination.next }).click();
        await investigator.page.waitForLoadState("networkidle");
      }
      await investigator.page.getByRole("link", { name: reference, exact: true }).click();
      await investigator.page.waitForURL(`**${casePath}`);

      await submitIn(investigator.page, "form[data-intent=acknowledge]", th.staffCase.actions.acknowledge.submit);
      await investigator.page.waitForURL(`**${casePath}?done=acknowledge`);
      await investigator.page.locator("[data-done=acknowledge]").waitFor();
      let seen = await reporterLooks();
      expect(seen.status).toBe("acknowledged");
      expect(seen.text).toContain(th.tracking.timeline.events.acknowledge);

      const question = `ขอทราบวันและเวลาที่เกิดเหตุ ${marker}`;
      await investigator.page.fill("form[data-intent=ask_reporter] textarea[name=message]", question);
      await submitIn(investigator.page, "form[data-intent=ask_reporter]", th.staffCase.actions.ask_reporter.submit);
      await investigator.page.waitForURL(`**${casePath}?done=ask_reporter`);
      await investigator.page.locator("[data-done=ask_reporter]").waitFor();
      expect(await investigator.page.locator("[data-case-status]").textContent()).toBe(th.staffCase.statuses.awaiting_reporter);

      seen = await reporterLooks();
      expect(seen.status).toBe("awaiting_reporter");
      expect(seen.text).toContain(question);
      const answer = `วันที่ 3 มีนาคม เวลาประมาณบ่ายสองโมง ${marker}`;
      await reporter.page.fill("main [name=message]", answer);
      await submitIn(reporter.page, "main form:has([name=message])", th.tracking.reply.submit);
      await reporter.page.locator("main").getByText(th.tracking.reply.sent).waitFor();

      // The answer reaches the investigator's thread, and the clock runs again.
      await investigator.page.goto(casePath);
      expect(await investigator.page.locator("[data-messages=thread] .message__body").last().textContent()).toBe(answer);
      expect(await investigator.page.locator("[data-case-status]").textContent()).not.toBe(th.staffCase.statuses.awaiting_reporter);

      // An investigator may not end a corruption tip: no resolve, close or reject form, and the page says whose it is.
      for (const intent of ["resolve", "close", "reject"]) expect(await investigator.page.locator(`form[data-intent=${intent}]`).count()).toBe(0);
      expect(await investigator.page.locator("[data-ending-is-for-the-supervisor]").textContent()).toBe(th.staffCase.actions.endingIsForTheSupervisor);

      // Less frequent commands sit behind a disclosure; it opens without JavaScript too.
      const supervisor = await newPage();
      await signIn(supervisor.page, "supervisor@prongsai.example");
      await supervisor.page.goto(casePath);
      expect(await supervisor.page.locator("[data-ending-is-for-the-supervisor]").count()).toBe(0);
      await supervisor.page.locator("details", { has: supervisor.page.locator("form[data-intent=resolve]") }).locator("summary").click();
      await supervisor.page.selectOption("form[data-intent=resolve] select[name=outcome]", "substantiated");
      await submitIn(supervisor.page, "form[data-intent=resolve]", th.staffCase.actions.resolve.submit);
      await supervisor.page.waitForURL(`**${casePath}?done=resolve`);
      await supervisor.page.locator("[data-done=resolve]").waitFor();
      expect(await supervisor.page.locator("[data-case-status]").textContent()).toBe(th.staffCase.statuses.resolved);
      seen = await reporterLooks();
      expect(seen.status).toBe("resolved");
      expect(seen.text).toContain(th.tracking.timeline.events.resolve);

      await submitIn(supervisor.page, "form[data-intent=close]", th.staffCase.actions.close.submit);
      await supervisor.page.waitForURL(`**${casePath}?done=close`);
      await supervisor.page.locator("[data-done=close]").waitFor();
      expect(await supervisor.page.locator("[data-case-status]").textContent()).toBe(th.staffCase.statuses.closed);
      seen = await reporterLooks();
      expect(seen.status).toBe("closed");
      expect(seen.text).toContain(th.tracking.timeline.events.close);
      // Staff-only writing never reaches the reporter.
      expect(seen.text).not.toContain("สุดา ตรวจสอบ");

      for (const { context } of [reporter, investigator, supervisor]) await context.close();
    });
  }
});
