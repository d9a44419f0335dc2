import { sql, type Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { Database, Queryable } from "../db.server";
import type { AppServices } from "../services.server";
import { normaliseEmail } from "./email-address";
import { hashSecret, verifySecret, type Argon2Parameters } from "./password.server";
import { normalisePassword } from "./password-rules";
import { pendingSecondFactor, type PendingSecondFactor } from "./second-factor";
import { createSession, destroyAllSessionsOf, destroySession, markMfaVerified, readSession, type CreatedSession } from "./sessions.server";
import { verifyTotp } from "./totp.server";

/**
 * Staff sign-in (ARCHITECTURE §7): password, then the second factor where one is owed.
 *
 * Two brakes on guessing. Per client, in memory: failed attempts from one address are throttled
 * (app/services.server.ts). Per account, in the database so every node sees it: after
 * `failuresBeforeLock` wrong passwords or codes in a row the account is locked for `lockMs`, and
 * the count starts again when the lock ends. Failures do not age out on their own — only a
 * completed sign-in or a password reset clears them (there is no column for when they happened).
 *
 * Every refusal looks the same from outside — unknown e-mail, wrong password, inactive or locked
 * account — so the page cannot be used to learn who works here or whose account an attacker has
 * locked. The page's one message covers all four ("e-mail or password is wrong, or the account is
 * locked for 15 minutes after too many attempts"). The real reason goes to the audit log.
 */
export const accountLockout = { failuresBeforeLock: 5, lockMs: 15 * 60_000 } as const;

export type SignInResult =
  | { signedIn: true; staffUserId: string; cookieValue: string; expiresAt: number; secondFactorPending: PendingSecondFactor }
  | { signedIn: false; problem: "invalid_credentials" }
  | { signedIn: false; problem: "throttled"; retryAfterMs: number };

/** Why a sign-in failed, for the audit log only: never shown, never returned. */
type SignInFailure = "unknown_email" | "wrong_password" | "inactive" | "locked";

const decoyHashes = new Map<string, Promise<string>>();

/**
 * Verifies against the account's hash or, with no account to check, against a decoy made with the
 * same cost, so an unknown e-mail takes as long to refuse as a wrong password.
 */
async function verifyPassword(passwordHash: string | undefined, password: string, parameters: Argon2Parameters): Promise<boolean> {
  if (passwordHash) return verifySecret(passwordHash, password);
  const key = JSON.stringify(parameters);
  let decoy = decoyHashes.get(key);
  if (!decoy) {
    decoy = hashSecret("decoy-staff-password", parameters);
    decoyHashes.set(key, decoy);
  }
  await verifySecret(await decoy, password);
  return false;
}

/**
 * Counts an attempt against the account before its password or code is checked: counted only once
 * it had failed, attempts sent at once from any number of addresses would all be checked before the
 * first failure counted, and the lock would bound nothing. The count is thus failures plus attempts
 * in flight, incremented by the database so that every node counts. Returns this attempt's place in
 * the count, or null when the account is locked or as many attempts are already failed or in flight
 * as may be before the lock: this one is not checked at all.
 */
async function reserveAttempt(db: Queryable, staffUserId: string, now: number): Promise<number | null> {
  const counted = await db
    .updateTable("staff_users")
    .set((expression) => ({ failed_login_count: expression("failed_login_count", "+", 1) }))
    .where("id", "=", staffUserId)
    // In the same statement as the count: a lock set since the caller read the account (which resets
    // the count) must stop this attempt, not let it count from zero.
    .where((expression) => expression.or([expression("locked_until", "is", null), expression("locked_until", "<=", now)]))
    .returning("failed_login_count")
    .executeTakeFirst();
  if (!counted) return null;
  const place = Number(counted.failed_login_count);
  if (place <= accountLockout.failuresBeforeLock) return place;
  await releaseAttempt(db, staffUserId);
  return null;
}

/** Takes back an attempt that was not a failure (the right password, a replayed code). Never below zero: a lock may have reset the count meanwhile. */
function releaseAttempt(db: Queryable, staffUserId: string) {
  return db
    .updateTable("staff_users")
    .set({ failed_login_count: sql<number>`case when failed_login_count > 0 then failed_login_count - 1 else 0 end` })
    .where("id", "=", staffUserId)
    .execute();
}

/**
 * The reserved attempt failed: it stays counted, and the one that reaches the limit locks the
 * account. Returns when the lock ends if this failure locked it.
 */
async function confirmFailure(transaction: Transaction<Database>, staffUserId: string, place: number, now: number): Promise<{ lockedUntil: number } | null> {
  if (place < accountLockout.failuresBeforeLock) return null;
  const lockedUntil = now + accountLockout.lockMs;
  await transaction.updateTable("staff_users").set({ failed_login_count: 0, locked_until: lockedUntil }).where("id", "=", staffUserId).execute();
  await appendAuditEntry(transaction, {
    actorType: "system",
    action: "staff.locked",
    targetType: "staff_user",
    targetId: staffUserId,
    details: { lockedUntil, failures: accountLockout.failuresBeforeLock },
    occurredAt: now,
  });
  return { lockedUntil };
}

function clearFailures(transaction: Transaction<Database>, staffUserId: string) {
  return transaction.updateTable("staff_users").set({ failed_login_count: 0, locked_until: null }).where("id", "=", staffUserId).execute();
}

/**
 * Checks e-mail and password and, if they are right, opens a session — a full one, or one that
 * still owes the second factor (`secondFactorPending`), which the route sends to the code or
 * enrolment page. argon2 runs before any transaction (ARCHITECTURE §12). `clientKey` is
 * `clientKeyOf(address)`, never the address.
 */
export async function signIn(services: AppServices, credentials: { email: string; password: string }, clientKey: string, now: number): Promise<SignInResult> {
  const { db, config, throttles } = services;
  // Counted before argon2 runs, so that passwords sent at once cannot outrun the count; given back on success.
  const attempt = throttles.signIns.reserve(clientKey, now);
  if (!attempt.allowed) return { signedIn: false, problem: "throttled", retryAfterMs: attempt.retryAfterMs };
  const account = await db
    .selectFrom("staff_users")
    .select(["id", "role", "password_hash", "is_active", "locked_until", "totp_enabled_at"])
    .where("email", "=", normaliseEmail(credentials.email))
    .executeTakeFirst();
  const lockedUntil = account?.locked_until ?? null;
  const checkable = account !== undefined && account.is_active === 1 && !(lockedUntil !== null && lockedUntil > now);
  const place = checkable ? await reserveAttempt(db, account.id, now) : null;
  // A locked account is checked against the decoy (so is one whose attempts are all in flight):
  // guesses made during the lock tell nothing.
  const isLocked = account !== undefined && account.is_active === 1 && place === null;
  const passwordMatches = await verifyPassword(isLocked ? undefined : account?.password_hash, normalisePassword(credentials.password), config.argon2);

  if (!account || isLocked || account.is_active !== 1 || !passwordMatches) {
    const failure: SignInFailure = !account ? "unknown_email" : isLocked ? "locked" : account.is_active !== 1 ? "inactive" : "wrong_password";
    await db.transaction().execute(async (transaction) => {
      if (failure === "wrong_password" && place !== null && account) await confirmFailure(transaction, account.id, place, now);
      await appendAuditEntry(transaction, {
        actorType: "system",
        action: "staff.sign_in_failed",
        targetType: account ? "staff_user" : null,
        targetId: account?.id ?? null,
        details: { reason: failure },
        occurredAt: now,
      });
    });
    return { signedIn: false, problem: "invalid_credentials" };
  }

  attempt.release();
  const secondFactor = pendingSecondFactor({ role: account.role, totpEnabled: account.totp_enabled_at !== null }, false);
  const session = await db.transaction().execute(async (transaction) => {
    // While a code is owed the count stays (only this attempt is taken back): were the password alone
    // enough to clear it, a thief who has it could type it again after every four wrong codes and guess
    // codes for ever. (An account that must still enrol has no code to guess: the password is all the
    // proof there is.)
    if (secondFactor !== "verify") await clearFailures(transaction, account.id);
    else await releaseAttempt(transaction, account.id);
    const created = await createSession(transaction, account.id, now, { mfaVerified: false }, config.staffSessions);
    await appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: account.id,
      action: "staff.sign_in",
      targetType: "staff_user",
      targetId: account.id,
      details: { secondFactor: secondFactor ?? "none" },
      occurredAt: now,
    });
    return created;
  });
  return { signedIn: true, staffUserId: account.id, cookieValue: session.cookieValue, expiresAt: session.expiresAt, secondFactorPending: secondFactor };
}

export type SecondFactorResult =
  /** The session now goes on under a new id: the route sets `session` as the cookie. */
  | { verified: true; session: CreatedSession }
  /** No session, or one that owes no code: the route starts the sign-in again. */
  | { verified: false; problem: "no_pending_sign_in" }
  | { verified: false; problem: "wrong_code" | "replayed" }
  /** Safe to say here: whoever asks has just proved the password. The session has ended. */
  | { verified: false; problem: "locked"; retryAfterMs: number }
  | { verified: false; problem: "throttled"; retryAfterMs: number };

/**
 * The second step of a sign-in: the code from the authenticator. A wrong code counts towards the
 * same lockout as a wrong password; when it locks the account, this half-signed-in session ends.
 * A replayed code is refused but not counted: it was right once, so it is a double submission or a
 * thief, and counting it would let a thief lock the owner out with one stolen code.
 */
export async function verifySecondFactor(services: AppServices, cookieValue: string, typedCode: string, clientKey: string, now: number): Promise<SecondFactorResult> {
  const { db, config, throttles } = services;
  // Counted before the code is checked, so that codes sent at once cannot outrun the count.
  const attempt = throttles.signIns.reserve(clientKey, now);
  if (!attempt.allowed) return { verified: false, problem: "throttled", retryAfterMs: attempt.retryAfterMs };
  const signedIn = await readSession(db, cookieValue, now, config.staffSessions);
  if (!signedIn || signedIn.secondFactorPending !== "verify") {
    attempt.release();
    return { verified: false, problem: "no_pending_sign_in" };
  }
  const staffUserId = signedIn.user.id;
  const { locked_until: lockedUntil } = await db.selectFrom("staff_users").select("locked_until").where("id", "=", staffUserId).executeTakeFirstOrThrow();
  if (lockedUntil !== null && lockedUntil > now) {
    attempt.release();
    await destroySession(db, cookieValue);
    return { verified: false, problem: "locked", retryAfterMs: lockedUntil - now };
  }

  const place = await reserveAttempt(db, staffUserId, now);
  // As many codes are failed or in flight as may be before the lock: this one is not checked.
  if (place === null) return { verified: false, problem: "wrong_code" };
  const verification = await verifyTotp(services, staffUserId, typedCode, now);
  if ("verified" in verification) {
    attempt.release();
    const session = await db.transaction().execute(async (transaction) => {
      const rotated = await markMfaVerified(transaction, cookieValue, now);
      await clearFailures(transaction, staffUserId);
      await appendAuditEntry(transaction, { actorType: "staff", actorId: staffUserId, action: "staff.mfa_verified", targetType: "staff_user", targetId: staffUserId, occurredAt: now });
      return rotated;
    });
    // Ended between the read above and now (signed out in another tab): nothing is left to complete.
    if (!session) return { verified: false, problem: "no_pending_sign_in" };
    return { verified: true, session };
  }

  const lock = await db.transaction().execute(async (transaction) => {
    // A replayed code was right once: it is taken back, not counted (see above).
    const locked = verification.problem === "wrong_code" ? await confirmFailure(transaction, staffUserId, place, now) : null;
    if (verification.problem !== "wrong_code") await releaseAttempt(transaction, staffUserId);
    if (locked) await destroySession(transaction, cookieValue);
    await appendAuditEntry(transaction, {
      actorType: "system",
      action: "staff.mfa_failed",
      targetType: "staff_user",
      targetId: staffUserId,
      details: { reason: verification.problem },
      occurredAt: now,
    });
    return locked;
  });
  if (lock) return { verified: false, problem: "locked", retryAfterMs: lock.lockedUntil - now };
  // "not_enrolled" cannot happen with a session owing "verify" unless the factor was reset this instant.
  return { verified: false, problem: verification.problem === "replayed" ? "replayed" : "wrong_code" };
}

/** Ends this session, recorded. */
export async function signOut(services: AppServices, cookieValue: string, now: number): Promise<void> {
  const signedIn = await readSession(services.db, cookieValue, now, services.config.staffSessions);
  if (!signedIn) return;
  await services.db.transaction().execute(async (transaction) => {
    await destroySession(transaction, cookieValue);
    await appendAuditEntry(transaction, { actorType: "staff", actorId: signedIn.user.id, action: "staff.sign_out", targetType: "staff_user", targetId: signedIn.user.id, occurredAt: now });
  });
}

/** "Sign out everywhere", asked by the account's owner: ends every session, this one included. */
export async function signOutEverywhere(services: AppServices, staffUserId: string, now: number): Promise<number> {
  return services.db.transaction().execute(async (transaction) => {
    const ended = await destroyAllSessionsOf(transaction, staffUserId);
    await appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: staffUserId,
      action: "staff.sign_out_everywhere",
      targetType: "staff_user",
      targetId: staffUserId,
      details: { endedSessions: ended },
      occurredAt: now,
    });
    return ended;
  });
}
