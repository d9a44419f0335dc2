import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import { accountLockout, signIn, verifySecondFactor } from "../../../app/auth/login.server";
import { readSession, staffSessionCookieName } from "../../../app/auth/sessions.server";
import { staffSessionCookie } from "../../../app/auth/staff-request.server";
import { createStaffUser } from "../../../app/auth/staff-users.server";
import { beginTotpEnrolment, confirmTotpEnrolment } from "../../../app/auth/totp.server";
import { action as loginAction } from "../../../app/routes/staff_.login";
import { action as secondFactorAction } from "../../../app/routes/staff_.second-factor";
import type { AppServices } from "../../../app/services.server";
import { prepareDatabase } from "../../../app/startup.server";
import { generateTrackingCode } from "../../../app/tracking/tracking-code";
import { findCaseByTrackingCode } from "../../../app/tracking/tracking.server";
import { describeEachDialect } from "../../support/databases";
import { testServices } from "../../support/services";

/*
 * Issue 7: how fast can anyone guess? Each test drives a throttle for one simulated hour on a fake
 * clock and counts the guesses that were really checked; docs/SECURITY.md turns the counts into an
 * expected time to guess. Then session fixation: only sign-in and the second factor mint a session
 * id, and the second factor retires the one that owed it.
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

  it("guesses sent all at once are counted as they arrive, not after they are checked", async () => {
    const services = await ready();
    const { limit } = services.throttles.trackingLookups;
    // Each verification takes argon2's time; counted only afterwards, all of these would pass the limit.
    const answers = await Promise.all(Array.from({ length: 3 * limit }, () => findCaseByTrackingCode(services, generateTrackingCode(), "crowd", start)));
    expect(answers.filter((answer) => "problem" in answer && answer.problem === "unknown")).toHaveLength(limit);
    expect(answers.filter((answer) => "problem" in answer && answer.problem === "throttled")).toHaveLength(2 * limit);

    const signIns = services.throttles.signIns;
    const tries = await Promise.all(Array.from({ length: signIns.limit + 5 }, (_, index) => signIn(services, { email: `nobody-${index}@agency.go.th`, password: "anything at all 123" }, "crowd", start)));
    expect(tries.filter((result) => !result.signedIn && result.problem === "invalid_credentials")).toHaveLength(signIns.limit);
    expect(tries.filter((result) => !result.signedIn && result.problem === "throttled")).toHaveLength(5);
  });

  it("one account's guesses sent at once from many addresses: five are checked, then the lock", async () => {
    const services = await ready();
    const created = await createStaffUser(services, { email: "target@agency.go.th", displayName: "เป้าหมาย", role: "intake_officer", teamCode: "service", password }, { type: "system" }, start - hour);
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => signIn(services, { email: "target@agency.go.th", password: `guess ${index} ${randomBytes(8).toString("hex")}` }, `bot-${index}`, start)),
    );
    expect(answers.every((answer) => !answer.signedIn && answer.problem === "invalid_credentials")).toBe(true);
    const failures = await services.db.selectFrom("audit_log").select("details").where("action", "=", "staff.sign_in_failed").execute();
    expect(failures.filter((failure) => failure.details?.includes('"wrong_password"'))).toHaveLength(accountLockout.failuresBeforeLock);
    expect(await services.db.selectFrom("audit_log").select("sequence").where("action", "=", "staff.locked").execute()).toHaveLength(1);
    // The owner's right password, once the lock is over, still opens the account and clears the count.
    const owner = await signIn(services, { email: "target@agency.go.th", password }, "office", start + accountLockout.lockMs);
    expect(owner).toMatchObject({ signedIn: true });
    const account = await services.db.selectFrom("staff_users").select(["failed_login_count", "locked_until"]).where("id", "=", created.staffUserId).executeTakeFirstOrThrow();
    expect(account).toEqual({ failed_login_count: 0, locked_until: null });
  });

  it("codes sent at once by a password thief: five are checked, then the lock ends the session", async () => {
    const services = await ready();
    const created = await createStaffUser(services, { email: "chief@agency.go.th", displayName: "ผู้บริหาร", role: "executive", teamCode: null, password }, { type: "system" }, start - hour);
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    const enrolment = await beginTotpEnrolment(services, created.staffUserId);
    if ("problem" in enrolment) throw new Error(enrolment.problem);
    await confirmTotpEnrolment(services, created.staffUserId, enrolment.secret, TOTP.generate({ secret: Secret.fromBase32(enrolment.secret), timestamp: start }), start);
    const pending = await signIn(services, { email: "chief@agency.go.th", password }, "thief", start + minute);
    if (!pending.signedIn || pending.secondFactorPending !== "verify") throw new Error(JSON.stringify(pending));
    // Codes of a step far from now: all wrong.
    const wrong = Array.from({ length: 30 }, (_, index) => TOTP.generate({ secret: Secret.fromBase32(enrolment.secret), timestamp: start + (index + 10) * hour }));
    const answers = await Promise.all(wrong.map((code, index) => verifySecondFactor(services, pending.cookieValue, code, `bot-${index}`, start + minute)));
    expect(answers.some((answer) => answer.verified)).toBe(false);
    const checked = await services.db.selectFrom("audit_log").select("sequence").where("action", "=", "staff.mfa_failed").execute();
    expect(checked).toHaveLength(accountLockout.failuresBeforeLock);
    expect(await services.db.selectFrom("audit_log").select("sequence").where("action", "=", "staff.locked").execute()).toHaveLength(1);
    expect(await readSession(services.db, pending.cookieValue, start + minute)).toBeNull();
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

  it("proving the second factor moves the session to a new id: a pending id planted in the owner's browser stays pending", async () => {
    const services = await ready();
    const created = await createStaffUser(services, { email: "chief@agency.go.th", displayName: "ผู้บริหาร", role: "executive", teamCode: null, password }, { type: "system" }, start - hour);
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    const codeAt = (secret: string, timestamp: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp });
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "office" } satisfies AppLoadContext;
    const cookieHeader = async (value: string) => (await staffSessionCookie(false).serialize(value)).split(";")[0]!;

    async function proveSecondFactor(pendingId: string, fields: Record<string, string>): Promise<string> {
      const form = new FormData();
      form.set("returnTo", "/staff");
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      const request = new Request("http://localhost/staff/second-factor", { method: "POST", body: form, headers: { Cookie: await cookieHeader(pendingId) } });
      const response = (await secondFactorAction({ request, context, params: {} } as ActionFunctionArgs)) as Response;
      expect(response.status).toBe(303);
      const setCookie = response.headers.get("Set-Cookie") ?? "";
      expect(setCookie).toMatch(/HttpOnly/i);
      return (await staffSessionCookie(false).parse(setCookie.split(";")[0]!)) as string;
    }

    // Enrolment: the attacker who knows the password signs in and plants the pending id; the owner
    // enrols their phone with it. The planted copy must not become the owner's signed-in session.
    const planted = await signIn(services, { email: "chief@agency.go.th", password }, "attacker", Date.now());
    if (!planted.signedIn || planted.secondFactorPending !== "enrol") throw new Error(JSON.stringify(planted));
    const enrolment = await beginTotpEnrolment(services, created.staffUserId);
    if ("problem" in enrolment) throw new Error(enrolment.problem);
    const enrolledId = await proveSecondFactor(planted.cookieValue, { secret: enrolment.secret, code: codeAt(enrolment.secret, Date.now()) });
    expect(enrolledId).not.toBe(planted.cookieValue);
    expect(await readSession(services.db, enrolledId, Date.now())).toMatchObject({ secondFactorPending: null, user: { email: "chief@agency.go.th" } });
    expect(await readSession(services.db, planted.cookieValue, Date.now())).toBeNull();

    // A later sign-in owing a code: the same, through the code page. The enrolment spent this step's
    // code, so the phone is taken to be a step ahead (accepted, as a clock a step behind the phone's).
    const pending = await signIn(services, { email: "chief@agency.go.th", password }, "attacker", Date.now());
    if (!pending.signedIn || pending.secondFactorPending !== "verify") throw new Error(JSON.stringify(pending));
    const verifiedId = await proveSecondFactor(pending.cookieValue, { code: codeAt(enrolment.secret, Date.now() + 30_000) });
    expect(verifiedId).not.toBe(pending.cookieValue);
    expect(await readSession(services.db, verifiedId, Date.now())).toMatchObject({ secondFactorPending: null });
    expect(await readSession(services.db, pending.cookieValue, Date.now())).toBeNull();
  });

  it("the signed-out staff forms answer a body that is no form with a 400, not a 500", async () => {
    const services = await ready();
    const request = new Request("http://localhost/staff/login", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "email=a@b.c&password=x" });
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "script" } satisfies AppLoadContext;
    const result = (await loginAction({ request, context, params: {} } as ActionFunctionArgs)) as unknown as { init: { status?: number } | null };
    expect(result.init?.status).toBe(400);
  });
});
