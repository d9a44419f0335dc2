import { createHash, randomBytes } from "node:crypto";
import { timeoutDefaults } from "../config.server";
import type { Queryable, StaffRole } from "../db.server";
import { pendingSecondFactor, type PendingSecondFactor } from "./second-factor";

/**
 * Server-side staff sessions (ARCHITECTURE §7, §10). The cookie carries a random 256-bit id; the
 * database keeps only its SHA-256, so a copy of the database opens no session. A plain digest is
 * enough for a random secret nobody can guess: the slow hash passwords need would only slow every
 * request. Living in the database, a session works on any node.
 *
 * Ids are only ever minted here: at sign-in, and again when the second factor is proved. An id the
 * server did not make opens nothing; but anyone who knows a password gets a real id still owing the
 * code, and could plant it in the owner's browser. The owner's code would then complete the
 * planter's copy too, were the id kept (session fixation), so proving the factor retires it.
 */

/**
 * The cookie the routes set (HttpOnly, Secure, SameSite=Lax, Path=/, no Max-Age so it ends with the
 * browser as well): its value is what `createSession` returns.
 */
export const staffSessionCookieName = "prongsai_staff";

export interface SessionTimeouts {
  /** Without a request for this long, the session ends. */
  idleMs: number;
  /** However active, the session ends this long after sign-in. */
  absoluteMs: number;
}

/**
 * The defaults of STAFF_SESSION_IDLE_MINUTES and STAFF_SESSION_ABSOLUTE_HOURS, for callers with no
 * configuration at hand (tests, scripts). The app passes `config.staffSessions`, which an operator
 * may have changed.
 */
export const defaultSessionTimeouts: SessionTimeouts = {
  idleMs: timeoutDefaults.staffSessionIdleMinutes * 60_000,
  absoluteMs: timeoutDefaults.staffSessionAbsoluteHours * 3_600_000,
};

/**
 * `last_seen_at` moves at most once a minute: a page with ten requests writes once. The idle
 * timeout is thus honoured to within that minute.
 */
const lastSeenResolutionMs = 60_000;

const sessionIdBytes = 32;
const cookieValuePattern = /^[A-Za-z0-9_-]{43}$/;

function idHashOf(cookieValue: string): string {
  return createHash("sha256").update(cookieValue, "utf8").digest("hex");
}

export interface CreatedSession {
  /** The cookie's value; not stored anywhere on the server. */
  cookieValue: string;
  /** The absolute end of the session, should the route want to tell the cookie. */
  expiresAt: number;
}

export async function createSession(
  db: Queryable,
  staffUserId: string,
  now: number,
  options: { mfaVerified: boolean },
  timeouts: SessionTimeouts = defaultSessionTimeouts,
): Promise<CreatedSession> {
  const cookieValue = randomBytes(sessionIdBytes).toString("base64url");
  const expiresAt = now + timeouts.absoluteMs;
  await db
    .insertInto("sessions")
    .values({
      id_hash: idHashOf(cookieValue),
      staff_user_id: staffUserId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      mfa_verified_at: options.mfaVerified ? now : null,
    })
    .execute();
  return { cookieValue, expiresAt };
}

export interface SessionStaffUser {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  teamId: string | null;
  totpEnabled: boolean;
}

export interface StaffSession {
  staffUserId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  mfaVerifiedAt: number | null;
}

export interface SignedInStaff {
  session: StaffSession;
  user: SessionStaffUser;
  /**
   * Not null: the password was right but the second factor is still owed. Such a session opens the
   * code or enrolment page and nothing else; every other loader must treat it as signed out.
   */
  secondFactorPending: PendingSecondFactor;
}

/**
 * The session a cookie opens, or null: unknown, past its idle or absolute timeout, its account
 * deactivated, or its password changed since sign-in. An ended session is deleted on the way.
 */
export async function readSession(
  db: Queryable,
  cookieValue: string | null | undefined,
  now: number,
  timeouts: SessionTimeouts = defaultSessionTimeouts,
): Promise<SignedInStaff | null> {
  if (!cookieValue || !cookieValuePattern.test(cookieValue)) return null;
  const idHash = idHashOf(cookieValue);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("staff_users", "staff_users.id", "sessions.staff_user_id")
    .select([
      "sessions.staff_user_id",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.mfa_verified_at",
      "staff_users.email",
      "staff_users.display_name",
      "staff_users.role",
      "staff_users.team_id",
      "staff_users.totp_enabled_at",
      "staff_users.is_active",
      "staff_users.password_changed_at",
    ])
    .where("sessions.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;
  const ended =
    now >= row.expires_at ||
    now - row.last_seen_at >= timeouts.idleMs ||
    row.is_active !== 1 ||
    row.password_changed_at > row.created_at;
  if (ended) {
    await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    return null;
  }
  let lastSeenAt = row.last_seen_at;
  if (now - lastSeenAt >= lastSeenResolutionMs) {
    await db.updateTable("sessions").set({ last_seen_at: now }).where("id_hash", "=", idHash).execute();
    lastSeenAt = now;
  }
  const user: SessionStaffUser = {
    id: row.staff_user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
    totpEnabled: row.totp_enabled_at !== null,
  };
  return {
    session: { staffUserId: row.staff_user_id, createdAt: row.created_at, lastSeenAt, expiresAt: row.expires_at, mfaVerifiedAt: row.mfa_verified_at },
    user,
    secondFactorPending: pendingSecondFactor(user, row.mfa_verified_at !== null),
  };
}

/** Signs this session out. True if there was one. */
export async function destroySession(db: Queryable, cookieValue: string): Promise<boolean> {
  if (!cookieValuePattern.test(cookieValue)) return false;
  const result = await db.deleteFrom("sessions").where("id_hash", "=", idHashOf(cookieValue)).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** "Sign out everywhere": after a password reset, a deactivation, a lost authenticator. Returns how many ended. */
export async function destroyAllSessionsOf(db: Queryable, staffUserId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("staff_user_id", "=", staffUserId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records that this session's holder proved the second factor, under a new id (the old one opens
 * nothing from now on): the route sets the returned cookie. Null if the session does not exist.
 * The absolute timeout still counts from sign-in.
 */
export async function markMfaVerified(db: Queryable, cookieValue: string, now: number): Promise<CreatedSession | null> {
  if (!cookieValuePattern.test(cookieValue)) return null;
  const rotated = randomBytes(sessionIdBytes).toString("base64url");
  const session = await db
    .updateTable("sessions")
    .set({ id_hash: idHashOf(rotated), mfa_verified_at: now, last_seen_at: now })
    .where("id_hash", "=", idHashOf(cookieValue))
    .returning("expires_at")
    .executeTakeFirst();
  return session ? { cookieValue: rotated, expiresAt: session.expires_at } : null;
}

/**
 * Deletes sessions that can no longer open, for `purge-expired`: reading one deletes it too, but a
 * session nobody comes back to would otherwise stay forever. Idle ones are found by `last_seen_at`.
 */
export async function purgeEndedSessions(db: Queryable, now: number, timeouts: SessionTimeouts = defaultSessionTimeouts): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where((expression) => expression.or([expression("expires_at", "<=", now), expression("last_seen_at", "<=", now - timeouts.idleMs)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
