import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { Secret, TOTP } from "otpauth";
import { createStaffUser } from "../../app/auth/staff-users.server";
import type { StaffRole } from "../../app/db.server";
import { th } from "../../app/i18n/messages/th";
import type { AppServices } from "../../app/services.server";
import { describeEachServer } from "../support/browser";
import { servicesOf } from "../support/server-services";

/*
 * Staff sign-in in the browser, with and without JavaScript. The servers' database is shared by
 * every browser test, so a journey that changes an account (a wrong password, an enrolment,
 * "sign out everywhere") makes its own account rather than touch a seeded one.
 */

const demoPassword = "prongsai-demo-2569";
const freshPassword = "ทุกเรื่องมีคำตอบ-ชัดเจน";

/** Clicks a submit button inside the main content and waits until the answer (and any redirect) has loaded. */
async function submit(page: Page, label: string) {
  await Promise.all([
    page.waitForLoadState("load"),
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.locator("main form").getByRole("button", { name: label }).click(),
  ]);
  await page.waitForLoadState("networkidle");
}

async function signIn(page: Page, email: string, password: string) {
  await page.fill("main input[name=email]", email);
  await page.fill("main input[name=password]", password);
  await submit(page, th.staffAuth.login.submit);
}

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** With JavaScript a redirect after a form is followed in the page, a moment after the answer came: wait for the address. */
async function expectPath(page: Page, expected: string) {
  await page.waitForURL((url) => url.pathname + url.search === expected, { timeout: 10_000 }).catch(() => undefined);
  expect(pathOf(page)).toBe(expected);
}

/**
 * Signed in and past the sign-in pages: at /staff, or where /staff sends a role without queues (the
 * audit log, the escalation inbox). Those pages may not exist yet, so the layout is checked with roles
 * that have queues; here the session is proved by the sign-in page sending straight on.
 */
async function expectSignedInHome(page: Page, roleHome: string) {
  await page.waitForURL((url) => url.pathname === "/staff" || url.pathname === roleHome, { timeout: 10_000 }).catch(() => undefined);
  expect(["/staff", roleHome]).toContain(new URL(page.url()).pathname);
  await page.goto("/staff/login");
  expect(["/staff", roleHome]).toContain(new URL(page.url()).pathname);
}

async function staffNavigationLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: th.staffAuth.layout.navigationLabel });
  await nav.waitFor();
  return nav.getByRole("link").allTextContents();
}

describeEachServer("staff sign-in", (current) => {
  let services: AppServices;
  beforeAll(() => {
    services = servicesOf(current().server);
  });
  afterAll(async () => {
    await services.db.destroy();
  });

  async function freshAccount(role: StaffRole, teamCode: string | null): Promise<{ email: string; displayName: string }> {
    const email = `${role.replace("_", "-")}-${randomUUID().slice(0, 8)}@e2e.prongsai.example`;
    const displayName = `ทดสอบ ${randomUUID().slice(0, 6)}`;
    const created = await createStaffUser(services, { email, displayName, role, teamCode, password: freshPassword }, { type: "system" }, Date.now());
    expect(created).toHaveProperty("staffUserId");
    return { email, displayName };
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
    async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
      const context = await current().newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
      return { context, page: await context.newPage() };
    }

    it(`a signed-out visit is sent to sign in, and comes back to the asked page afterwards (${mode})`, async () => {
      const { page } = await newPage();
      const response = await page.goto("/staff?queue=team");
      await expectPath(page, `/staff/login?returnTo=${encodeURIComponent("/staff?queue=team")}`);
      expect(response?.headers()["cache-control"]).toBe("no-store");
      expect(await page.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");
      expect(await page.getByRole("link", { name: th.staffAuth.login.forgotPassword }).getAttribute("href")).toBe("/staff/forgot-password");

      await signIn(page, "investigator@prongsai.example", demoPassword);
      await expectPath(page, "/staff?queue=team");
      expect(await page.locator("[data-staff-user]").textContent()).toContain("สุดา ตรวจสอบ");
      expect(await page.locator("[data-staff-user]").textContent()).toContain(th.staffAuth.roles.investigator);
      // An investigator's menu: queues and filing on someone's behalf, nothing of other roles.
      expect(await staffNavigationLinks(page)).toEqual([th.staffAuth.layout.queues, th.staffAuth.layout.fileOnBehalf]);
      expect(await page.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");

      // Signed in, the sign-in page sends straight on.
      await page.goto("/staff/login");
      await expectPath(page, "/staff");
    });

    it(`a wrong password gets the one generic message and keeps the e-mail (${mode})`, async () => {
      const { email } = await freshAccount("auditor", null);
      const { page } = await newPage();
      await page.goto("/staff/login");
      await signIn(page, email, "not-the-password-at-all");
      expect(new URL(page.url()).pathname).toBe("/staff/login");
      await page.locator(".error-summary").getByText(th.staffAuth.login.invalidCredentials).waitFor();
      expect(await page.inputValue("main input[name=email]")).toBe(email);
      expect(await page.inputValue("main input[name=password]")).toBe("");

      // An unknown address reads exactly the same.
      await signIn(page, `nobody-${randomUUID().slice(0, 8)}@e2e.prongsai.example`, "not-the-password-at-all");
      await page.locator(".error-summary").getByText(th.staffAuth.login.invalidCredentials).waitFor();

      // The account still works with the right password.
      await signIn(page, email, freshPassword);
      await expectSignedInHome(page, "/staff/audit");
    });

    it(`an executive sets up the authenticator at first sign-in, and uses it at the next (${mode})`, async () => {
      const { email } = await freshAccount("executive", null);
      const { page } = await newPage();
      await page.goto("/staff");
      await signIn(page, email, freshPassword);
      await expectPath(page, `/staff/second-factor?returnTo=${encodeURIComponent("/staff")}`);
      // Nothing else opens while the factor is owed. (Each visit shows a new secret: nothing is kept until it is confirmed.)
      await page.goto("/staff");
      await expectPath(page, `/staff/second-factor?returnTo=${encodeURIComponent("/staff")}`);
      await page.getByRole("heading", { name: th.staffAuth.secondFactor.enrolHeading }).waitFor();
      expect(await page.locator("img.totp-qr").getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
      const secret = (await page.locator("[data-totp-secret]").getAttribute("data-totp-secret"))!;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const codeInput = page.locator("main input[name=code]");
      expect(await codeInput.getAttribute("inputmode")).toBe("numeric");
      expect(await codeInput.getAttribute("autocomplete")).toBe("one-time-code");

      // A wrong first code shows the same secret again: the person has scanned it already.
      const totp = new TOTP({ secret: Secret.fromBase32(secret) });
      const rightCode = totp.generate();
      await codeInput.fill(rightCode === "000000" ? "111111" : "000000");
      await submit(page, th.staffAuth.secondFactor.enrolSubmit);
      await page.locator(".error-summary").getByText(th.staffAuth.secondFactor.wrongCode).waitFor();
      expect(await page.locator("[data-totp-secret]").getAttribute("data-totp-secret")).toBe(secret);

      await page.fill("main input[name=code]", totp.generate());
      await submit(page, th.staffAuth.secondFactor.enrolSubmit);
      await expectSignedInHome(page, "/staff/escalations");

      // Next time: the code, not the set-up. The code of this time step was spent on the set-up, so
      // the next step's (accepted within the ±1 step window) is typed.
      await page.context().clearCookies();
      await page.goto("/staff/login");
      await signIn(page, email, freshPassword);
      await page.getByRole("heading", { name: th.staffAuth.secondFactor.verifyHeading }).waitFor();
      expect(await page.locator("[data-totp-secret]").count()).toBe(0);
      await page.fill("main input[name=code]", totp.generate({ timestamp: Date.now() + 30_000 }));
      await submit(page, th.staffAuth.secondFactor.submit);
      await expectSignedInHome(page, "/staff/escalations");
    });

    it(`signing out ends the session: the back button and /staff lead to sign-in (${mode})`, async () => {
      const { page } = await newPage();
      await page.goto("/staff/login");
      await signIn(page, "intake@prongsai.example", demoPassword);
      await expectPath(page, "/staff");
      await submit(page, th.staffAuth.layout.signOut);
      await expectPath(page, "/staff/login");
      expect((await page.context().cookies()).some((cookie) => cookie.name === "prongsai_staff")).toBe(false);

      await page.goBack({ waitUntil: "load" });
      await page.waitForLoadState("networkidle");
      expect(new URL(page.url()).pathname).toBe("/staff/login");
      await page.goto("/staff");
      expect(new URL(page.url()).pathname).toBe("/staff/login");
    });

    it(`"sign out everywhere" ends the account's other sessions too (${mode})`, async () => {
      const { email, displayName } = await freshAccount("supervisor", "integrity");
      const { page: elsewhere } = await newPage();
      await elsewhere.goto("/staff/login");
      await signIn(elsewhere, email, freshPassword);
      await expectPath(elsewhere, "/staff");
      expect(await elsewhere.locator("[data-staff-user]").textContent()).toContain(displayName);
      expect(await elsewhere.locator("[data-staff-user]").textContent()).toContain(th.staffAuth.roles.supervisor);
      expect(await staffNavigationLinks(elsewhere)).toEqual([th.staffAuth.layout.queues, th.staffAuth.layout.reports, th.staffAuth.layout.fileOnBehalf]);

      const { page } = await newPage();
      await page.goto("/staff/login");
      await signIn(page, email, freshPassword);
      await page.check("input[name=everywhere]");
      await submit(page, th.staffAuth.layout.signOut);
      await expectPath(page, "/staff/login");

      await elsewhere.goto("/staff");
      expect(new URL(elsewhere.url()).pathname).toBe("/staff/login");
    });

    it(`asking for a reset link always gets the same answer, and a bad link says so (${mode})`, async () => {
      const { page } = await newPage();
      for (const email of ["auditor@prongsai.example", `nobody-${randomUUID().slice(0, 8)}@e2e.prongsai.example`]) {
        await page.goto("/staff/forgot-password");
        await page.fill("main input[name=email]", email);
        await submit(page, th.staffAuth.forgotPassword.submit);
        await page.getByText(th.staffAuth.forgotPassword.sent).waitFor();
      }
      await page.goto("/staff/reset-password?token=not-a-real-token");
      await page.getByText(th.staffAuth.resetPassword.invalidToken).waitFor();
      expect(await page.locator("main input[name=password]").count()).toBe(0);
    });
  }
});
