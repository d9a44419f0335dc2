import QRCode from "qrcode";
import { Secret, TOTP } from "otpauth";
import { appendAuditEntry } from "../audit/audit-log.server";
import { decryptText, encryptText } from "../crypto/envelope.server";
import { enqueueEmail } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { accountSecurityNoticeEmail } from "../../emails/account-security-notice";
import { destroyAllSessionsOf } from "./sessions.server";
import { auditActorOf, type AccountActor } from "./staff-users.server";
import { readTotpCode } from "./totp-code";

/**
 * TOTP (RFC 6238) as every authenticator app understands it: SHA-1, six digits, 30-second steps —
 * Google Authenticator and others ignore any other algorithm in the URI and would show wrong codes.
 * A code of the step before or after counts too (±1 step), for phones whose clock drifts a little.
 */
const issuer = "Prongsai";
const algorithm = "SHA1";
const digits = 6;
const periodSeconds = 30;
const stepWindow = 1;
/** 160 bits, the key length RFC 4226 recommends for HMAC-SHA-1. */
const secretBytes = 20;
const base32SecretPattern = /^[A-Z2-7]{32}$/;

/** Binds the envelope to its account: a secret copied onto another staff row fails to open there. */
function secretContext(staffUserId: string): string {
  return `staff_users.totp_secret:${staffUserId}`;
}

function totpOf(secret: Secret, email: string): TOTP {
  return new TOTP({ issuer, label: email, secret, algorithm, digits, period: periodSeconds });
}

/** The time step a code belongs to, or null if it matches none within the window. */
function matchingStep(secret: Secret, code: string, now: number): number | null {
  const totp = totpOf(secret, "");
  const delta = totp.validate({ token: code, timestamp: now, window: stepWindow });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

export interface TotpEnrolment {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  /** The otpauth:// URI the QR code holds. */
  uri: string;
  /** The QR code as an SVG data URL, for an `<img>` (the CSP allows data: images). */
  qrCodeDataUrl: string;
}

/**
 * A new secret to show. Nothing is stored yet: the page sends the secret back with the first code
 * (`confirmTotpEnrolment`), so an enrolment abandoned halfway leaves no trace and no half-enabled
 * factor. An account that has one already must have it reset first, so a stolen session cannot swap
 * the owner's authenticator for the thief's.
 */
export async function beginTotpEnrolment(services: AppServices, staffUserId: string): Promise<TotpEnrolment | { problem: "already_enrolled" }> {
  const account = await services.db.selectFrom("staff_users").select(["email", "totp_enabled_at"]).where("id", "=", staffUserId).executeTakeFirstOrThrow();
  if (account.totp_enabled_at !== null) return { problem: "already_enrolled" };
  const secret = new Secret({ size: secretBytes });
  const uri = totpOf(secret, account.email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret: secret.base32, uri, qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}` };
}

export type TotpEnrolmentProblem = "invalid_secret" | "wrong_code" | "already_enrolled";

/**
 * Turns the factor on once the person proves their app shows the right codes. The secret is stored
 * encrypted; the code used here is spent, so it cannot also open the next sign-in. The route then
 * marks the session verified (`markMfaVerified`): this code was the proof.
 */
export async function confirmTotpEnrolment(
  services: AppServices,
  staffUserId: string,
  secret: string,
  typedCode: string,
  now: number,
): Promise<{ enrolled: true } | { problem: TotpEnrolmentProblem }> {
  const { db, secrets } = services;
  if (!base32SecretPattern.test(secret)) return { problem: "invalid_secret" };
  const code = readTotpCode(typedCode);
  const step = code === null ? null : matchingStep(Secret.fromBase32(secret), code, now);
  if (step === null) return { problem: "wrong_code" };
  const enrolled = await db.transaction().execute(async (transaction) => {
    const account = await transaction.selectFrom("staff_users").select("email").where("id", "=", staffUserId).executeTakeFirstOrThrow();
    const result = await transaction
      .updateTable("staff_users")
      .set({ totp_secret_encrypted: encryptText(secrets.keyring, secret, secretContext(staffUserId)), totp_enabled_at: now, totp_last_step: step, updated_at: now })
      .where("id", "=", staffUserId)
      // Two tabs confirming at once: the first one wins, the second must not overwrite its secret.
      .where("totp_enabled_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await appendAuditEntry(transaction, { actorType: "staff", actorId: staffUserId, action: "staff.totp_enrolled", targetType: "staff_user", targetId: staffUserId, occurredAt: now });
    await enqueueEmail(transaction, secrets.keyring, { to: account.email, ...accountSecurityNoticeEmail("totp_enrolled") }, now);
    return true;
  });
  if (!enrolled) return { problem: "already_enrolled" };
  return { enrolled: true };
}

export type TotpVerificationProblem = "wrong_code" | "replayed" | "not_enrolled";

/**
 * Checks a code against the account's secret, within ±1 step, and spends it (RFC 6238 §5.2): a
 * code is accepted once, and never one older than the last accepted, so a code read over a
 * shoulder or through a proxy is worthless once used. The last step lives in the account's row and
 * moves only forward, by a conditional UPDATE: the database serialises two nodes on that row, and
 * only one of them sees its update land. Counting failures towards the lockout is the sign-in's
 * business (login.server.ts).
 */
export async function verifyTotp(
  services: AppServices,
  staffUserId: string,
  typedCode: string,
  now: number,
): Promise<{ verified: true } | { problem: TotpVerificationProblem }> {
  const { db, secrets } = services;
  const account = await db.selectFrom("staff_users").select("totp_secret_encrypted").where("id", "=", staffUserId).executeTakeFirst();
  if (!account?.totp_secret_encrypted) return { problem: "not_enrolled" };
  const code = readTotpCode(typedCode);
  if (code === null) return { problem: "wrong_code" };
  const secret = Secret.fromBase32(decryptText(secrets.keyring, account.totp_secret_encrypted, secretContext(staffUserId)));
  const step = matchingStep(secret, code, now);
  if (step === null) return { problem: "wrong_code" };
  const claimed = await db
    .updateTable("staff_users")
    .set({ totp_last_step: step })
    .where("id", "=", staffUserId)
    .where((expression) => expression.or([expression("totp_last_step", "is", null), expression("totp_last_step", "<", step)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return { problem: "replayed" };
  return { verified: true };
}

/**
 * For a lost phone (`npm run user:reset-mfa`): removes the factor and signs the account out
 * everywhere, so the next sign-in asks for a new enrolment where the role requires one. The owner is
 * told by e-mail. False if there is no such account.
 */
export async function resetTotp(services: AppServices, staffUserId: string, actor: AccountActor, now: number): Promise<boolean> {
  const { db, secrets } = services;
  return db.transaction().execute(async (transaction) => {
    const account = await transaction.selectFrom("staff_users").select(["email", "totp_enabled_at"]).where("id", "=", staffUserId).executeTakeFirst();
    if (!account) return false;
    // The last step goes with the secret it was counted for: the next enrolment starts afresh.
    await transaction.updateTable("staff_users").set({ totp_secret_encrypted: null, totp_enabled_at: null, totp_last_step: null, updated_at: now }).where("id", "=", staffUserId).execute();
    const endedSessions = await destroyAllSessionsOf(transaction, staffUserId);
    await appendAuditEntry(transaction, {
      ...auditActorOf(actor),
      action: "staff.totp_reset",
      targetType: "staff_user",
      targetId: staffUserId,
      details: { wasEnrolled: account.totp_enabled_at !== null, endedSessions },
      occurredAt: now,
    });
    if (account.totp_enabled_at !== null) await enqueueEmail(transaction, secrets.keyring, { to: account.email, ...accountSecurityNoticeEmail("totp_reset") }, now);
    return true;
  });
}
