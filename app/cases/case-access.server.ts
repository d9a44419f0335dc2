import type { CaseContext } from "../auth/permissions";
import type { Queryable, StaffRole } from "../db.server";

/**
 * What `can` needs to know of a case: its team, assignee and kind, who is recused from it, and to
 * which roles it was escalated. Null when no such case exists (the route answers 404).
 */
export async function caseContextOf(db: Queryable, caseId: string): Promise<CaseContext | null> {
  // An id from the URL with a NUL names no case, and PostgreSQL refuses the byte (a 500, not a 404).
  if (caseId.includes("\u0000")) return null;
  // One statement, since every staff page and action and every notice asks this: the case with
  // each of its recusals and escalations (rows are their product, a handful; both joins are read
  // through the unique indexes that begin with case_id).
  const rows = await db
    .selectFrom("cases")
    .leftJoin("conflicts", "conflicts.case_id", "cases.id")
    .leftJoin("escalations", "escalations.case_id", "cases.id")
    .select(["cases.team_id", "cases.assignee_id", "cases.kind", "conflicts.staff_user_id", "escalations.routed_to_role"])
    .where("cases.id", "=", caseId)
    .execute();
  const row = rows[0];
  if (!row) return null;
  const recusedStaffIds = new Set<string>();
  const escalatedTo = new Set<StaffRole>();
  for (const { staff_user_id: staffUserId, routed_to_role: routedToRole } of rows) {
    if (staffUserId !== null) recusedStaffIds.add(staffUserId);
    if (routedToRole !== null) escalatedTo.add(routedToRole);
  }
  return { teamId: row.team_id, assigneeId: row.assignee_id, kind: row.kind, recusedStaffIds, escalatedTo: [...escalatedTo] };
}
