import { Secret, TOTP } from "otpauth";
import { afterEach, expect, it } from "vitest";
import { verifyAuditLog } from "../../app/audit/audit-log.server";
import { accountLockout, signIn, signOut, signOutEverywhere, verifySecondFactor } from "../../app/auth/login.server";
import { checkPasswordResetToken, passwordResetValidityMs, requestPasswordReset, resetPassword } from "../../app/auth/password-reset.server";
import { createSession, defaultSessionTimeouts, destroyAllSessionsOf, readSession } from "../../app/auth/sessions.server";
import { createStaffUser, findStaffUserByEmail, setStaffUserActive, type NewStaffUser } from "../../app/auth/staff-users.server";
import { beginTotpEnrolment, confirmTotpEnrolment, resetTotp, verifyTotp } from "../../app/auth/totp.server";
import { decryptText } from "../../app/crypto/envelope.server";
import { dispatchDueMessages } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport } from "../../app/notify/mail-transport.server";
import { readOutboxPayload, type OutboxEmail } from "../../app/notify/outbox.server";
import { createThrottles, type AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";
import { startSmtpServer } from "../support/smtp-server";
import { createDb } from "../../db/connect";

const minute = 60_000;
const hour = 60 * minute;
/** A morning in Bangkok; every test moves its own clock from here. */
const start = Date.parse("2026-11-25T09:00:00+07:00");
const password = "ช้างเผือก กินกล้วยหอม 2569";
const otherPassword = "river lantern mango orbit";
const admin = { type: "system" } as const;

const investigator: NewStaffUser = { email: "Suda.T@Agency.go.th", displayName: "สุดา ตรวจสอบ", role: "investigator", teamCode: "integrity", password };
const executive: NewStaffUser = { email: "wilai@agency.go.th", displayName: "วิไล ผู้บริหาร", role: "executive", password };

describeEachDialect("staff accounts and sign-in", (current) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function prepared(overrides: Record<string, string> = {}): Promise<AppServices> {
    const services = testServices(current(), overrides);
    await prepareDatabase(services, 0);
    return services;
  }

  async function accountFor(services: AppServices, input: NewStaffUser): Promise<string> {
    const created = await createStaffUser(services, input, admin, start);
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    return created.staffUserId;
  }

  /** The audit entries about staff accounts, in order (the reference-data seed writes one before them). */
  async function auditActions(services: AppServices): Promise<Array<{ action: string; target_id: string | null; details: string | null }>> {
    return services.db.selectFrom("audit_log").select(["action", "target_id", "details"]).where("action", "like", "staff.%").orderBy("sequence").execute();
  }

  async function expectAuditIntact(services: AppServices) {
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  }

  async function sentEmails(services: AppServices): Promise<OutboxEmail[]> {
    const rows = await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted"]).orderBy("created_at").execute();
    return rows.map((row) => {
      const message = readOutboxPayload(services.secrets.keyring, row);
      if (message.kind !== "email") throw new Error(`outbox row ${row.id} is not an e-mail but a ${message.kind}`);
      return message.email;
    });
  }

  function codeAt(secret: string, timestamp: number): string {
    return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp });
  }

  // ——— accounts ———

  it("creates an account with a normalised e-mail, and refuses weak passwords, duplicates and missing teams", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    const account = await findStaffUserByEmail(services.db, " SUDA.t@agency.GO.TH");
    expect(account).toMatchObject({ id: staffUserId, email: "suda.t@agency.go.th", role: "investigator", isActive: true, totpEnabled: false });
    const row = await services.db.selectFrom("staff_users").select("password_hash").where("id", "=", staffUserId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    expect(await createStaffUser(services, { ...investigator, email: "SUDA.T@agency.go.th" }, admin, start)).toEqual({ problem: "email_taken" });
    expect(await createStaffUser(services, { ...investigator, email: "new@agency.go.th", password: "password1234" }, admin, start)).toEqual({
      problem: "weak_password",
      reason: "too_common",
    });
    expect(await createStaffUser(services, { ...investigator, email: "new@agency.go.th", password: "short" }, admin, start)).toEqual({ problem: "weak_password", reason: "too_short" });
    expect(await createStaffUser(services, { ...investigator, email: "somsak@agency.go.th", password: "somsak is my name" }, admin, start)).toEqual({
      problem: "weak_password",
      reason: "contains_email",
    });
    expect(await createStaffUser(services, { ...investigator, email: "new@agency.go.th", teamCode: null }, admin, start)).toEqual({ problem: "team_required" });
    expect(await createStaffUser(services, { ...investigator, email: "new@agency.go.th", teamCode: "nonexistent" }, admin, start)).toEqual({ problem: "unknown_team" });
    expect(await createStaffUser(services, { ...investigator, email: "not an address" }, admin, start)).toEqual({ problem: "invalid_email" });
    expect(await services.db.selectFrom("staff_users").select("id").execute()).toHaveLength(1);

    expect((await auditActions(services)).filter((entry) => entry.action === "staff.created")).toEqual([
      { action: "staff.created", target_id: staffUserId, details: expect.stringContaining('"role":"investigator"') },
    ]);
    await expectAuditIntact(services);
  });

  // ——— signing in ———

  it("signs in with the right password, whatever the case of the address, and keeps only the cookie's digest", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    const result = await signIn(services, { email: "  suda.t@AGENCY.go.th", password }, "client", start);
    expect(result).toEqual({ signedIn: true, staffUserId, cookieValue: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: start + 12 * hour, secondFactorPending: null });
    if (!result.signedIn) return;

    const signedIn = await readSession(services.db, result.cookieValue, start + minute);
    expect(signedIn).toMatchObject({ user: { id: staffUserId, role: "investigator", email: "suda.t@agency.go.th" }, secondFactorPending: null });
    const sessions = await services.db.selectFrom("sessions").selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toContain(result.cookieValue);
    expect(sessions[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await readSession(services.db, result.cookieValue.slice(0, -1) + (result.cookieValue.endsWith("A") ? "B" : "A"), start)).toBeNull();

    await signOut(services, result.cookieValue, start + 2 * minute);
    expect(await readSession(services.db, result.cookieValue, start + 2 * minute)).toBeNull();
    expect((await auditActions(services)).map((entry) => entry.action)).toEqual(["staff.created", "staff.sign_in", "staff.sign_out"]);
    await expectAuditIntact(services);
  });

  it("gives the same answer for a wrong password and an unknown address, and records the real reason", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    const wrongPassword = await signIn(services, { email: investigator.email, password: otherPassword }, "client", start);
    const unknownEmail = await signIn(services, { email: "nobody@agency.go.th", password }, "client", start);
    expect(wrongPassword).toEqual({ signedIn: false, problem: "invalid_credentials" });
    expect(unknownEmail).toEqual(wrongPassword);
    const failures = (await auditActions(services)).filter((entry) => entry.action === "staff.sign_in_failed");
    expect(failures).toEqual([
      { action: "staff.sign_in_failed", target_id: staffUserId, details: '{"reason":"wrong_password"}' },
      { action: "staff.sign_in_failed", target_id: null, details: '{"reason":"unknown_email"}' },
    ]);
    expect(JSON.stringify(await auditActions(services))).not.toContain("nobody");
    await expectAuditIntact(services);
  });

  it("locks the account after five wrong passwords for fifteen minutes, silently, then lets the owner in", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    for (let attempt = 1; attempt <= accountLockout.failuresBeforeLock; attempt += 1) {
      expect(await signIn(services, { email: investigator.email, password: otherPassword }, `client-${attempt}`, start + attempt * 1_000)).toEqual({
        signedIn: false,
        problem: "invalid_credentials",
      });
    }
    const lockedAt = start + 5_000;
    expect(await services.db.selectFrom("staff_users").select(["failed_login_count", "locked_until"]).where("id", "=", staffUserId).executeTakeFirstOrThrow()).toEqual({
      failed_login_count: 0,
      locked_until: lockedAt + 15 * minute,
    });
    // The right password during the lock gets the same answer as any wrong one.
    expect(await signIn(services, { email: investigator.email, password }, "owner", lockedAt + 14 * minute)).toEqual({ signedIn: false, problem: "invalid_credentials" });
    expect(await signIn(services, { email: investigator.email, password }, "owner", lockedAt + 15 * minute)).toMatchObject({ signedIn: true });

    const actions = await auditActions(services);
    expect(actions.filter((entry) => entry.action === "staff.locked")).toHaveLength(1);
    expect(actions.filter((entry) => entry.action === "staff.sign_in_failed").map((entry) => entry.details)).toEqual([
      ...Array(5).fill('{"reason":"wrong_password"}'),
      '{"reason":"locked"}',
    ]);
    await expectAuditIntact(services);
  });

  it("clears the count of failures when a sign-in succeeds", async () => {
    const services = await prepared();
    await accountFor(services, investigator);
    for (let attempt = 0; attempt < 4; attempt += 1) await signIn(services, { email: investigator.email, password: otherPassword }, "client", start);
    expect(await signIn(services, { email: investigator.email, password }, "client", start)).toMatchObject({ signedIn: true });
    for (let attempt = 0; attempt < 4; attempt += 1) await signIn(services, { email: investigator.email, password: otherPassword }, "client", start);
    expect(await signIn(services, { email: investigator.email, password }, "client", start)).toMatchObject({ signedIn: true });
  });

  it("refuses a deactivated account with the generic answer, and ends its sessions", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    const before = await signIn(services, { email: investigator.email, password }, "client", start);
    if (!before.signedIn) throw new Error("sign-in failed");
    expect(await setStaffUserActive(services, staffUserId, false, admin, start + minute)).toBe(true);
    expect(await readSession(services.db, before.cookieValue, start + 2 * minute)).toBeNull();
    expect(await signIn(services, { email: investigator.email, password }, "client", start + 2 * minute)).toEqual({ signedIn: false, problem: "invalid_credentials" });
    expect((await auditActions(services)).at(-1)).toMatchObject({ action: "staff.sign_in_failed", details: '{"reason":"inactive"}' });

    await setStaffUserActive(services, staffUserId, true, admin, start + 3 * minute);
    expect(await signIn(services, { email: investigator.email, password }, "client", start + 3 * minute)).toMatchObject({ signedIn: true });
    expect(await setStaffUserActive(services, "no-such-account", false, admin, start)).toBe(false);
    await expectAuditIntact(services);
  });

  it("throttles a client that keeps failing, without slowing anyone else", async () => {
    const services = await prepared();
    await accountFor(services, investigator);
    for (let attempt = 0; attempt < 30; attempt += 1) {
      await signIn(services, { email: `guess-${attempt}@agency.go.th`, password }, "guesser", start);
    }
    expect(await signIn(services, { email: investigator.email, password }, "guesser", start + minute)).toEqual({ signedIn: false, problem: "throttled", retryAfterMs: 14 * minute });
    expect(await signIn(services, { email: investigator.email, password }, "colleague", start + minute)).toMatchObject({ signedIn: true });
    expect(await signIn(services, { email: investigator.email, password }, "guesser", start + 15 * minute)).toMatchObject({ signedIn: true });
  });

  // ——— sessions ———

  it("ends a session after 30 idle minutes, and slides it at most once a minute while in use", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    const { cookieValue } = await createSession(services.db, staffUserId, start, { mfaVerified: false });
    const lastSeen = async () => (await services.db.selectFrom("sessions").select("last_seen_at").executeTakeFirstOrThrow()).last_seen_at;

    expect(await readSession(services.db, cookieValue, start + 30_000)).not.toBeNull();
    expect(await lastSeen()).toBe(start);
    expect(await readSession(services.db, cookieValue, start + 29 * minute)).not.toBeNull();
    expect(await lastSeen()).toBe(start + 29 * minute);
    expect(await readSession(services.db, cookieValue, start + 58 * minute)).not.toBeNull();
    expect(await readSession(services.db, cookieValue, start + 88 * minute)).toBeNull();
    expect(await services.db.selectFrom("sessions").select("id_hash").execute()).toEqual([]);
  });

  it("ends a session twelve hours after sign-in however busy it is", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    const { cookieValue, expiresAt } = await createSession(services.db, staffUserId, start, { mfaVerified: false });
    expect(expiresAt).toBe(start + defaultSessionTimeouts.absoluteMs);
    let now = start;
    for (; now < expiresAt; now += 20 * minute) expect(await readSession(services.db, cookieValue, now)).not.toBeNull();
    expect(await readSession(services.db, cookieValue, expiresAt)).toBeNull();
  });

  it("uses the operator's timeouts for the sessions sign-in opens and reads", async () => {
    const services = await prepared({ STAFF_SESSION_IDLE_MINUTES: "10", STAFF_SESSION_ABSOLUTE_HOURS: "1" });
    await accountFor(services, investigator);
    const result = await signIn(services, { email: investigator.email, password }, "client", start);
    expect(result).toMatchObject({ signedIn: true, expiresAt: start + hour });
    if (!result.signedIn) return;
    // Eleven idle minutes: past this server's ten, so signing out finds no session left to end.
    await signOut(services, result.cookieValue, start + 11 * minute);
    expect(await services.db.selectFrom("sessions").select("id_hash").execute()).toEqual([]);
    expect((await auditActions(services)).map((entry) => entry.action)).toEqual(["staff.created", "staff.sign_in"]);
  });

  it("signs out everywhere", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    const otherId = await accountFor(services, { ...investigator, email: "other@agency.go.th" });
    const phone = await createSession(services.db, staffUserId, start, { mfaVerified: false });
    const desk = await createSession(services.db, staffUserId, start, { mfaVerified: false });
    const colleague = await createSession(services.db, otherId, start, { mfaVerified: false });
    expect(await signOutEverywhere(services, staffUserId, start + minute)).toBe(2);
    expect(await readSession(services.db, phone.cookieValue, start + minute)).toBeNull();
    expect(await readSession(services.db, desk.cookieValue, start + minute)).toBeNull();
    expect(await readSession(services.db, colleague.cookieValue, start + minute)).not.toBeNull();
    expect(await destroyAllSessionsOf(services.db, staffUserId)).toBe(0);
    await expectAuditIntact(services);
  });

  // ——— TOTP ———

  it("makes an executive enrol an authenticator, stores its secret encrypted, then asks for a code at each sign-in", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, executive);
    const first = await signIn(services, { email: executive.email, password }, "client", start);
    expect(first).toMatchObject({ signedIn: true, secondFactorPending: "enrol" });
    if (!first.signedIn) return;
    expect(await readSession(services.db, first.cookieValue, start)).toMatchObject({ secondFactorPending: "enrol" });

    const enrolment = await beginTotpEnrolment(services, staffUserId);
    if ("problem" in enrolment) throw new Error(enrolment.problem);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toBe(`otpauth://totp/Prongsai:wilai%40agency.go.th?issuer=Prongsai&secret=${enrolment.secret}&algorithm=SHA1&digits=6&period=30`);
    expect(enrolment.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(enrolment.qrCodeDataUrl.split(",")[1]!, "base64").toString("utf8")).toContain("<svg");

    const enrolledAt = start + minute;
    expect(await confirmTotpEnrolment(services, staffUserId, enrolment.secret, "000000", enrolledAt)).toEqual({ problem: "wrong_code" });
    expect(await confirmTotpEnrolment(services, staffUserId, "not-base32", codeAt(enrolment.secret, enrolledAt), enrolledAt)).toEqual({ problem: "invalid_secret" });
    expect(await confirmTotpEnrolment(services, staffUserId, enrolment.secret, codeAt(enrolment.secret, enrolledAt), enrolledAt)).toEqual({ enrolled: true });
    expect(await confirmTotpEnrolment(services, staffUserId, enrolment.secret, codeAt(enrolment.secret, enrolledAt + minute), enrolledAt + minute)).toEqual({
      problem: "already_enrolled",
    });
    expect(await beginTotpEnrolment(services, staffUserId)).toEqual({ problem: "already_enrolled" });

    const row = await services.db.selectFrom("staff_users").select(["totp_secret_encrypted", "totp_enabled_at"]).where("id", "=", staffUserId).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).toBe(enrolledAt);
    expect(row.totp_secret_encrypted).not.toContain(enrolment.secret);
    expect(decryptText(services.secrets.keyring, row.totp_secret_encrypted!, `staff_users.totp_secret:${staffUserId}`)).toBe(enrolment.secret);
    expect(() => decryptText(services.secrets.keyring, row.totp_secret_encrypted!, "staff_users.totp_secret:someone-else")).toThrow();

    // The next sign-in owes a code; the code spent on enrolment does not pay it.
    const second = await signIn(services, { email: executive.email, password }, "client", enrolledAt + 10_000);
    expect(second).toMatchObject({ signedIn: true, secondFactorPending: "verify" });
    if (!second.signedIn) return;
    expect(await verifySecondFactor(services, second.cookieValue, codeAt(enrolment.secret, enrolledAt), "client", enrolledAt + 10_000)).toEqual({
      verified: false,
      problem: "replayed",
    });
    expect(await verifySecondFactor(services, second.cookieValue, "123", "client", enrolledAt + 10_000)).toEqual({ verified: false, problem: "wrong_code" });

    const verifiedAt = enrolledAt + 2 * minute;
    const code = codeAt(enrolment.secret, verifiedAt);
    const verified = await verifySecondFactor(services, second.cookieValue, code, "client", verifiedAt);
    expect(verified).toMatchObject({ verified: true, session: { expiresAt: second.expiresAt } });
    if (!verified.verified) return;
    // The session goes on under a new id; the one that owed the code opens nothing (session fixation).
    expect(verified.session.cookieValue).not.toBe(second.cookieValue);
    expect(await readSession(services.db, verified.session.cookieValue, verifiedAt)).toMatchObject({ secondFactorPending: null, session: { mfaVerifiedAt: verifiedAt } });
    expect(await readSession(services.db, second.cookieValue, verifiedAt)).toBeNull();
    expect(await verifySecondFactor(services, second.cookieValue, code, "client", verifiedAt)).toEqual({ verified: false, problem: "no_pending_sign_in" });

    // The same code again, in another sign-in within its 90 seconds: refused.
    const third = await signIn(services, { email: executive.email, password }, "client", verifiedAt + 5_000);
    if (!third.signedIn) throw new Error("sign-in failed");
    expect(await verifySecondFactor(services, third.cookieValue, code, "client", verifiedAt + 5_000)).toEqual({ verified: false, problem: "replayed" });
    // A code of the previous step, still inside the window but older than the one used: refused too.
    expect(await verifyTotp(services, staffUserId, codeAt(enrolment.secret, verifiedAt - 30_000), verifiedAt + 5_000)).toEqual({ problem: "replayed" });
    // One step later, with a clock a step behind the phone's: accepted.
    expect(await verifySecondFactor(services, third.cookieValue, codeAt(enrolment.secret, verifiedAt + 60_000), "client", verifiedAt + 35_000)).toMatchObject({ verified: true });

    const actions = (await auditActions(services)).map((entry) => entry.action);
    expect(actions).toEqual([
      "staff.created",
      "staff.sign_in",
      "staff.totp_enrolled",
      "staff.sign_in",
      "staff.mfa_failed",
      "staff.mfa_failed",
      "staff.mfa_verified",
      "staff.sign_in",
      "staff.mfa_failed",
      "staff.mfa_verified",
    ]);
    expect((await sentEmails(services)).map((email) => [email.to, email.subject])).toEqual([
      ["wilai@agency.go.th", "มีการผูกแอปยืนยันตัวตนกับบัญชีของท่าน / An authenticator app was added to your account"],
    ]);
    await expectAuditIntact(services);
  });

  it("accepts a code once across nodes: a second node on the same database refuses it, and of two at once only one accepts", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, executive);
    const enrolment = await beginTotpEnrolment(services, staffUserId);
    if ("problem" in enrolment) throw new Error(enrolment.problem);
    await confirmTotpEnrolment(services, staffUserId, enrolment.secret, codeAt(enrolment.secret, start), start);
    // Another node: the same settings and keys, its own connections and its own memory.
    const { db: otherDb } = createDb(current().url, { poolSize: 2 });
    cleanups.push(() => otherDb.destroy());
    const otherNode: AppServices = { ...services, db: otherDb, throttles: createThrottles() };

    const usedAt = start + 5 * minute;
    const code = codeAt(enrolment.secret, usedAt);
    expect(await verifyTotp(services, staffUserId, code, usedAt)).toEqual({ verified: true });
    expect(await verifyTotp(services, staffUserId, code, usedAt + 1_000)).toEqual({ problem: "replayed" });
    expect(await verifyTotp(otherNode, staffUserId, code, usedAt + 1_000)).toEqual({ problem: "replayed" });
    const stored = await otherDb.selectFrom("staff_users").select("totp_last_step").where("id", "=", staffUserId).executeTakeFirstOrThrow();
    expect(stored.totp_last_step).toBe(Math.floor(usedAt / 30_000));

    // The next step's code, presented to both nodes at the same moment.
    const racedAt = usedAt + 30_000;
    const raced = codeAt(enrolment.secret, racedAt);
    const results = await Promise.all([verifyTotp(services, staffUserId, raced, racedAt), verifyTotp(otherNode, staffUserId, raced, racedAt)]);
    expect(results).toEqual(expect.arrayContaining([{ verified: true }, { problem: "replayed" }]));

    // A reset forgets the step with the secret; a new enrolment starts from its own first code.
    await resetTotp(services, staffUserId, admin, racedAt + minute);
    expect((await services.db.selectFrom("staff_users").select("totp_last_step").where("id", "=", staffUserId).executeTakeFirstOrThrow()).totp_last_step).toBeNull();
  });

  it("locks the account after five wrong codes and ends the half-signed-in session", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, executive);
    const enrolment = await beginTotpEnrolment(services, staffUserId);
    if ("problem" in enrolment) throw new Error(enrolment.problem);
    await confirmTotpEnrolment(services, staffUserId, enrolment.secret, codeAt(enrolment.secret, start), start);

    // Typing the password again between wrong codes must not reset the count.
    let cookieValue = "";
    for (let attempt = 1; attempt <= accountLockout.failuresBeforeLock; attempt += 1) {
      const now = start + hour + attempt * 1_000;
      if (attempt === 1 || attempt === 3) {
        const signedIn = await signIn(services, { email: executive.email, password }, `client-${attempt}`, now);
        if (!signedIn.signedIn) throw new Error("sign-in failed");
        cookieValue = signedIn.cookieValue;
      }
      const wrong = codeAt(enrolment.secret, now + 10 * minute);
      const result = await verifySecondFactor(services, cookieValue, wrong, `client-${attempt}`, now);
      expect(result).toEqual(attempt < 5 ? { verified: false, problem: "wrong_code" } : { verified: false, problem: "locked", retryAfterMs: 15 * minute });
    }
    expect(await readSession(services.db, cookieValue, start + hour + 6_000)).toBeNull();
    expect(await signIn(services, { email: executive.email, password }, "client", start + hour + 7_000)).toEqual({ signedIn: false, problem: "invalid_credentials" });
    await expectAuditIntact(services);
  });

  it("resets a lost authenticator: the factor is gone, every session ends, the owner is told", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, executive);
    const enrolment = await beginTotpEnrolment(services, staffUserId);
    if ("problem" in enrolment) throw new Error(enrolment.problem);
    await confirmTotpEnrolment(services, staffUserId, enrolment.secret, codeAt(enrolment.secret, start), start);
    const session = await createSession(services.db, staffUserId, start, { mfaVerified: true });

    expect(await resetTotp(services, staffUserId, admin, start + minute)).toBe(true);
    expect(await readSession(services.db, session.cookieValue, start + minute)).toBeNull();
    expect(await findStaffUserByEmail(services.db, executive.email)).toMatchObject({ totpEnabled: false });
    expect(await verifyTotp(services, staffUserId, codeAt(enrolment.secret, start + minute), start + minute)).toEqual({ problem: "not_enrolled" });
    expect(await signIn(services, { email: executive.email, password }, "client", start + 2 * minute)).toMatchObject({ signedIn: true, secondFactorPending: "enrol" });
    expect((await sentEmails(services)).map((email) => email.subject)).toEqual([
      "มีการผูกแอปยืนยันตัวตนกับบัญชีของท่าน / An authenticator app was added to your account",
      "แอปยืนยันตัวตนของท่านถูกยกเลิกแล้ว / Your authenticator app was removed",
    ]);
    expect((await auditActions(services)).find((entry) => entry.action === "staff.totp_reset")).toMatchObject({
      target_id: staffUserId,
      details: '{"wasEnrolled":true,"endedSessions":1}',
    });
    expect(await resetTotp(services, "no-such-account", admin, start)).toBe(false);
    await expectAuditIntact(services);
  });

  // ——— password reset ———

  it("resets a password with a single-use e-mailed link that arrives at a real SMTP server", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    const services = await prepared({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: "https://prongsai.example.go.th" });
    const transport = createMailTransport(services.config, services.logger);
    cleanups.push(() => transport.close());
    const staffUserId = await accountFor(services, investigator);
    const session = await createSession(services.db, staffUserId, start, { mfaVerified: false });
    for (let attempt = 0; attempt < 4; attempt += 1) await signIn(services, { email: investigator.email, password: otherPassword }, "client", start);

    // An unknown address and a known one get the same (empty) answer; only the known one gets mail.
    expect(await requestPasswordReset(services, "nobody@agency.go.th", start)).toBeUndefined();
    expect(await services.db.selectFrom("outbox").select("id").execute()).toEqual([]);
    expect(await requestPasswordReset(services, " SUDA.T@agency.go.th ", start)).toBeUndefined();

    expect(await dispatchDueMessages(services, transport, start + 1_000)).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toEqual(["suda.t@agency.go.th"]);
    expect(mail!.subject).toBe("ตั้งรหัสผ่านใหม่สำหรับระบบรับเรื่องร้องเรียน / Set a new password for the complaints system");
    const link = /https:\/\/prongsai\.example\.go\.th\/staff\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text);
    expect(link).not.toBeNull();
    expect(mail!.html).toContain(link![0]);
    const token = link![1]!;
    const tokens = await services.db.selectFrom("password_reset_tokens").selectAll().execute();
    expect(tokens).toEqual([{ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), staff_user_id: staffUserId, purpose: "reset", created_at: start, expires_at: start + passwordResetValidityMs, used_at: null }]);
    expect(JSON.stringify(tokens)).not.toContain(token);

    expect(await checkPasswordResetToken(services.db, token, start + minute)).toBeNull();
    expect(await resetPassword(services, token, "password1234", start + minute)).toEqual({ problem: "weak_password", reason: "too_common" });
    expect(await resetPassword(services, token, otherPassword, start + 2 * minute)).toEqual({ reset: true });
    expect(await resetPassword(services, token, "another long passphrase", start + 3 * minute)).toEqual({ problem: "invalid_token" });
    expect(await checkPasswordResetToken(services.db, token, start + 3 * minute)).toBe("invalid_token");

    expect(await readSession(services.db, session.cookieValue, start + 3 * minute)).toBeNull();
    expect(await services.db.selectFrom("staff_users").select(["failed_login_count", "locked_until"]).where("id", "=", staffUserId).executeTakeFirstOrThrow()).toEqual({
      failed_login_count: 0,
      locked_until: null,
    });
    expect(await signIn(services, { email: investigator.email, password }, "client", start + 4 * minute)).toEqual({ signedIn: false, problem: "invalid_credentials" });
    expect(await signIn(services, { email: investigator.email, password: otherPassword }, "client", start + 4 * minute)).toMatchObject({ signedIn: true });

    expect(await dispatchDueMessages(services, transport, start + 5 * minute)).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [, notice] = await smtp.waitForMessages(2);
    expect(notice!.subject).toBe("รหัสผ่านของท่านถูกเปลี่ยนแล้ว / Your password was changed");

    const actions = (await auditActions(services)).map((entry) => entry.action);
    expect(actions.filter((action) => action.startsWith("staff.password"))).toEqual(["staff.password_reset_requested", "staff.password_reset"]);
    await expectAuditIntact(services);
  });

  it("refuses an expired link, says so, and sends at most three links in half an hour", async () => {
    const services = await prepared();
    await accountFor(services, investigator);
    for (let request = 0; request < 4; request += 1) await requestPasswordReset(services, investigator.email, start + request * minute);
    const emails = await sentEmails(services);
    expect(emails).toHaveLength(3);
    const token = /token=([A-Za-z0-9_-]{43})/.exec(emails[0]!.text)![1]!;
    expect(await checkPasswordResetToken(services.db, token, start + 30 * minute)).toBe("expired_token");
    expect(await resetPassword(services, token, otherPassword, start + 30 * minute)).toEqual({ problem: "expired_token" });
    expect(await resetPassword(services, "made-up", otherPassword, start)).toEqual({ problem: "invalid_token" });
    expect(await resetPassword(services, "A".repeat(43), otherPassword, start)).toEqual({ problem: "invalid_token" });

    // Once the first links are older than half an hour, a new one may be sent; using it withdraws
    // the others still valid (the third, sent at +2 minutes, would work until +32).
    const later = start + 31 * minute;
    await requestPasswordReset(services, investigator.email, later);
    const newest = /token=([A-Za-z0-9_-]{43})/.exec((await sentEmails(services)).at(-1)!.text)![1]!;
    const third = /token=([A-Za-z0-9_-]{43})/.exec(emails[2]!.text)![1]!;
    expect(newest).not.toBe(third);
    expect(await checkPasswordResetToken(services.db, third, later)).toBeNull();
    expect(await resetPassword(services, newest, otherPassword, later + 10_000)).toEqual({ reset: true });
    expect(await resetPassword(services, third, "another long passphrase", later + 20_000)).toEqual({ problem: "invalid_token" });
    await expectAuditIntact(services);
  });

  it("sends no link to a deactivated account", async () => {
    const services = await prepared();
    const staffUserId = await accountFor(services, investigator);
    await setStaffUserActive(services, staffUserId, false, admin, start);
    await requestPasswordReset(services, investigator.email, start);
    expect(await sentEmails(services)).toEqual([]);
  });
});
