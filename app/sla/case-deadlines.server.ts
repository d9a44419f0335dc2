import type { Transaction } from "kysely";
import { addDaysToDateKey, startOfBangkokDay, type BusinessCalendar, type DateKey } from "../calendar/thai-calendar";
import { openStatuses } from "../cases/case-lifecycle";
import type { CaseStatus, Database } from "../db.server";
import { caseClocks, pausesFromHistory, type CaseDeadlines } from "./deadlines";

/** Statuses in which no clock runs for the queues: waiting for the reporter, or finished. */
const stoppedStatuses: readonly CaseStatus[] = ["awaiting_reporter", "closed", "rejected", "referred", "merged"];

export interface RecomputedDeadlines {
  acknowledge_due_at: number | null;
  first_response_due_at: number | null;
  resolve_due_at: number | null;
  next_due_at: number | null;
  is_overdue: 0 | 1;
}

/**
 * Recomputes every deadline of one case from its history — filing time, the waits for the
 * reporter recorded in its events, the clocks already met — under its category's current policy
 * and the given calendar, and writes them with `next_due_at` and `is_overdue`. Resuming after a
 * wait, reclassifying and a holiday change all come here, so there is one way a deadline is made.
 * Call it after the case's own changes (status, category, events) are written in the same
 * transaction. Does not touch `updated_at`: recomputing is not a change a person made.
 */
export async function recomputeCaseDeadlines(transaction: Transaction<Database>, calendar: BusinessCalendar, caseId: string, now: number): Promise<RecomputedDeadlines> {
  const row = await transaction
    .selectFrom("cases")
    .select(["category_id", "status", "created_at", "acknowledged_at", "first_response_at", "resolved_at", "paused_at", "acknowledge_due_at", "first_response_due_at", "resolve_due_at"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  const policies = await transaction.selectFrom("sla_policies").select(["clock", "amount", "unit", "due_soon_fraction"]).where("category_id", "=", row.category_id).execute();
  const events = await transaction.selectFrom("case_events").select(["created_at", "data"]).where("case_id", "=", caseId).where("data", "is not", null).orderBy("created_at").execute();

  const previous: CaseDeadlines = { acknowledgeDueAt: row.acknowledge_due_at, firstResponseDueAt: row.first_response_due_at, resolveDueAt: row.resolve_due_at };
  const clocks = caseClocks(
    policies.map((policy) => ({ clock: policy.clock, amount: policy.amount, unit: policy.unit, dueSoonFraction: policy.due_soon_fraction })),
    calendar,
    {
      clockStartedAt: row.created_at,
      pauses: pausesFromHistory(
        events.map((event) => ({ createdAt: event.created_at, data: event.data })),
        row.status === "awaiting_reporter" ? row.paused_at : null,
      ),
      progress: { acknowledgedAt: row.acknowledged_at, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at },
      previous,
    },
  );
  const next = stoppedStatuses.includes(row.status) ? null : clocks.next;
  const changes: RecomputedDeadlines = {
    acknowledge_due_at: clocks.deadlines.acknowledgeDueAt,
    first_response_due_at: clocks.deadlines.firstResponseDueAt,
    resolve_due_at: clocks.deadlines.resolveDueAt,
    next_due_at: next?.dueAt ?? null,
    is_overdue: next !== null && next.dueAt <= now ? 1 : 0,
  };
  await transaction.updateTable("cases").set(changes).where("id", "=", caseId).execute();
  return changes;
}

/**
 * After a holiday is added or removed, moves the deadlines it falls inside: every open case whose
 * clocks started before the end of that day and have a deadline after its start. Only open cases
 * are read, through the (status, next_due_at) index; finished cases keep the deadlines they were
 * measured against. Returns the ids of the cases whose deadlines changed.
 *
 * Intended call: in the same transaction as the holiday row's insert or delete, after it, with
 * the calendar loaded again inside that transaction —
 *   await rescheduleOpenDeadlines(transaction, await loadBusinessCalendar(transaction), now, date)
 */
export async function rescheduleOpenDeadlines(transaction: Transaction<Database>, calendar: BusinessCalendar, now: number, changedDate: DateKey): Promise<string[]> {
  const dayStart = startOfBangkokDay(changedDate);
  const dayEnd = startOfBangkokDay(addDaysToDateKey(changedDate, 1));
  const candidates = await transaction
    .selectFrom("cases")
    .select(["id", "acknowledge_due_at", "first_response_due_at", "resolve_due_at", "next_due_at"])
    .where("status", "in", [...openStatuses])
    .where("created_at", "<", dayEnd)
    .where((eb) => eb.or([eb("acknowledge_due_at", ">", dayStart), eb("first_response_due_at", ">", dayStart), eb("resolve_due_at", ">", dayStart)]))
    .execute();
  const moved: string[] = [];
  for (const candidate of candidates) {
    const recomputed = await recomputeCaseDeadlines(transaction, calendar, candidate.id, now);
    const changed =
      recomputed.acknowledge_due_at !== candidate.acknowledge_due_at ||
      recomputed.first_response_due_at !== candidate.first_response_due_at ||
      recomputed.resolve_due_at !== candidate.resolve_due_at ||
      recomputed.next_due_at !== candidate.next_due_at;
    if (changed) moved.push(candidate.id);
  }
  return moved;
}
