import { createHash, randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { Database, PasswordTokenPurpose, Queryable, StaffRole } from "../db.server";
import { en } from "../i18n/messages/en";
import { th } from "../i18n/messages/th";
import { enqueueEmail } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { accountSecurityNoticeEmail } from "../../emails/account-security-notice";
import { passwordResetEmail } from "../../emails/password-reset";
import { staffInvitationEmail } from "../../emails/staff-invitation";
import { normaliseEmail } from "./email-address";
import { hashSecret } from "./password.server";
import { checkPassword, normalisePassword, type PasswordProblem } from "./password-rules";
import { totpRequiredFor } from "./second-factor";
import { destroyAllSessionsOf } from "./sessions.server";
import { auditActorOf, type AccountActor } from "./staff-users.server";

/**
 * Reset by a single-use e-mailed token (ARCHITECTURE §7). The token is 256 random bits; the database
 * keeps its SHA-256 only (a copy of the database resets nothing), and the slow hash passwords need
 * would add nothing against a secret nobody can guess.
 *
 * A reset changes the password only: an enrolled authenticator stays, so a stolen mailbox alone is
 * not enough to take over an account that has one. A lost authenticator is `npm run user:reset-mfa`.
 */
export const passwordResetValidityMs = 30 * 60_000;
/** Enough for someone who lost the first e-mail; few enough that nobody can bury a colleague's inbox. */
const maximumRequestsPerValidity = 3;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

function tokenHashOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Sends a reset link if the address belongs to an active account — and answers the same either
 * way, so the form tells nobody who works here. The route shows one message whatever happens
 * ("if the address is registered, a link is on its way"). Token, e-mail and audit entry are written
 * together: the outbox sends the e-mail after the commit.
 */
export async function requestPasswordReset(services: AppServices, email: string, now: number): Promise<void> {
  const { db, config, secrets } = services;
  const account = await db.selectFrom("staff_users").select(["id", "email", "is_active"]).where("email", "=", normaliseEmail(email)).executeTakeFirst();
  if (!account || account.is_active !== 1) return;
  const recent = await db
    .selectFrom("password_reset_tokens")
    .select((expression) => expression.fn.countAll<number>().as("count"))
    .where("staff_user_id", "=", account.id)
    .where("purpose", "=", "reset")
    .where("created_at", ">", now - passwordResetValidityMs)
    .executeTakeFirstOrThrow();
  if (Number(recent.count) >= maximumRequestsPerValidity) return;

  const token = randomBytes(32).toString("base64url");
  const resetUrl = `${config.publicBaseUrl}/staff/reset-password?token=${token}`;
  await db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto("password_reset_tokens")
      .values({ token_hash: tokenHashOf(token), staff_user_id: account.id, purpose: "reset", created_at: now, expires_at: now + passwordResetValidityMs, used_at: null })
      .execute();
    await enqueueEmail(transaction, secrets.keyring, { to: account.email, ...passwordResetEmail({ resetUrl, validMinutes: passwordResetValidityMs / 60_000 }) }, now);
    await appendAuditEntry(transaction, { actorType: "system", action: "staff.password_reset_requested", targetType: "staff_user", targetId: account.id, occurredAt: now });
  });
}

const roleWords = {
  intake_officer: "intakeOfficer",
  investigator: "investigator",
  supervisor: "supervisor",
  executive: "executive",
  audit_committee: "auditCommittee",
  auditor: "auditor",
  admin: "admin",
} as const satisfies Record<StaffRole, keyof typeof th.staffAuth.roles>;

export interface InvitedAccount {
  staffUserId: string;
  email: string;
  role: StaffRole;
}

/**
 * Writes an invitation link for a new account, its e-mail and its audit entry into the caller's
 * transaction, so the account, the link and the message exist together or not at all: an account
 * whose creation rolls back sends nothing, and no account is left without its link. The link is a
 * password token like a reset's, single-use and stored as a hash, but it lives for
 * `staffInvitationValidityMs` (hours, not minutes: a new colleague may open their mail only on
 * their first day) and says it is an invitation, so the page it opens reads "set your password".
 * It does not count towards the limit on reset requests.
 *
 * The e-mail names the system after the site (`app.name`, `app.subtitle`): there is no setting for
 * the agency's own name.
 */
export async function issueStaffInvitation(
  transaction: Transaction<Database>,
  services: Pick<AppServices, "config" | "secrets">,
  account: InvitedAccount,
  actor: AccountActor,
  now: number,
): Promise<void> {
  const { config, secrets } = services;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = now + config.staffInvitationValidityMs;
  await transaction
    .insertInto("password_reset_tokens")
    .values({ token_hash: tokenHashOf(token), staff_user_id: account.staffUserId, purpose: "invitation", created_at: now, expires_at: expiresAt, used_at: null })
    .execute();
  const email = staffInvitationEmail({
    agencyName: { th: `${th.app.name} ${th.app.subtitle}`, en: `${en.app.name} (${en.app.subtitle})` },
    roleLabel: { th: th.staffAuth.roles[roleWords[account.role]], en: en.staffAuth.roles[roleWords[account.role]] },
    setPasswordUrl: `${config.publicBaseUrl}/staff/reset-password?token=${token}`,
    forgotPasswordUrl: `${config.publicBaseUrl}/staff/forgot-password`,
    validHours: config.staffInvitationValidityMs / 3_600_000,
    secondFactorRequired: totpRequiredFor(account.role),
  });
  await enqueueEmail(transaction, secrets.keyring, { to: account.email, ...email }, now);
  await appendAuditEntry(transaction, {
    ...auditActorOf(actor),
    action: "staff.invited",
    targetType: "staff_user",
    targetId: account.staffUserId,
    details: { expiresAt },
    occurredAt: now,
  });
}

export type PasswordResetTokenProblem = "invalid_token" | "expired_token";

async function findUsableToken(
  db: Queryable,
  token: string,
  now: number,
): Promise<{ staffUserId: string; email: string; purpose: PasswordTokenPurpose } | { problem: PasswordResetTokenProblem }> {
  if (!tokenPattern.test(token)) return { problem: "invalid_token" };
  const row = await db
    .selectFrom("password_reset_tokens")
    .innerJoin("staff_users", "staff_users.id", "password_reset_tokens.staff_user_id")
    .select([
      "password_reset_tokens.staff_user_id",
      "password_reset_tokens.purpose",
      "password_reset_tokens.expires_at",
      "password_reset_tokens.used_at",
      "staff_users.email",
      "staff_users.is_active",
    ])
    .where("password_reset_tokens.token_hash", "=", tokenHashOf(token))
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.is_active !== 1) return { problem: "invalid_token" };
  // An expired link may be told apart: its holder learns only to ask again.
  if (row.expires_at <= now) return { problem: "expired_token" };
  return { staffUserId: row.staff_user_id, email: row.email, purpose: row.purpose };
}

/** For the page the link opens: whether to show the form, or say the link is spent or stale. */
export async function checkPasswordResetToken(db: Queryable, token: string, now: number): Promise<PasswordResetTokenProblem | null> {
  const found = await findUsableToken(db, token, now);
  return "problem" in found ? found.problem : null;
}

/** The same check, also saying what a usable link was sent for, so the page can word itself. */
export async function inspectPasswordToken(db: Queryable, token: string, now: number): Promise<{ purpose: PasswordTokenPurpose } | { problem: PasswordResetTokenProblem }> {
  const found = await findUsableToken(db, token, now);
  return "problem" in found ? found : { purpose: found.purpose };
}

export type PasswordResetResult = { reset: true } | { problem: PasswordResetTokenProblem } | { problem: "weak_password"; reason: PasswordProblem };

/**
 * Sets the new password: the token is spent (with a condition on `used_at`, so of two tabs racing
 * exactly one wins), any lockout is lifted, every session of the account ends, and the owner is told
 * by e-mail. Other links still outstanding are withdrawn. argon2 runs before the transaction.
 */
export async function resetPassword(services: AppServices, token: string, newPassword: string, now: number): Promise<PasswordResetResult> {
  const { db, config, secrets } = services;
  const found = await findUsableToken(db, token, now);
  if ("problem" in found) return found;
  const reason = checkPassword(newPassword, { email: found.email });
  if (reason) return { problem: "weak_password", reason };
  const passwordHash = await hashSecret(normalisePassword(newPassword), config.argon2);
  const tokenHash = tokenHashOf(token);

  return db.transaction().execute(async (transaction): Promise<PasswordResetResult> => {
    const spent = await transaction
      .updateTable("password_reset_tokens")
      .set({ used_at: now })
      .where("token_hash", "=", tokenHash)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) === 0) return { problem: "invalid_token" };
    await transaction
      .updateTable("staff_users")
      .set({ password_hash: passwordHash, password_changed_at: now, failed_login_count: 0, locked_until: null, updated_at: now })
      .where("id", "=", found.staffUserId)
      .execute();
    await transaction.deleteFrom("password_reset_tokens").where("staff_user_id", "=", found.staffUserId).where("used_at", "is", null).execute();
    const endedSessions = await destroyAllSessionsOf(transaction, found.staffUserId);
    await appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: found.staffUserId,
      action: "staff.password_reset",
      targetType: "staff_user",
      targetId: found.staffUserId,
      details: { endedSessions, purpose: found.purpose },
      occurredAt: now,
    });
    await enqueueEmail(transaction, secrets.keyring, { to: found.email, ...accountSecurityNoticeEmail("password_changed") }, now);
    return { reset: true };
  });
}
