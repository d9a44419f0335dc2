import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { Secret, TOTP } from "otpauth";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { recordEscalation } from "../../app/escalation/escalations.server";
import { th } from "../../app/i18n/messages/th";
import { fileCase } from "../../app/intake/intake.server";
import type { AppServices } from "../../app/services.server";
import { describeEachServer } from "../support/browser";
import { servicesOf } from "../support/server-services";

/*
 * The executive's side of escalation in the browser, with and without JavaScript: a tip long past
 * its resolution deadline is escalated; a fresh executive signs in (setting up the authenticator),
 * finds it in the inbox, reads why and decides; the case page's timeline shows the decision, and the
 * reporter on /track reads what was decided — never the executive's note.
 */

const freshPassword = "ผู้บริหาร-ตัดสินใจ-ทุกเรื่อง";
const dayMs = 86_400_000;

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

async function timelineEvents(page: Page): Promise<string[]> {
  return page.locator("[data-timeline] [data-event]").evaluateAll((entries) => entries.map((entry) => entry.getAttribute("data-event") ?? ""));
}

describeEachServer("the executives' escalation inbox", (current) => {
  let services: AppServices;
  beforeAll(() => {
    services = servicesOf(current().server);
  });
  afterAll(async () => {
    await services.db.destroy();
  });

  /** A tip filed 200 days ago (its resolve clock long breached), escalated as the sweep would. */
  async function breachedEscalatedTip(narrative: string) {
    const filedAt = Date.now() - 200 * dayMs;
    const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative, details: {}, reporterRelation: "outside", files: [] }, { channel: "web" }, filedAt);
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const { caseId, reference, trackingCode } = filed.receipt;
    // The server's own sweep may have escalated it first: that escalation stands (unique per rule).
    await services.db
      .transaction()
      .execute((transaction) => recordEscalation(transaction, services, { caseId, reference, rule: "resolve_breached", reason: "resolve_breached", actor: { type: "system", id: null }, recused: new Set() }, Date.now()));
    const escalation = await services.db.selectFrom("escalations").select(["id", "routed_to_role"]).where("case_id", "=", caseId).where("rule", "=", "resolve_breached").executeTakeFirstOrThrow();
    expect(escalation.routed_to_role).toBe("executive");
    return { caseId, reference, trackingCode, escalationId: escalation.id };
  }

  async function freshExecutive(): Promise<string> {
    const email = `executive-${randomUUID().slice(0, 8)}@e2e.prongsai.example`;
    const created = await createStaffUser(services, { email, displayName: `ผู้บริหาร ${randomUUID().slice(0, 6)}`, role: "executive", teamCode: null, password: freshPassword }, { type: "system" }, Date.now());
    expect(created).toHaveProperty("staffUserId");
    return email;
  }

  /** Signs in from the sign-in page it is on and sets up the authenticator, as a first sign-in does. */
  async function signInWithNewAuthenticator(page: Page, email: string) {
    await page.fill("main input[name=email]", email);
    await page.fill("main input[name=password]", freshPassword);
    await submitIn(page, "main form", th.staffAuth.login.submit);
    await page.getByRole("heading", { name: th.staffAuth.secondFactor.enrolHeading }).waitFor();
    const secret = (await page.locator("[data-totp-secret]").getAttribute("data-totp-secret"))!;
    await page.fill("main input[name=code]", new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await submitIn(page, "main form", th.staffAuth.secondFactor.enrolSubmit);
  }

  /** The inbox row of `reference`, following "next page" while it is not on the page (other tests escalate too). */
  async function findInboxRow(page: Page, reference: string) {
    for (let pages = 0; pages < 40; pages += 1) {
      const row = page.locator(`tr[data-reference="${reference}"]`);
      if ((await row.count()) > 0) return row;
      const next = page.getByRole("navigation", { name: th.escalations.inbox.pagination.label }).getByRole("link", { name: th.escalations.inbox.pagination.next });
      if ((await next.count()) === 0) break;
      const before = page.url();
      await Promise.all([page.waitForURL((url) => url.searchParams.has("after") && url.href !== before), next.click()]);
      await page.waitForLoadState("networkidle");
    }
    throw new Error(`${reference} is not in the inbox`);
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
    async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
      const context = await current().newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
      return { context, page: await context.newPage() };
    }

    it(`a breached tip reaches an executive's inbox; the decision shows on the case and, without its note, on /track (${mode})`, async () => {
      const marker = randomUUID().slice(0, 8);
      const tip = await breachedEscalatedTip(`จัดซื้อโดยไม่ผ่านการประกวดราคา ${marker}`);
      const email = await freshExecutive();
      const note = `ตั้งคณะกรรมการภายใน 7 วัน รายงานผลภายใน 30 วัน ${marker}`;
      const { context, page } = await newPage();

      await page.goto("/staff/escalations");
      expect(pathOf(page)).toBe(`/staff/login?returnTo=${encodeURIComponent("/staff/escalations")}`);
      await signInWithNewAuthenticator(page, email);
      await page.waitForURL((url) => url.pathname === "/staff/escalations", { timeout: 10_000 });
      await page.getByRole("heading", { name: th.escalations.inbox.heading }).waitFor();

      // The inbox row: why (the rule, translated), and a link to the escalation.
      const row = await findInboxRow(page, tip.reference);
      expect(await row.getAttribute("data-escalation-id")).toBe(tip.escalationId);
      expect(await row.locator("[data-rule]").getAttribute("data-rule")).toBe("resolve_breached");
      expect(await row.locator("[data-rule]").textContent()).toContain(th.escalations.rules.resolve_breached);
      await Promise.all([page.waitForURL(`**/staff/escalations/${tip.escalationId}`), row.getByRole("link", { name: tip.reference }).click()]);
      await page.waitForLoadState("networkidle");

      // The escalation's page: the case summary and narrative, without the reporter; the form.
      // In-page navigation (JavaScript) changes the address before it draws the page: wait for the heading.
      await page.locator("h1", { hasText: th.escalations.escalationPage.heading.replace("{reference}", tip.reference) }).waitFor();
      expect(await page.locator("h1").textContent()).toBe(th.escalations.escalationPage.heading.replace("{reference}", tip.reference));
      expect(await page.locator("[data-narrative]").textContent()).toContain(marker);
      expect(await page.locator("[data-decisions]").count()).toBe(0);

      // A note is required: the refusal keeps the decision chosen.
      await page.selectOption("main select[name=decision]", "appoint_committee");
      await submitIn(page, "[data-decision-form]", th.escalations.decisionForm.submit);
      await page.locator("[data-decision-form] [data-problem=invalid_input]").waitFor();
      expect(await page.locator("main select[name=decision]").inputValue()).toBe("appoint_committee");

      await page.fill("main textarea[name=note]", note);
      await submitIn(page, "[data-decision-form]", th.escalations.decisionForm.submit);
      await page.waitForURL((url) => url.pathname === `/staff/escalations/${tip.escalationId}` && url.searchParams.get("done") === "1", { timeout: 10_000 });
      await page.locator("[data-done=decided]").waitFor();
      expect(await page.locator("[data-decision-form]").count()).toBe(0);
      const decisionEntry = page.locator("[data-decisions] [data-decision=appoint_committee]");
      expect(await decisionEntry.locator("[data-decision-note]").textContent()).toBe(note);

      // The full case page: its timeline shows the decision.
      await Promise.all([page.waitForURL(`**/staff/cases/${tip.caseId}`), page.getByRole("link", { name: th.escalations.escalationPage.openCase }).click()]);
      await page.waitForLoadState("networkidle");
      expect(await timelineEvents(page)).toContain("executive_appointed_committee");
      await page.locator("[data-timeline]").getByText(th.staffCase.timeline.events.executive_appointed_committee).waitFor();

      // The decided tab lists it with its decision.
      await page.goto("/staff/escalations?tab=decided");
      const decidedRow = await findInboxRow(page, tip.reference);
      expect(await decidedRow.locator("[data-decision]").getAttribute("data-decision")).toBe("appoint_committee");
      await context.close();

      // The reporter, with the code: what was decided, never the note.
      const reporter = await newPage();
      await reporter.page.goto("/track");
      await reporter.page.fill("main [name=code]", tip.trackingCode);
      await submitIn(reporter.page, "main form", th.tracking.lookup.submit);
      const main = reporter.page.locator("main");
      await main.getByText(th.tracking.timeline.events.executive_appointed_committee).waitFor();
      expect(await main.textContent()).not.toContain(note);
      await reporter.context.close();
    });
  }
});
