import { randomUUID } from "node:crypto";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { Queryable } from "../db.server";
import type { AppServices } from "../services.server";
import { isUniqueViolation } from "./unique-violation.server";

export interface TeamRow {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
  isActive: boolean;
  activeCategories: number;
  activeStaff: number;
}

export async function listTeams(db: Queryable): Promise<TeamRow[]> {
  const rows = await db
    .selectFrom("teams")
    .select((expression) => [
      "teams.id",
      "teams.code",
      "teams.name_th",
      "teams.name_en",
      "teams.is_active",
      expression
        .selectFrom("categories")
        .select(expression.fn.countAll<number>().as("count"))
        .whereRef("categories.team_id", "=", "teams.id")
        .where("categories.is_active", "=", 1)
        .as("active_categories"),
      expression
        .selectFrom("staff_users")
        .select(expression.fn.countAll<number>().as("count"))
        .whereRef("staff_users.team_id", "=", "teams.id")
        .where("staff_users.is_active", "=", 1)
        .as("active_staff"),
    ])
    .orderBy("teams.is_active", "desc")
    .orderBy("teams.code")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    nameTh: row.name_th,
    nameEn: row.name_en,
    isActive: row.is_active === 1,
    activeCategories: Number(row.active_categories ?? 0),
    activeStaff: Number(row.active_staff ?? 0),
  }));
}

export interface TeamNames {
  nameTh: string;
  nameEn: string;
}

export type TeamProblem = "not_found" | "code_taken" | "has_active_categories" | "has_active_staff";

export async function createTeam(services: AppServices, input: TeamNames & { code: string }, adminId: string, now: number): Promise<{ teamId: string } | { problem: TeamProblem }> {
  const { db } = services;
  if (await db.selectFrom("teams").select("id").where("code", "=", input.code).executeTakeFirst()) return { problem: "code_taken" };
  const teamId = randomUUID();
  try {
    await db.transaction().execute(async (transaction) => {
      await transaction.insertInto("teams").values({ id: teamId, code: input.code, name_th: input.nameTh, name_en: input.nameEn, is_active: 1, created_at: now }).execute();
      await appendAuditEntry(transaction, { actorType: "staff", actorId: adminId, action: "team.created", targetType: "team", targetId: teamId, details: { code: input.code }, occurredAt: now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { problem: "code_taken" };
    throw error;
  }
  return { teamId };
}

/** The code stays: it is what scripts, seeds and the audit log's readers know the team by. */
export async function renameTeam(services: AppServices, teamId: string, names: TeamNames, adminId: string, now: number): Promise<{ changed: true } | { problem: TeamProblem }> {
  return services.db.transaction().execute(async (transaction) => {
    const result = await transaction.updateTable("teams").set({ name_th: names.nameTh, name_en: names.nameEn }).where("id", "=", teamId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { problem: "not_found" as const };
    await appendAuditEntry(transaction, { actorType: "staff", actorId: adminId, action: "team.renamed", targetType: "team", targetId: teamId, occurredAt: now });
    return { changed: true as const };
  });
}

/**
 * A team is deactivated only once nothing still routes work to it: no active category files new
 * cases there, and no active staff member works in it (they would lose their team queue). Its cases
 * keep their team, so past work and reports stay whole.
 */
export async function setTeamActive(services: AppServices, teamId: string, isActive: boolean, adminId: string, now: number): Promise<{ changed: true } | { problem: TeamProblem }> {
  return services.db.transaction().execute(async (transaction) => {
    const team = await transaction.selectFrom("teams").select("id").where("id", "=", teamId).executeTakeFirst();
    if (!team) return { problem: "not_found" as const };
    if (!isActive) {
      const category = await transaction.selectFrom("categories").select("id").where("team_id", "=", teamId).where("is_active", "=", 1).executeTakeFirst();
      if (category) return { problem: "has_active_categories" as const };
      const staff = await transaction.selectFrom("staff_users").select("id").where("team_id", "=", teamId).where("is_active", "=", 1).executeTakeFirst();
      if (staff) return { problem: "has_active_staff" as const };
    }
    await transaction.updateTable("teams").set({ is_active: isActive ? 1 : 0 }).where("id", "=", teamId).execute();
    await appendAuditEntry(transaction, { actorType: "staff", actorId: adminId, action: isActive ? "team.activated" : "team.deactivated", targetType: "team", targetId: teamId, occurredAt: now });
    return { changed: true as const };
  });
}
