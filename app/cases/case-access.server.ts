import type { CaseContext } from "../auth/permissions";
import type { Queryable } from "../db.server";

/**
 * What `can` needs to know of a case: its team, assignee and kind, who is recused from it, and to
 * which roles it was escalated. Null when no such case exists (the route answers 404).
 */
export async function caseContextOf(db: Queryable, caseId: string): Promise<CaseContext | null> {
  // An id from the URL with a NUL names no case, and PostgreSQL refuses the byte (a 500, not a 404).
  if (caseId.includes("\u0000")) return null;
  const row = await db.selectFrom("cases").select(["team_id", "assignee_id", "kind"]).where("id", "=", caseId).executeTakeFirst();
  if (!row) return null;
  const [conflicts, escalations] = await Promise.all([
    db.selectFrom("conflicts").select("staff_user_id").where("case_id", "=", caseId).execute(),
    db.selectFrom("escalations").select("routed_to_role").where("case_id", "=", caseId).execute(),
  ]);
  return {
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    kind: row.kind,
    recusedStaffIds: new Set(conflicts.map((conflict) => conflict.staff_user_id)),
    escalatedTo: [...new Set(escalations.map((escalation) => escalation.routed_to_role))],
  };
}
