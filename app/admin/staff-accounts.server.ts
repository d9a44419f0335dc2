import { randomBytes } from "node:crypto";
import { appendAuditEntry } from "../audit/audit-log.server";
import { issueStaffInvitation } from "../auth/password-reset.server";
import { checkPassword } from "../auth/password-rules";
import { roleNeedsTeam } from "../auth/permissions";
import { destroyAllSessionsOf } from "../auth/sessions.server";
import { createStaffUser, type StaffUserProblem } from "../auth/staff-users.server";
import { casesBeyondReach, releaseCases } from "../cases/case-actions.server";
import { resetTotp } from "../auth/totp.server";
import type { Queryable, StaffRole } from "../db.server";
import type { AppServices } from "../services.server";

/*
 * Staff accounts as an admin manages them: list, open, change role and team, deactivate or
 * reactivate, reset a lost authenticator. Every change carries the admin as the audit actor.
 */

export interface StaffAccountRow {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  teamId: string | null;
  teamCode: string | null;
  teamNameTh: string | null;
  teamNameEn: string | null;
  isActive: boolean;
  totpEnrolled: boolean;
  /** Locked out by failed sign-ins until this moment; null when not locked now. */
  lockedUntil: number | null;
}

function accountsQuery(db: Queryable) {
  return db
    .selectFrom("staff_users")
    .leftJoin("teams", "teams.id", "staff_users.team_id")
    .select([
      "staff_users.id",
      "staff_users.email",
      "staff_users.display_name",
      "staff_users.role",
      "staff_users.team_id",
      "staff_users.is_active",
      "staff_users.totp_enabled_at",
      "staff_users.locked_until",
      "teams.code as team_code",
      "teams.name_th",
      "teams.name_en",
    ]);
}

type AccountQueryRow = Awaited<ReturnType<ReturnType<typeof accountsQuery>["execute"]>>[number];

function accountRowOf(row: AccountQueryRow, now: number): StaffAccountRow {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
    teamCode: row.team_code,
    teamNameTh: row.name_th,
    teamNameEn: row.name_en,
    isActive: row.is_active === 1,
    totpEnrolled: row.totp_enabled_at !== null,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? row.locked_until : null,
  };
}

export async function listStaffAccounts(db: Queryable, now: number): Promise<StaffAccountRow[]> {
  const rows = await accountsQuery(db).orderBy("staff_users.is_active", "desc").orderBy("staff_users.display_name").orderBy("staff_users.email").execute();
  return rows.map((row) => accountRowOf(row, now));
}

export async function findStaffAccount(db: Queryable, staffUserId: string, now: number): Promise<StaffAccountRow | null> {
  const row = await accountsQuery(db).where("staff_users.id", "=", staffUserId).executeTakeFirst();
  return row ? accountRowOf(row, now) : null;
}

export interface StaffInvitation {
  email: string;
  displayName: string;
  role: StaffRole;
  teamCode: string | null;
}

/**
 * The random password an invited account starts with. It meets the password rules like any other:
 * 43 random characters now and then hold the address's local part, which the rules refuse (about
 * one invitation in 700 for "nok@…"), and the invitation then failed; another draw passes.
 */
export function unguessablePasswordFor(email: string, draw: () => string = () => randomBytes(32).toString("base64url")): string {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const candidate = draw();
    if (checkPassword(candidate, { email }) === null) return candidate;
  }
  throw new Error("no random password met the password rules in 100 draws");
}

/**
 * Opens an account and e-mails its owner an invitation: a single-use link to choose their own
 * password on the page reset links open. Why not a password typed by the admin: the admin would
 * then know a colleague's password, and it would have to reach them somehow (a note, a chat); with
 * the link nobody but the owner ever holds it. The account starts with a random password nobody
 * sees. The link lapses after `staffInvitationValidityMs` (STAFF_INVITATION_VALID_HOURS); an owner
 * who misses it asks for a fresh one on the "forgot password" page, which works for any active account.
 *
 * One transaction holds the account, the link, the e-mail and both audit entries (`staff.created`,
 * `staff.invited`): an account never exists without its invitation, nor an invitation without its account.
 */
export async function inviteStaffUser(services: AppServices, input: StaffInvitation, adminId: string, now: number): Promise<{ staffUserId: string } | StaffUserProblem> {
  const unguessablePassword = unguessablePasswordFor(input.email);
  const admin = { type: "staff", id: adminId } as const;
  return createStaffUser(services, { ...input, password: unguessablePassword }, admin, now, (transaction, account) => issueStaffInvitation(transaction, services, account, admin, now));
}

export type StaffAccountProblem = "not_found" | "own_account" | "last_admin" | "unknown_team" | "team_required";

/** Thrown inside a transaction to roll it back (audit entry included) and answer with a problem. */
class Refusal extends Error {
  constructor(readonly problem: StaffAccountProblem) {
    super(problem);
  }
}

async function refusing<Result>(work: () => Promise<Result>): Promise<Result | { problem: StaffAccountProblem }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return { problem: error.problem };
    throw error;
  }
}

async function otherActiveAdmins(db: Queryable, staffUserId: string): Promise<number> {
  const row = await db
    .selectFrom("staff_users")
    .select((expression) => expression.fn.countAll<number>().as("count"))
    .where("role", "=", "admin")
    .where("is_active", "=", 1)
    .where("id", "!=", staffUserId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/*
 * Each change below writes its audit entry FIRST: on PostgreSQL that takes the audit head row's
 * lock, so two admins changing accounts at once are serialized before either counts the remaining
 * admins — two admins cannot deactivate each other at the same instant and leave none. A refusal
 * throws and rolls the entry back with everything else.
 */

export interface RoleChange {
  role: StaffRole;
  teamCode: string | null;
}

/**
 * A new role and team. Changing the role ends the account's sessions, so the next sign-in applies
 * the new role's rules (a role that requires a second factor asks for enrolment). An admin cannot
 * change their own role — nobody grants themself more — nor leave the system without an active admin.
 */
export async function changeStaffRole(services: AppServices, staffUserId: string, change: RoleChange, adminId: string, now: number): Promise<{ changed: true } | { problem: StaffAccountProblem }> {
  if (staffUserId === adminId) return { problem: "own_account" };
  return refusing(() =>
    services.db.transaction().execute(async (transaction) => {
      const account = await transaction.selectFrom("staff_users").select(["role", "team_id", "is_active"]).where("id", "=", staffUserId).executeTakeFirst();
      if (!account) throw new Refusal("not_found");
      let teamId: string | null = null;
      if (change.teamCode) {
        const team = await transaction.selectFrom("teams").select("id").where("code", "=", change.teamCode).where("is_active", "=", 1).executeTakeFirst();
        if (!team) throw new Refusal("unknown_team");
        teamId = team.id;
      } else if (roleNeedsTeam(change.role)) {
        throw new Refusal("team_required");
      }
      const changed = { id: staffUserId, role: change.role, teamId };
      const releasedCaseIds = await casesBeyondReach(transaction, changed);
      await appendAuditEntry(transaction, {
        actorType: "staff",
        actorId: adminId,
        action: "staff.role_changed",
        targetType: "staff_user",
        targetId: staffUserId,
        details: { fromRole: account.role, toRole: change.role, fromTeamId: account.team_id, toTeamId: teamId, releasedCaseIds },
        occurredAt: now,
      });
      if (account.role === "admin" && change.role !== "admin" && account.is_active === 1 && (await otherActiveAdmins(transaction, staffUserId)) === 0) {
        throw new Refusal("last_admin");
      }
      await transaction.updateTable("staff_users").set({ role: change.role, team_id: teamId, updated_at: now }).where("id", "=", staffUserId).execute();
      await releaseCases(transaction, changed, releasedCaseIds, adminId, now);
      if (account.role !== change.role) await destroyAllSessionsOf(transaction, staffUserId);
      return { changed: true as const };
    }),
  );
}

/**
 * Deactivating ends every session of the account at once; its rows stay, because cases, messages
 * and the audit log name it. (`setStaffUserActive` does the same for scripts; this one adds the two
 * rules an admin in the web page must not break: not themself, not the last active admin.)
 */
export async function setStaffAccountActive(services: AppServices, staffUserId: string, isActive: boolean, adminId: string, now: number): Promise<{ changed: true } | { problem: StaffAccountProblem }> {
  if (!isActive && staffUserId === adminId) return { problem: "own_account" };
  return refusing(() =>
    services.db.transaction().execute(async (transaction) => {
      const account = await transaction.selectFrom("staff_users").select(["role", "is_active"]).where("id", "=", staffUserId).executeTakeFirst();
      if (!account) throw new Refusal("not_found");
      await appendAuditEntry(transaction, {
        actorType: "staff",
        actorId: adminId,
        action: isActive ? "staff.activated" : "staff.deactivated",
        targetType: "staff_user",
        targetId: staffUserId,
        occurredAt: now,
      });
      if (!isActive && account.role === "admin" && (await otherActiveAdmins(transaction, staffUserId)) === 0) throw new Refusal("last_admin");
      await transaction.updateTable("staff_users").set({ is_active: isActive ? 1 : 0, updated_at: now }).where("id", "=", staffUserId).execute();
      if (!isActive) await destroyAllSessionsOf(transaction, staffUserId);
      return { changed: true as const };
    }),
  );
}

/** For a lost phone: the factor is removed and the owner signed out everywhere and told by e-mail (`resetTotp`). */
export async function resetStaffSecondFactor(services: AppServices, staffUserId: string, adminId: string, now: number): Promise<{ changed: true } | { problem: "not_found" }> {
  return (await resetTotp(services, staffUserId, { type: "staff", id: adminId }, now)) ? { changed: true } : { problem: "not_found" };
}
