import type { Queryable } from "../db.server";
import { routeEscalation, type EscalationCandidate, type EscalationRoute } from "./routing";

/**
 * Who is told about a case by the sweep and by escalations. Nobody recused from the case — named
 * in it or having declared a conflict — is ever among them, whatever their role.
 */

export async function recusedStaffIdsOf(db: Queryable, caseId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("conflicts").select("staff_user_id").where("case_id", "=", caseId).execute();
  return new Set(rows.map((row) => row.staff_user_id));
}

export async function teamSupervisors(db: Queryable, teamId: string, recused: ReadonlySet<string>): Promise<EscalationCandidate[]> {
  const rows = await db
    .selectFrom("staff_users")
    .select(["id", "email"])
    .where("role", "=", "supervisor")
    .where("team_id", "=", teamId)
    .where("is_active", "=", 1)
    .orderBy("id")
    .execute();
  return rows.filter((row) => !recused.has(row.id));
}

/** The officer holding the case; while nobody does (or they left), the team's supervisors. */
export async function caseHolders(db: Queryable, caseRow: { team_id: string; assignee_id: string | null }, recused: ReadonlySet<string>): Promise<EscalationCandidate[]> {
  if (caseRow.assignee_id !== null && !recused.has(caseRow.assignee_id)) {
    const assignee = await db.selectFrom("staff_users").select(["id", "email"]).where("id", "=", caseRow.assignee_id).where("is_active", "=", 1).executeTakeFirst();
    if (assignee) return [assignee];
  }
  return teamSupervisors(db, caseRow.team_id, recused);
}

async function activeMembers(db: Queryable, role: "executive" | "audit_committee"): Promise<EscalationCandidate[]> {
  return db.selectFrom("staff_users").select(["id", "email"]).where("role", "=", role).where("is_active", "=", 1).orderBy("id").execute();
}

/** Where an escalation of the case goes now, around every implicated executive. */
export async function escalationRouteOf(db: Queryable, recused: ReadonlySet<string>): Promise<EscalationRoute> {
  const [executives, auditCommittee] = await Promise.all([activeMembers(db, "executive"), activeMembers(db, "audit_committee")]);
  return routeEscalation(executives, auditCommittee, recused);
}
