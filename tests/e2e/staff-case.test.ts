import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { performCaseAction } from "../../app/cases/case-actions.server";
import { th } from "../../app/i18n/messages/th";
import { fileCase } from "../../app/intake/intake.server";
import type { AppServices } from "../../app/services.server";
import { describeEachServer } from "../support/browser";
import { pdfEvidence } from "../support/evidence-files";
import { servicesOf } from "../support/server-services";

/*
 * The investigator's case page in the browser, with and without JavaScript: a fresh corruption tip
 * of the investigator's team is opened, read, acknowledged and answered, and its timeline grows; an
 * intake officer, who has no business with corruption tips, is refused it.
 */

const demoPassword = "prongsai-demo-2569";

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** Clicks a submit button inside `scope` and waits until the answer (and any redirect) has loaded. */
async function submitIn(page: Page, scope: string, label: string) {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.locator(scope).getByRole("button", { name: label }).click(),
  ]);
  await page.waitForLoadState("networkidle");
}

async function signIn(page: Page, email: string) {
  await page.fill("main input[name=email]", email);
  await page.fill("main input[name=password]", demoPassword);
  await submitIn(page, "main form", th.staffAuth.login.submit);
}

async function timelineEvents(page: Page): Promise<string[]> {
  return page
    .locator("[data-timeline] [data-event]")
    .evaluateAll((entries) =>
      entries.map((entry) => entry.getAttribute("data-event") ?? "")
    );
}

describeEachServer("the staff case page", (current) => {
  let services: AppServices;
  beforeAll(() => {
    services = servicesOf(current().server);
  });
  afterAll(async () => {
    await services.db.destroy();
  });

  async function freshCorruptionTip(
    narrative: string
  ): Promise<{ caseId: string; reference: string }> {
    const filed = await fileCase(
      services,
      {
        kind: "corruption_tip",
        categoryCode: "corruption.bribery",
        narrative,
        details: { where: "ฝ่ายพัสดุ ชั้น 3" },
        peopleInvolved: "หัวหน้าฝ่ายพัสดุ",
        reporterRelation: "outside",
        files: [await pdfEvidence("ใบเสนอราคา.pdf")],
      },
      { channel: "web" },
      Date.now()
    );
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    return { caseId: filed.receipt.caseId, reference: filed.receipt.reference };
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
    async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
      const context = await current().newContext({
        javaScriptEnabled,
        viewport: { width: 1280, height: 900 },
      });
      return { context, page: await context.newPage() };
    }

    it(`an investigator reads a fresh tip of the team, acknowledges it and answers the reporter (${mode})`, async () => {
      const marker = randomUUID().slice(0, 8);
      const narrative = `เจ้าหน้าที่เรียกรับเงินค่าดำเนินการ ${marker}\nบรรทัดที่สอง: เกิดขึ้นหลายครั้ง`;
      const { caseId, reference } = await freshCorruptionTip(narrative);
      const casePath = `/staff/cases/${caseId}`;
      const { context, page } = await newPage();

      await page.goto(casePath);
      expect(pathOf(page)).toBe(
        `/staff/login?returnTo=${encodeURIComponent(casePath)}`
      );
      await signIn(page, "investigator@prongsai.example");
      await page.waitForURL(`**${casePath}`);
      // With JavaScript the address can change a moment before the case page is drawn: wait for it, not for the address.
      await page.locator("[data-narrative]").waitFor();

      // The decrypted narrative, line breaks and all; the tip is anonymous.
      expect(await page.locator("h1").textContent()).toBe(
        th.staffCase.heading.replace("{reference}", reference)
      );
      expect(await page.locator("[data-narrative]").textContent()).toBe(
        narrative
      );
      expect(
        await page
          .locator("[data-narrative]")
          .evaluate((element) => getComputedStyle(element).whiteSpace)
      ).toBe("pre-wrap");
      expect(await page.locator("[data-case-status]").textContent()).toBe(
        th.staffCase.statuses.new
      );
      await page
        .locator("[data-reporter]")
        .getByText(th.staffCase.reporter.anonymous)
        .waitFor();
      expect(
        await page
          .locator("[data-next-deadline]")
          .getAttribute("data-next-deadline")
      ).toBe("acknowledge");
      expect(
        await page
          .locator("[data-countdown]")
          .first()
          .getAttribute("data-countdown")
      ).toBe("on_track");
      expect(await timelineEvents(page)).toEqual(["filed"]);

      // The evidence downloads as an attachment, never inline or sniffed.
      const href = await page
        .getByRole("link", {
          name: th.staffCase.attachments.download.replace(
            "{fileName}",
            // An anonymous reporter's file is kept as evidence-N, not under the name it was sent with.
            "evidence-1.pdf"
          ),
        })
        .getAttribute("href");
      expect(href).toMatch(new RegExp(`^/staff/cases/${caseId}/attachments/`));
      const download = await context.request.get(href!);
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toBe("application/pdf");
      expect(download.headers()["content-disposition"]).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent("evidence-1.pdf")}`
      );
      expect(download.headers()["x-content-type-options"]).toBe("nosniff");
      expect(download.headers()["cache-control"]).toBe("no-store");
      expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");

      // Acknowledge: one press, back on the page with the news.
      await submitIn(
        page,
        "form[data-intent=acknowledge]",
        th.staffCase.actions.acknowledge.submit
      );
      await page.waitForURL(`**${casePath}?done=acknowledge`);
      await page
        .locator("[data-done=acknowledge]")
        .getByText(th.staffCase.done.acknowledge)
        .waitFor();
      expect(await page.locator("[data-case-status]").textContent()).toBe(
        th.staffCase.statuses.acknowledged
      );
      expect(await timelineEvents(page)).toEqual(["filed", "acknowledge"]);

      // An empty reply is refused beside its form, and nothing is sent.
      await submitIn(
        page,
        "form[data-intent=reply]",
        th.staffCase.actions.reply.submit
      );
      await page
        .locator("form[data-intent=reply] [data-problem=invalid_input]")
        .waitFor();
      await page
        .locator("form[data-intent=reply] .field__error")
        .getByText(th.staffCase.issues.required)
        .waitFor();
      expect(await timelineEvents(page)).toEqual(["filed", "acknowledge"]);

      const reply = `ขอบคุณสำหรับข้อมูล ${marker}\nเจ้าหน้าที่กำลังตรวจสอบ`;
      await page.fill("form[data-intent=reply] textarea[name=message]", reply);
      await submitIn(
        page,
        "form[data-intent=reply]",
        th.staffCase.actions.reply.submit
      );
      await page.waitForURL(`**${casePath}?done=reply`);
      await page
        .locator("[data-done=reply]")
        .getByText(th.staffCase.done.reply)
        .waitFor();
      expect(
        await page
          .locator("[data-messages=thread] .message__body")
          .last()
          .textContent()
      ).toBe(reply);
      expect(
        await page
          .locator("[data-messages=thread] .message__author")
          .last()
          .textContent()
      ).toBe("สุดา ตรวจสอบ");
      expect(
        await page.inputValue("form[data-intent=reply] textarea[name=message]")
      ).toBe("");
      expect(await timelineEvents(page)).toEqual([
        "filed",
        "acknowledge",
        "staff_replied",
      ]);
      expect(
        await page
          .locator("[data-timeline] [data-event=acknowledge]")
          .textContent()
      ).toContain("สุดา ตรวจสอบ");
    });

    it(`a reply written while the supervisor resolved the tip is refused, and what was typed stays on the page (${mode})`, async () => {
      const { caseId } = await freshCorruptionTip(
        `เบาะแสสำหรับทดสอบการตอบที่ถูกปฏิเสธ ${randomUUID().slice(0, 8)}`
      );
      const casePath = `/staff/cases/${caseId}`;
      const { context, page } = await newPage();
      await page.goto(casePath);
      await signIn(page, "investigator@prongsai.example");
      await page.waitForURL(`**${casePath}`);

      const reply = `เรียนผู้แจ้ง ${randomUUID().slice(0, 8)}\n${"หน่วยงานได้ตรวจสอบเรื่องของท่านโดยละเอียดแล้ว ".repeat(20)}\nขอบคุณครับ`;
      await page.fill("form[data-intent=reply] textarea[name=message]", reply);
      // Meanwhile the team's supervisor ends the tip.
      const supervisor = await services.db
        .selectFrom("staff_users")
        .select(["id", "role", "team_id"])
        .where("email", "=", "supervisor@prongsai.example")
        .executeTakeFirstOrThrow();
      for (const command of [
        { type: "acknowledge" },
        { type: "resolve", outcome: "unsubstantiated" },
      ])
        expect(
          await performCaseAction(
            services,
            { id: supervisor.id, role: supervisor.role, teamId: supervisor.team_id },
            caseId,
            command,
            Date.now()
          )
        ).toEqual({ done: true });

      const [answer] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === "POST"),
        page
          .locator("form[data-intent=reply]")
          .getByRole("button", { name: th.staffCase.actions.reply.submit })
          .click(),
      ]);
      expect(answer.status()).toBe(409);
      const alert = page.locator("[data-problem=not_allowed_in_status]");
      await alert.waitFor();
      expect(await alert.textContent()).toContain(
        th.staffCase.problems.not_allowed_in_status
      );
      // Without JavaScript the page comes back with the tip as it is now, where replying is not
      // offered: the refusal stands in the form's place, with the reply read-only to copy. With
      // JavaScript the page stays as it was, the reply in its form.
      const kept = javaScriptEnabled
        ? "form[data-intent=reply] textarea[name=message]"
        : "[data-refused-intent=reply] textarea[readonly]";
      expect(await page.inputValue(kept)).toBe(reply);
      if (!javaScriptEnabled) {
        expect(await page.locator("form[data-intent=reply]").count()).toBe(0);
        expect(await alert.textContent()).toContain(th.staffCase.refused.typedBelow);
      }
      const stored = await services.db
        .selectFrom("messages")
        .select("id")
        .where("case_id", "=", caseId)
        .execute();
      expect(stored).toEqual([]);
      await context.close();
    });

    it(`an intake officer is refused a corruption tip (${mode})`, async () => {
      const { caseId } = await freshCorruptionTip(
        `เบาะแสสำหรับทดสอบสิทธิ์ ${randomUUID().slice(0, 8)}`
      );
      const casePath = `/staff/cases/${caseId}`;
      const { context, page } = await newPage();
      await page.goto("/staff/login");
      await signIn(page, "intake@prongsai.example");

      const response = await page.goto(casePath);
      expect(response?.status()).toBe(403);
      expect(await page.locator("main").textContent()).not.toContain(
        "เบาะแสสำหรับทดสอบสิทธิ์"
      );
      const files = await context.request.get(
        `${casePath}/attachments/${randomUUID()}`
      );
      expect(files.status()).toBe(403);
    });
  }
});
