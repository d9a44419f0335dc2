import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { accountLockout, signIn } from "../../../app/auth/login.server";
import { readSession, staffSessionCookieName } from "../../../app/auth/sessions.server";
import { staffSessionCookie } from "../../../app/auth/staff-request.server";
import { createStaffUser } from "../../../app/auth/staff-users.server";
import { action as loginAction } from "../../../app/routes/staff_.login";
import type { AppServices } from "../../../app/services.server";
import { prepareDatabase } from "../../../app/startup.server";
import { generateTrackingCode } from "../../../app/tracking/tracking-code";
import { findCaseByTrackingCode } from "../../../app/tracking/tracking.server";
import { describeEachDialect } from "../../support/databases";
import { testServices } from "../../support/services";

/*
 * Issue 7: how fast can anyone guess? Each test drives a throttle for one simulated hour on a fake
 * clock and counts the guesses that were really checked; docs/SECURITY.md turns the counts into an
 * expected time to guess. Then session fixation: only sign-in mints a session id.
 */

const minute = 60_000;
const hour = 60 * minute;
const start = Date.parse("2026-11-25T09:00:00+07:00");
const password = "ช้างเผือก กินกล้วยหอม 2569";

describeEachDialect("guessing and sessions", (current) => {
  async function ready(): Promise<AppServices> {
    const services = testServices(current());
    await prepareDatabase(services, 0);
    return services;
  }

  it("one client checks 40 tracking codes an hour, however fast it asks", async () => {
    const services = await ready();
    const { limit, windowMs } = services.throttles.trackingLookups;
    let checked = 0;
    // One guess every 5 seconds for an hour: 720 asked.
    for (let at = start; at < start + hour; at += 5_000) {
      const answer = await findCaseByTrackingCode(services, generateTrackingCode(), "guesser", at);
      if ("problem" in answer && answer.problem === "unknown") checked += 1;
      else expect(answer).toMatchObject({ problem: "throttled" });
    }
    expect(checked).toBe(limit * (hour / windowMs));
    expect(checked).toBe(40);
  });

  it("one account takes 20 password guesses an hour, from any number of addresses; one address 120 over all accounts", async () => {
    const services = await ready();
    const created = await createStaffUser(services, { email: "target@agency.go.th", displayName: "เป้าหมาย", role: "intake_officer", teamCode: "service", password }, { type: "system" }, start - hour);
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    // A botnet: a new address for every guess, so no per-client throttle ever applies.
    for (let at = start; at < start + hour; at += 10_000) {
      expect(await signIn(services, { email: "target@agency.go.th", password: `guess ${randomBytes(8).toString("hex")}` }, `bot-${at}`, at)).toEqual({ signedIn: false, problem: "invalid_credentials" });
    }
    // What was really compared with the password, from the audit log (the answers all look alike).
    const failures = await services.db.selectFrom("audit_log").select("details").where("action", "=", "staff.sign_in_failed").execute();
    const checked = failures.filter((failure) => failure.details?.includes('"wrong_password"')).length;
    expect(checked).toBe(20);
    expect(checked).toBeLessThanOrEqual(accountLockout.failuresBeforeLock * Math.ceil(hour / accountLockout.lockMs));
    const locks = await services.db.selectFrom("audit_log").select("details").where("action", "=", "staff.locked").execute();
    expect(locks).toHaveLength(4);

    // One address spraying many accounts: the per-client throttle.
    const { limit, windowMs } = services.throttles.signIns;
    let answered = 0;
    for (let at = start; at < start + hour; at += 5_000) {
      const result = await signIn(services, { email: `nobody-${at}@agency.go.th`, password: "anything at all 123" }, "sprayer", at);
      if (!result.signedIn && result.problem === "invalid_credentials") answered += 1;
    }
    expect(answered).toBe(limit * (hour / windowMs));
    expect(answered).toBe(120);
  });

  it("sign-in ignores a session id planted before it and issues a new one; a forged id opens nothing", async () => {
    const services = await ready();
    await createStaffUser(services, { email: "officer@agency.go.th", displayName: "เจ้าหน้าที่", role: "intake_officer", teamCode: "service", password }, { type: "system" }, start - hour);
    const planted = randomBytes(32).toString("base64url");
    expect(await readSession(services.db, planted, Date.now())).toBeNull();

    const form = new FormData();
    form.set("email", "officer@agency.go.th");
    form.set("password", password);
    const request = new Request("http://localhost/staff/login", { method: "POST", body: form, headers: { Cookie: (await staffSessionCookie(false).serialize(planted)).split(";")[0]! } });
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "office" } satisfies AppLoadContext;
    const response = (await loginAction({ request, context, params: {} } as ActionFunctionArgs)) as Response;
    expect(response.status).toBe(303);
    const setCookie = response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${staffSessionCookieName}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toContain(planted);
    const issued = (await staffSessionCookie(false).parse(setCookie.split(";")[0]!)) as string;
    expect(issued).not.toBe(planted);
    expect(await readSession(services.db, issued, Date.now())).toMatchObject({ user: { email: "officer@agency.go.th" } });
    // The planted id still opens nothing: the server never adopted it.
    expect(await readSession(services.db, planted, Date.now())).toBeNull();
  });

  it("the signed-out staff forms answer a body that is no form with a 400, not a 500", async () => {
    const services = await ready();
    const request = new Request("http://localhost/staff/login", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "email=a@b.c&password=x" });
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "script" } satisfies AppLoadContext;
    const result = (await loginAction({ request, context, params: {} } as ActionFunctionArgs)) as unknown as { init: { status?: number } | null };
    expect(result.init?.status).toBe(400);
  });
});
