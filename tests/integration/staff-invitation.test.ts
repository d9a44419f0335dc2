import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { inviteStaffUser } from "../../app/admin/staff-accounts.server";
import { verifyAuditLog } from "../../app/audit/audit-log.server";
import { signIn } from "../../app/auth/login.server";
import { checkPasswordResetToken, requestPasswordReset, resetPassword } from "../../app/auth/password-reset.server";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { dispatchDueMessages } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport } from "../../app/notify/mail-transport.server";
import { readOutboxPayload, type OutboxEmail } from "../../app/notify/outbox.server";
import * as resetPasswordRoute from "../../app/routes/staff_.reset-password";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

const minute = 60_000;
const hour = 60 * minute;
/** A morning in Bangkok; every step moves its own clock from here. */
const start = Date.parse("2026-11-25T09:00:00+07:00");
const baseUrl = "https://prongsai.example.go.th";
const chosenPassword = "ช้างเผือก กินกล้วยหอม 2569";
const malee = { email: "Malee@Agency.go.th", displayName: "มาลี ตรวจสอบ", role: "investigator", teamCode: "integrity" } as const;
const linkPattern = /https:\/\/prongsai\.example\.go\.th\/staff\/reset-password\?token=([A-Za-z0-9_-]{43})/;

describeEachDialect("inviting a new colleague", (current) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Settings as in production (72-hour links), a real SMTP server on loopback, and one admin. */
  async function prepared(): Promise<{ services: AppServices; smtp: TestSmtpServer; adminId: string; dispatch(now: number): ReturnType<typeof dispatchDueMessages> }> {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    const services = testServices(current(), { SMTP_URL: smtp.url, PUBLIC_BASE_URL: baseUrl });
    const transport = createMailTransport(services.config, services.logger);
    cleanups.push(() => transport.close());
    await prepareDatabase(services, 0);
    const admin = await createStaffUser(services, { email: "admin@agency.go.th", displayName: "ผู้ดูแล", role: "admin", password: "river lantern mango orbit" }, { type: "system" }, start - hour);
    if (!("staffUserId" in admin)) throw new Error(JSON.stringify(admin));
    return { services, smtp, adminId: admin.staffUserId, dispatch: (now) => dispatchDueMessages(services, transport, now) };
  }

  async function invite(services: AppServices, adminId: string, now: number): Promise<string> {
    const invited = await inviteStaffUser(services, malee, adminId, now);
    if (!("staffUserId" in invited)) throw new Error(JSON.stringify(invited));
    return invited.staffUserId;
  }

  async function outboxEmails(services: AppServices): Promise<OutboxEmail[]> {
    const rows = await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted"]).orderBy("created_at").execute();
    return rows.flatMap((row) => {
      const message = readOutboxPayload(services.secrets.keyring, row);
      return message.kind === "email" ? [message.email] : [];
    });
  }

  async function staffEntries(services: AppServices) {
    return services.db.selectFrom("audit_log").select(["action", "actor_id", "target_id", "details"]).where("action", "like", "staff.%").orderBy("sequence").execute();
  }

  it("sends one invitation, not a reset e-mail, whose link still works after 2 hours, not after 73, and only once", async () => {
    const { services, smtp, adminId, dispatch } = await prepared();
    const staffUserId = await invite(services, adminId, start);

    expect(await dispatch(start + minute)).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [mail] = await smtp.waitForMessages(1);
    expect(smtp.messages).toHaveLength(1);
    expect(mail!.to).toEqual(["malee@agency.go.th"]);
    expect(mail!.subject).toBe("เชิญตั้งรหัสผ่านเพื่อเข้าใช้ระบบงานเจ้าหน้าที่ โปร่งใส ช่องทางร้องเรียนและแจ้งเบาะแสการทุจริต / Set your password for the Prongsai (Complaints and corruption reporting) staff workspace");
    expect(mail!.text).not.toContain("Someone asked to set a new password");
    for (const words of ["เจ้าหน้าที่ตรวจสอบ", "Investigator", "72 ชั่วโมง", "within 72 hours", `${baseUrl}/staff/forgot-password`]) expect(mail!.text).toContain(words);
    // An investigator need not add an authenticator; the e-mail does not send them looking for one.
    expect(mail!.text).not.toContain("two-step verification");
    const link = linkPattern.exec(mail!.text);
    expect(link).not.toBeNull();
    expect(mail!.html).toContain(`href="${link![0]}"`);
    const token = link![1]!;

    const tokens = await services.db.selectFrom("password_reset_tokens").selectAll().execute();
    expect(tokens).toEqual([{ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), staff_user_id: staffUserId, purpose: "invitation", created_at: start, expires_at: start + 72 * hour, used_at: null }]);
    expect(JSON.stringify(tokens)).not.toContain(token);
    expect((await staffEntries(services)).filter((entry) => entry.target_id === staffUserId)).toEqual([
      expect.objectContaining({ action: "staff.created", actor_id: adminId, target_id: staffUserId }),
      expect.objectContaining({ action: "staff.invited", actor_id: adminId, target_id: staffUserId, details: JSON.stringify({ expiresAt: start + 72 * hour }) }),
    ]);

    // Past its 72 hours the link is told apart as expired, and sets nothing.
    expect(await checkPasswordResetToken(services.db, token, start + 73 * hour)).toBe("expired_token");
    expect(await resetPassword(services, token, chosenPassword, start + 73 * hour)).toEqual({ problem: "expired_token" });

    expect(await checkPasswordResetToken(services.db, token, start + 2 * hour)).toBeNull();
    expect(await resetPassword(services, token, chosenPassword, start + 2 * hour)).toEqual({ reset: true });
    expect(await resetPassword(services, token, "another long passphrase", start + 2 * hour + minute)).toEqual({ problem: "invalid_token" });
    expect(await checkPasswordResetToken(services.db, token, start + 2 * hour + minute)).toBe("invalid_token");
    expect(await signIn(services, { email: malee.email, password: chosenPassword }, "client", start + 3 * hour)).toMatchObject({ signedIn: true });
    expect((await staffEntries(services)).find((entry) => entry.action === "staff.password_reset")).toMatchObject({ target_id: staffUserId, details: JSON.stringify({ endedSessions: 0, purpose: "invitation" }) });
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("tells a colleague whose role needs an authenticator that they will add one at the first sign-in", async () => {
    const { services, adminId } = await prepared();
    expect(await inviteStaffUser(services, { email: "wilai@agency.go.th", displayName: "วิไล กรรมการ", role: "audit_committee", teamCode: null }, adminId, start)).toEqual({ staffUserId: expect.any(String) });
    const [email] = await outboxEmails(services);
    expect(email!.text).toContain("คณะกรรมการตรวจสอบ");
    expect(email!.text).toContain("ต้องยืนยันตัวตนสองขั้นตอน");
    expect(email!.text).toContain("This role needs two-step verification");
  });

  it("sends nothing when the account's creation rolls back, even after the invitation was written", async () => {
    const { services, smtp, adminId, dispatch } = await prepared();
    // The last write of the transaction fails, as a lost database connection would make it: the
    // account, its link, its e-mail and the first audit entry were already written by then.
    if (services.dialect === "sqlite") {
      await sql`create trigger refuse_invitation_entry before insert on audit_log when new.action = 'staff.invited' begin select raise(abort, 'refused by the test'); end`.execute(services.db);
    } else {
      await sql`create function refuse_invitation_entry() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`.execute(services.db);
      await sql`create trigger refuse_invitation_entry before insert on audit_log for each row when (new.action = 'staff.invited') execute function refuse_invitation_entry()`.execute(services.db);
    }

    await expect(inviteStaffUser(services, malee, adminId, start)).rejects.toThrow(/refused by the test/);
    expect(await services.db.selectFrom("staff_users").select("id").where("email", "=", "malee@agency.go.th").execute()).toEqual([]);
    expect(await services.db.selectFrom("password_reset_tokens").select("token_hash").execute()).toEqual([]);
    expect(await services.db.selectFrom("outbox").select("id").execute()).toEqual([]);
    expect(await staffEntries(services)).toEqual([expect.objectContaining({ action: "staff.created", target_id: adminId })]);
    expect(await dispatch(start + minute)).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(smtp.messages).toEqual([]);
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("leaves the owner's own reset requests untouched: an invitation does not count against them", async () => {
    const { services, adminId } = await prepared();
    await invite(services, adminId, start);
    for (let request = 0; request < 4; request += 1) await requestPasswordReset(services, malee.email, start + (request + 1) * minute);
    const subjects = (await outboxEmails(services)).map((email) => email.subject);
    expect(subjects.filter((subject) => subject.startsWith("เชิญตั้งรหัสผ่าน"))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.startsWith("ตั้งรหัสผ่านใหม่"))).toHaveLength(3);
  });

  it("opens the reset page worded as a first password, and says so once it is set", async () => {
    const { services, adminId } = await prepared();
    // The page reads the clock itself: the invitation is made now, with 72 hours to spare.
    await invite(services, adminId, Date.now());
    const token = linkPattern.exec((await outboxEmails(services))[0]!.text)![1]!;
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "test" } satisfies AppLoadContext;
    const url = `${baseUrl}/staff/reset-password?token=${token}`;

    expect(await resetPasswordRoute.loader({ request: new Request(url), context, params: {} } as LoaderFunctionArgs)).toEqual({ token, problem: null, invitation: true });
    const body = new URLSearchParams([["token", token], ["password", chosenPassword], ["confirmPassword", chosenPassword]]);
    const answer = await resetPasswordRoute.action({ request: new Request(url, { method: "POST", body }), context, params: {} } as ActionFunctionArgs);
    expect(answer).toMatchObject({ outcome: "invitation_done" });
    expect(await resetPasswordRoute.loader({ request: new Request(url), context, params: {} } as LoaderFunctionArgs)).toEqual({ token, problem: "invalid_token", invitation: false });
  });
});
