import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { z } from "zod";
import { appendAuditEntry } from "../audit/audit-log.server";
import { can, type CaseContext, type StaffActionOnCase } from "../auth/permissions";
import { caseContextOf } from "../cases/case-access.server";
import { isOpen } from "../cases/case-lifecycle";
import type { CaseRow } from "../cases/case-transitions.server";
import { recordCaseAccessDenied, type StaffMember } from "../cases/case-workspace.server";
import type { Database } from "../db.server";
import type { MessageKey } from "../i18n/translate";
import type { AppServices } from "../services.server";
import { recordEscalation } from "./escalations.server";
import { enqueueAlert } from "../alerts/enqueue-alert.server";
import { caseFactsOf, type LadderEvent } from "./ladder-events";
import type { EscalationRole } from "./routing";

/**
 * What officers do by hand on the ladder: escalate a case to the executives with a reason, and
 * mark a corruption tip as naming a senior official (which escalates it too). Each is one
 * transaction: permission (refusals audited), the change, its event, audit entry and e-mails.
 */

const message = (key: MessageKey) => ({ message: key });

/** The escalate form as the case page posts it (intent "escalate"). */
export const escalateCommandSchema = z.object({
  intent: z.literal("escalate"),
  reason: z.string(message("validation.required")).trim().min(1, message("validation.required")).max(4_000, message("validation.tooLong")),
});
export type EscalateCommand = z.input<typeof escalateCommandSchema>;

export interface EscalationIssue {
  field: string;
  /** A translation key, ready for the form. */
  message: string;
}

export type EscalationProblem =
  | { problem: "not_found" }
  | { problem: "forbidden" }
  | { problem: "not_allowed_in_status" }
  | { problem: "invalid_input"; issues: EscalationIssue[] };

/** `event` is the escalation for outbound alerts (webhooks, LINE), as the sweep's events are. */
export type ManualEscalationResult = { done: true; escalationId: string; routedToRole: EscalationRole; event: LadderEvent } | EscalationProblem;

async function categoryCodeOf(transaction: Transaction<Database>, categoryId: string): Promise<string> {
  return (await transaction.selectFrom("categories").select("code").where("id", "=", categoryId).executeTakeFirstOrThrow()).code;
}

/** A case locked for a change, with its permission context (the case page's command scope is one too). */
export interface LockedCase {
  row: CaseRow;
  context: CaseContext;
}

/** The case locked for the change (PostgreSQL) with its permission context; a refusal is audited. */
async function lockCaseFor(
  transaction: Transaction<Database>,
  services: AppServices,
  staff: StaffMember,
  caseId: string,
  permission: StaffActionOnCase,
  now: number,
): Promise<LockedCase | EscalationProblem> {
  const row = await transaction
    .selectFrom("cases")
    .selectAll()
    .where("id", "=", caseId)
    .$if(services.dialect === "postgres", (query) => query.forUpdate())
    .executeTakeFirst();
  if (!row) return { problem: "not_found" };
  const context = (await caseContextOf(transaction, caseId))!;
  if (!can(staff, permission, context)) {
    await recordCaseAccessDenied(transaction, staff, caseId, permission, now);
    return { problem: "forbidden" };
  }
  return { row, context };
}

/**
 * Escalates the case by hand (`case.escalate`), for as many reasons as an officer has: each is its
 * own rule, `manual:<id>`. The reason is sealed in the escalation row; e-mails say only that an
 * officer escalated the case. Permission is checked before the input, so a refused attempt is
 * audited whatever it carried.
 */
export async function escalateCase(services: AppServices, staff: StaffMember, caseId: string, reason: unknown, now: number): Promise<ManualEscalationResult> {
  const parsed = escalateCommandSchema.shape.reason.safeParse(reason);
  return services.db.transaction().execute(async (transaction): Promise<ManualEscalationResult> => {
    const locked = await lockCaseFor(transaction, services, staff, caseId, "case.escalate", now);
    if ("problem" in locked) return locked;
    if (!parsed.success) return { problem: "invalid_input", issues: parsed.error.issues.map((issue) => ({ field: "reason", message: issue.message })) };
    if (!isOpen(locked.row.status)) return { problem: "not_allowed_in_status" };
    const { escalationId, routedToRole, event } = await recordManualEscalation(transaction, services, staff, locked, parsed.data, now);
    return { done: true, escalationId, routedToRole, event };
  });
}

/**
 * The escalation itself, inside the caller's transaction, on a case already locked and checked
 * (permission, open status, a valid reason): the row with its sealed reason, event, audit entry,
 * e-mails (recordEscalation) and the outbound alert. The case page's command and `escalateCase` share it.
 */
export async function recordManualEscalation(
  transaction: Transaction<Database>,
  services: AppServices,
  staff: StaffMember,
  locked: LockedCase,
  reason: string,
  now: number,
): Promise<{ escalationId: string; routedToRole: EscalationRole; event: LadderEvent }> {
  const recorded = await recordEscalation(
    transaction,
    services,
    {
      caseId: locked.row.id,
      reference: locked.row.reference,
      rule: `manual:${randomUUID()}`,
      reason: "manual",
      reasonText: reason,
      actor: { type: "staff", id: staff.id },
      recused: new Set(locked.context.recusedStaffIds),
    },
    now,
  );
  // A fresh random rule cannot collide; null here would be our bug, not the officer's.
  if (!recorded) throw new Error("a manual escalation's rule already existed");
  const event: LadderEvent = { type: "escalation", ...caseFactsOf(locked.row, await categoryCodeOf(transaction, locked.row.category_id)), rule: recorded.rule, routedToRole: recorded.routedToRole, escalatedAt: now };
  await enqueueAlert(transaction, services, event, now);
  return { escalationId: recorded.escalationId, routedToRole: recorded.routedToRole, event };
}

/** `events` holds the escalation it caused, if any, for outbound alerts. */
export type SeniorOfficialResult = { done: true; escalated: boolean; events: LadderEvent[] } | EscalationProblem;

/**
 * Records, at triage, whether a report names a senior official (`case.reclassify`: it is part of
 * classifying the case). Marking a corruption tip escalates it at once when that rule is on —
 * the sweep would within a minute anyway, and the officer should see it happen.
 */
export async function markNamesSeniorOfficial(services: AppServices, staff: StaffMember, caseId: string, namesSeniorOfficial: boolean, now: number): Promise<SeniorOfficialResult> {
  return services.db.transaction().execute(async (transaction): Promise<SeniorOfficialResult> => {
    const locked = await lockCaseFor(transaction, services, staff, caseId, "case.reclassify", now);
    if ("problem" in locked) return locked;
    if (!isOpen(locked.row.status)) return { problem: "not_allowed_in_status" };
    const events = await applySeniorOfficialMark(transaction, services, staff, locked, namesSeniorOfficial, now);
    return { done: true, escalated: events.length > 0, events };
  });
}

/**
 * The mark itself, inside the caller's transaction, on a case already locked and checked: the flag,
 * its event and audit entry, and for a corruption tip the escalation (with its alert) when that
 * rule is on. Returns the escalation event, if one was made. Marking what is already marked does nothing.
 */
export async function applySeniorOfficialMark(
  transaction: Transaction<Database>,
  services: AppServices,
  staff: StaffMember,
  locked: LockedCase,
  namesSeniorOfficial: boolean,
  now: number,
): Promise<LadderEvent[]> {
  const { row, context } = locked;
  const caseId = row.id;
  const flag = namesSeniorOfficial ? 1 : 0;
  if (row.names_senior_official === flag) return [];

  await transaction.updateTable("cases").set({ names_senior_official: flag, updated_at: now }).where("id", "=", caseId).execute();
  await transaction
    .insertInto("case_events")
    .values({
      id: randomUUID(),
      case_id: caseId,
      type: "senior_official_marked",
      actor_type: "staff",
      actor_id: staff.id,
      from_status: null,
      to_status: null,
      data: JSON.stringify({ namesSeniorOfficial }),
      is_visible_to_reporter: 0,
      created_at: now,
    })
    .execute();
  await appendAuditEntry(transaction, {
    actorType: "staff",
    actorId: staff.id,
    action: "case.names_senior_official",
    targetType: "case",
    targetId: caseId,
    details: { namesSeniorOfficial },
    occurredAt: now,
  });

  if (!namesSeniorOfficial || row.kind !== "corruption_tip" || !services.config.sla.escalateSeniorOfficial) return [];
  const recorded = await recordEscalation(
    transaction,
    services,
    { caseId, reference: row.reference, rule: "senior_official", reason: "senior_official", actor: { type: "staff", id: staff.id }, recused: new Set(context.recusedStaffIds) },
    now,
  );
  if (!recorded) return [];
  const event: LadderEvent = { type: "escalation", ...caseFactsOf(row, await categoryCodeOf(transaction, row.category_id)), rule: recorded.rule, routedToRole: recorded.routedToRole, escalatedAt: now };
  await enqueueAlert(transaction, services, event, now);
  return [event];
}
