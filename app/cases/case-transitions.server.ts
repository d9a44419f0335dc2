import { randomUUID } from "node:crypto";
import type { Selectable, Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { ActorType, CasesTable, Database } from "../db.server";
import { notifyReporterOfStatusChange, type CaseNotificationServices } from "../notify/case-notifications.server";
import { loadBusinessCalendar } from "../calendar/business-calendar.server";
import { dueSoonFractionsOf, recomputeCaseDeadlines } from "../sla/case-deadlines.server";
import { nextDeadline } from "../sla/deadlines";
import { dueSoonAtOf } from "../sla/due-soon-at";
import { transition, type CaseAction, type TransitionRefusal } from "./case-lifecycle";

export interface Actor {
  type: ActorType;
  /** Staff id or API token id; null for a reporter and the system. */
  id: string | null;
}

export type CaseRow = Selectable<CasesTable>;

/**
 * Applies one lifecycle action inside the caller's transaction: the pure `transition` decides, this
 * writes the case, its events and the audit entry. Waiting for the reporter does not count against
 * the resolve deadline: when the wait ends, every deadline is recomputed from the case's history,
 * so the paused time counts in the clock's own unit (a weekend adds nothing to business days).
 */
export async function applyCaseAction(
  transaction: Transaction<Database>,
  caseRow: CaseRow,
  action: CaseAction,
  actor: Actor,
  now: number,
  /**
   * Where the named reporter's e-mail about the new status goes (same transaction). Without it none
   * is written: callers replaying history (the demo seed) pass nothing.
   */
  notifications?: CaseNotificationServices,
): Promise<{ caseRow: CaseRow } | { refused: TransitionRefusal }> {
  const result = transition(
    {
      status: caseRow.status,
      acknowledgedAt: caseRow.acknowledged_at,
      firstResponseAt: caseRow.first_response_at,
      resolvedAt: caseRow.resolved_at,
      closedAt: caseRow.closed_at,
      pausedAt: caseRow.paused_at,
    },
    action,
    now,
  );
  if ("refused" in result) return result;
  const { state } = result;
  const deadlines = { acknowledgeDueAt: caseRow.acknowledge_due_at, firstResponseDueAt: caseRow.first_response_due_at, resolveDueAt: caseRow.resolve_due_at };
  const next = ["awaiting_reporter", "closed", "rejected", "referred", "merged"].includes(state.status)
    ? null
    : nextDeadline(deadlines, { acknowledgedAt: state.acknowledgedAt, firstResponseAt: state.firstResponseAt, resolvedAt: state.resolvedAt });
  const changes = {
    status: state.status,
    acknowledged_at: state.acknowledgedAt,
    first_response_at: state.firstResponseAt,
    resolved_at: state.resolvedAt,
    closed_at: state.closedAt,
    paused_at: state.pausedAt,
    next_due_at: next?.dueAt ?? null,
    due_soon_at: dueSoonAtOf({
      nextDueAt: next?.dueAt ?? null,
      createdAt: caseRow.created_at,
      pausedAt: state.pausedAt,
      deadlines,
      progress: { acknowledgedAt: state.acknowledgedAt, firstResponseAt: state.firstResponseAt, resolvedAt: state.resolvedAt },
      dueSoonFraction: await dueSoonFractionsOf(transaction, caseRow.category_id),
    }),
    outcome: action.type === "resolve" ? action.outcome : action.type === "reopen" ? null : caseRow.outcome,
    referred_to: action.type === "refer" ? action.agency : caseRow.referred_to,
    referred_at: action.type === "refer" ? now : caseRow.referred_at,
    merged_into_case_id: action.type === "merge" ? action.intoCaseId : caseRow.merged_into_case_id,
    updated_at: now,
  };
  await transaction.updateTable("cases").set(changes).where("id", "=", caseRow.id).execute();
  for (const event of result.events) {
    await transaction
      .insertInto("case_events")
      .values({
        id: randomUUID(),
        case_id: caseRow.id,
        type: event.type,
        actor_type: actor.type,
        actor_id: actor.id,
        from_status: event.fromStatus,
        to_status: event.toStatus,
        data: event.data ? JSON.stringify(event.data) : null,
        is_visible_to_reporter: event.isVisibleToReporter ? 1 : 0,
        created_at: now,
      })
      .execute();
  }
  await appendAuditEntry(transaction, {
    actorType: actor.type,
    actorId: actor.id,
    action: `case.${action.type}`,
    targetType: "case",
    targetId: caseRow.id,
    details: { from: caseRow.status, to: state.status },
    occurredAt: now,
  });
  // After the events: the one that ends the wait records how long it lasted, which the recompute reads.
  const resumed = caseRow.paused_at !== null && state.pausedAt === null ? await recomputeCaseDeadlines(transaction, await loadBusinessCalendar(transaction), caseRow.id, now) : {};
  if (notifications) await notifyReporterOfStatusChange(transaction, notifications, caseRow, { from: caseRow.status, to: state.status }, now);
  return { caseRow: { ...caseRow, ...changes, ...resumed } };
}
