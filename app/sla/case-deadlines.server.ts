import type { Transaction } from "kysely";
import { addDaysToDateKey, startOfBangkokDay, type BusinessCalendar, type DateKey } from "../calendar/thai-calendar";
import { openStatuses } from "../cases/case-lifecycle";
import type { CaseStatus, Database, Queryable, SlaClock } from "../db.server";
import { caseClocks, pausesFromHistory, type CaseDeadlines } from "./deadlines";
import { dueSoonAtOf } from "./due-soon-at";

/** Statuses in which no clock runs for the queues: waiting for the reporter, or finished. */
const stoppedStatuses: readonly CaseStatus[] = ["awaiting_reporter", "closed", "rejected", "referred", "merged"];

export interface RecomputedDeadlines {
  acknowledge_due_at: number | null;
  first_response_due_at: number | null;
  resolve_due_at: number | null;
  next_due_at: number | null;
  due_soon_at: number | null;
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
    due_soon_at: dueSoonAtOf({
      nextDueAt: next?.dueAt ?? null,
      createdAt: row.created_at,
      pausedAt: row.paused_at,
      deadlines: clocks.deadlines,
      progress: { acknowledgedAt: row.acknowledged_at, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at },
      dueSoonFraction: dueSoonFractionOfPolicies(policies),
    }),
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

/** Policies' due-soon fractions by clock, as `dueSoonAtOf` asks for them. */
function dueSoonFractionOfPolicies(policies: ReadonlyArray<{ clock: SlaClock; due_soon_fraction: number }>): (clock: SlaClock) => number | undefined {
  const fractions = new Map(policies.map((policy) => [policy.clock, Number(policy.due_soon_fraction)]));
  return (clock) => fractions.get(clock);
}

/** A category's due-soon fractions by clock, as `dueSoonAtOf` asks for them. */
export async function dueSoonFractionsOf(db: Queryable, categoryId: string): Promise<(clock: SlaClock) => number | undefined> {
  return dueSoonFractionOfPolicies(await db.selectFrom("sla_policies").select(["clock", "due_soon_fraction"]).where("category_id", "=", categoryId).execute());
}

const dueSoonColumns = [
  "id",
  "category_id",
  "created_at",
  "paused_at",
  "next_due_at",
  "acknowledge_due_at",
  "first_response_due_at",
  "resolve_due_at",
  "acknowledged_at",
  "first_response_at",
  "resolved_at",
  "due_soon_at",
] as const;

/**
 * Writes `due_soon_at` from the case's stored deadlines: for a change that moved `next_due_at`
 * without recomputing the deadlines (a status transition, an executive's order). Call it after
 * that change, in the same transaction.
 */
export async function refreshDueSoonAt(transaction: Transaction<Database>, caseId: string): Promise<number | null> {
  const row = await transaction.selectFrom("cases").select(dueSoonColumns).where("id", "=", caseId).executeTakeFirstOrThrow();
  const dueSoonAt = dueSoonAtOfRow(row, await dueSoonFractionsOf(transaction, row.category_id));
  if (dueSoonAt !== row.due_soon_at) await transaction.updateTable("cases").set({ due_soon_at: dueSoonAt }).where("id", "=", caseId).execute();
  return dueSoonAt;
}

/**
 * After a category's policies change: its open cases' `due_soon_at` follow the new fractions (the
 * ladder reads the fractions live, so a lowered one must make cases candidates earlier). Only open
 * cases with a deadline are read, through the category's cases; the others have none.
 */
export async function refreshCategoryDueSoonAt(transaction: Transaction<Database>, categoryId: string): Promise<void> {
  const fractions = await dueSoonFractionsOf(transaction, categoryId);
  const rows = await transaction
    .selectFrom("cases")
    .select(dueSoonColumns)
    .where("category_id", "=", categoryId)
    .where("status", "in", [...openStatuses])
    .where("next_due_at", "is not", null)
    .execute();
  for (const row of rows) {
    const dueSoonAt = dueSoonAtOfRow(row, fractions);
    if (dueSoonAt !== row.due_soon_at) await transaction.updateTable("cases").set({ due_soon_at: dueSoonAt }).where("id", "=", row.id).execute();
  }
}

type DueSoonRow = { [column in (typeof dueSoonColumns)[number]]: Database["cases"][column] };

function dueSoonAtOfRow(row: DueSoonRow, dueSoonFraction: (clock: SlaClock) => number | undefined): number | null {
  return dueSoonAtOf({
    nextDueAt: row.next_due_at,
    createdAt: row.created_at,
    pausedAt: row.paused_at,
    deadlines: { acknowledgeDueAt: row.acknowledge_due_at, firstResponseDueAt: row.first_response_due_at, resolveDueAt: row.resolve_due_at },
    progress: { acknowledgedAt: row.acknowledged_at, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at },
    dueSoonFraction,
  });
}
