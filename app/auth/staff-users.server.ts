import { randomUUID } from "node:crypto";
import type { Selectable, Transaction } from "kysely";
import { z } from "zod";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { Database, Queryable, StaffRole, StaffUsersTable } from "../db.server";
import type { AppServices } from "../services.server";
import { normaliseEmail } from "./email-address";
import { hashSecret } from "./password.server";
import { checkPassword, normalisePassword, type PasswordProblem } from "./password-rules";
import { roleNeedsTeam } from "./permissions";
import { destroyAllSessionsOf } from "./sessions.server";

/** Who changes an account: a signed-in admin, or the system (a command-line script run by an operator). */
export type AccountActor = { type: "staff"; id: string } | { type: "system" };

export function auditActorOf(actor: AccountActor): { actorType: "staff" | "system"; actorId: string | null } {
  return actor.type === "staff" ? { actorType: "staff", actorId: actor.id } : { actorType: "system", actorId: null };
}

/** An account as the rest of the app sees it: never its password hash or TOTP secret. */
export interface StaffAccount {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  teamId: string | null;
  isActive: boolean;
  totpEnabled: boolean;
  lockedUntil: number | null;
}

export function staffAccountOf(row: Selectable<StaffUsersTable>): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
    isActive: row.is_active === 1,
    totpEnabled: row.totp_enabled_at !== null,
    lockedUntil: row.locked_until,
  };
}

export async function findStaffUserByEmail(db: Queryable, email: string): Promise<StaffAccount | null> {
  const row = await db.selectFrom("staff_users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
  return row ? staffAccountOf(row) : null;
}

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: StaffRole;
  teamCode?: string | null;
  password: string;
}

export type StaffUserProblem =
  | { problem: "invalid_email" }
  | { problem: "invalid_display_name" }
  | { problem: "email_taken" }
  | { problem: "unknown_team" }
  | { problem: "team_required" }
  | { problem: "weak_password"; reason: PasswordProblem };

const emailSchema = z.string().email().max(254);
const displayNameMaximumLength = 200;

/** The database refused a second row with the same unique value: pg's SQLSTATE, or better-sqlite3's code. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** More writes that belong with a new account, run in its transaction after its audit entry (an invitation, say). */
export type WithNewStaffUser = (transaction: Transaction<Database>, account: { staffUserId: string; email: string; role: StaffRole }) => Promise<void>;

/**
 * Opens an account. Mistakes a person can make come back as values; the password is hashed before
 * the transaction (ARCHITECTURE §12), so a refused e-mail is found first, without the cost.
 */
export async function createStaffUser(
  services: AppServices,
  input: NewStaffUser,
  actor: AccountActor,
  now: number,
  withNewStaffUser?: WithNewStaffUser,
): Promise<{ staffUserId: string } | StaffUserProblem> {
  const { db, config } = services;
  const email = normaliseEmail(input.email);
  if (!emailSchema.safeParse(email).success) return { problem: "invalid_email" };
  const displayName = input.displayName.trim();
  if (displayName.length === 0 || [...displayName].length > displayNameMaximumLength) return { problem: "invalid_display_name" };
  const passwordProblem = checkPassword(input.password, { email });
  if (passwordProblem) return { problem: "weak_password", reason: passwordProblem };

  let teamId: string | null = null;
  if (input.teamCode) {
    const team = await db.selectFrom("teams").select("id").where("code", "=", input.teamCode).where("is_active", "=", 1).executeTakeFirst();
    if (!team) return { problem: "unknown_team" };
    teamId = team.id;
  } else if (roleNeedsTeam(input.role)) {
    return { problem: "team_required" };
  }
  if (await db.selectFrom("staff_users").select("id").where("email", "=", email).executeTakeFirst()) return { problem: "email_taken" };

  const passwordHash = await hashSecret(normalisePassword(input.password), config.argon2);
  const staffUserId = randomUUID();
  try {
    await db.transaction().execute(async (transaction) => {
      await transaction
        .insertInto("staff_users")
        .values({
          id: staffUserId,
          email,
          display_name: displayName,
          role: input.role,
          team_id: teamId,
          password_hash: passwordHash,
          totp_secret_encrypted: null,
          totp_enabled_at: null,
          is_active: 1,
          failed_login_count: 0,
          locked_until: null,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await appendAuditEntry(transaction, {
        ...auditActorOf(actor),
        action: "staff.created",
        targetType: "staff_user",
        targetId: staffUserId,
        details: { role: input.role, teamId },
        occurredAt: now,
      });
      await withNewStaffUser?.(transaction, { staffUserId, email, role: input.role });
    });
  } catch (error) {
    // Two admins creating the same address at once: the unique index decides, after the check above.
    if (isUniqueViolation(error)) return { problem: "email_taken" };
    throw error;
  }
  return { staffUserId };
}

/**
 * Deactivating an account ends its sessions at once; its rows stay, because cases, messages and the
 * audit log name it. False if there is no such account.
 */
export async function setStaffUserActive(services: AppServices, staffUserId: string, isActive: boolean, actor: AccountActor, now: number): Promise<boolean> {
  return services.db.transaction().execute(async (transaction) => {
    const result = await transaction.updateTable("staff_users").set({ is_active: isActive ? 1 : 0, updated_at: now }).where("id", "=", staffUserId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    if (!isActive) await destroyAllSessionsOf(transaction, staffUserId);
    await appendAuditEntry(transaction, {
      ...auditActorOf(actor),
      action: isActive ? "staff.activated" : "staff.deactivated",
      targetType: "staff_user",
      targetId: staffUserId,
      occurredAt: now,
    });
    return true;
  });
}
