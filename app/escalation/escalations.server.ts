import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import { staffCasePath } from "../cases/case-workspace.server";
import { encryptText } from "../crypto/envelope.server";
import type { ActorType, Database } from "../db.server";
import { enqueueEmailToEach } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { caseEscalatedEmail, escalationReasons, type EscalationReason } from "../../emails/case-escalated";
import { escalationRouteOf } from "./recipients.server";
import type { EscalationRole } from "./routing";

/**
 * Records one escalation of a case in the caller's transaction: the row (unique on case and rule,
 * so a rule escalates a case once however many sweeps race for it), the timeline event, the audit
 * entry and an e-mail to each routed recipient — all or nothing.
 */

export interface EscalationInput {
  caseId: string;
  reference: string;
  /** 'resolve_breached', 'critical_priority', 'senior_official' or 'manual:<escalation id>'. */
  rule: string;
  reason: EscalationReason;
  /** The officer's own words (manual escalation), sealed in the row. */
  reasonText?: string;
  actor: { type: Extract<ActorType, "staff" | "system">; id: string | null };
  /** Staff recused from the case: never a recipient. */
  recused: ReadonlySet<string>;
}

export interface RecordedEscalation {
  escalationId: string;
  rule: string;
  routedToRole: EscalationRole;
  recipientCount: number;
}

export function escalationReasonContext(escalationId: string): string {
  return `escalations.reason:${escalationId}`;
}

/** Null when the case already has an escalation under this rule: that one stands. */
export async function recordEscalation(transaction: Transaction<Database>, services: AppServices, input: EscalationInput, now: number): Promise<RecordedEscalation | null> {
  const route = await escalationRouteOf(transaction, input.recused);
  const escalationId = randomUUID();
  const inserted = await transaction
    .insertInto("escalations")
    .values({
      id: escalationId,
      case_id: input.caseId,
      rule: input.rule,
      reason_encrypted: input.reasonText === undefined ? null : encryptText(services.secrets.keyring, input.reasonText, escalationReasonContext(escalationId)),
      escalated_by_id: input.actor.type === "staff" ? input.actor.id : null,
      routed_to_role: route.role,
      created_at: now,
      decision: null,
      decision_note_encrypted: null,
      decided_by_id: null,
      decided_at: null,
      action_due_at: null,
    })
    // Not a caught unique violation: on PostgreSQL that would abort the whole transaction. A
    // concurrent sweep's uncommitted row makes this insert wait, then do nothing.
    .onConflict((conflict) => conflict.columns(["case_id", "rule"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;

  const details = { escalationId, rule: input.rule, routedToRole: route.role, recipients: route.recipients.length };
  await transaction
    .insertInto("case_events")
    .values({
      id: randomUUID(),
      case_id: input.caseId,
      type: "escalated",
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      from_status: null,
      to_status: null,
      data: JSON.stringify({ escalationId, rule: input.rule, routedToRole: route.role }),
      is_visible_to_reporter: 0,
      created_at: now,
    })
    .execute();
  await appendAuditEntry(transaction, { actorType: input.actor.type, actorId: input.actor.id, action: "case.escalated", targetType: "case", targetId: input.caseId, details, occurredAt: now });
  const caseUrl = `${services.config.publicBaseUrl}${staffCasePath(input.caseId)}`;
  await enqueueEmailToEach(transaction, services.secrets.keyring, route.recipients, caseEscalatedEmail({ reference: input.reference, reason: input.reason, caseUrl }), now);
  if (route.recipients.length === 0) services.logger.warn({ caseId: input.caseId, escalationId, routedToRole: route.role }, "escalation recorded with nobody eligible to receive it");
  return { escalationId, rule: input.rule, routedToRole: route.role, recipientCount: route.recipients.length };
}

/** What an escalation's e-mail names as its reason, from its rule ('manual:<id>' for an officer's). */
function reasonOfRule(rule: string): EscalationReason {
  const named = escalationReasons.find((reason) => reason === rule);
  return named ?? "manual";
}

/**
 * After someone is recused from a case, in the same transaction: an escalation not yet decided that
 * has nobody left in its role to decide it (every executive now implicated) goes where a new one
 * would, to the audit committee, who are told by e-mail. Routing happens when an escalation is
 * recorded; without this, one whose executives were recused later waited in nobody's inbox, hidden
 * from the recused (decision 0011) and never offered to anyone else.
 */
export async function rerouteUndecidedEscalations(
  transaction: Transaction<Database>,
  services: AppServices,
  caseRow: { id: string; reference: string },
  recused: ReadonlySet<string>,
  actor: { type: "staff"; id: string },
  now: number,
): Promise<void> {
  const undecided = await transaction.selectFrom("escalations").select(["id", "rule", "routed_to_role"]).where("case_id", "=", caseRow.id).where("decided_at", "is", null).orderBy("id").execute();
  if (undecided.length === 0) return;
  const route = await escalationRouteOf(transaction, recused);
  const caseUrl = `${services.config.publicBaseUrl}${staffCasePath(caseRow.id)}`;
  for (const escalation of undecided) {
    if (escalation.routed_to_role === route.role) continue;
    await transaction.updateTable("escalations").set({ routed_to_role: route.role }).where("id", "=", escalation.id).execute();
    const data = { escalationId: escalation.id, fromRole: escalation.routed_to_role, toRole: route.role };
    await transaction
      .insertInto("case_events")
      .values({ id: randomUUID(), case_id: caseRow.id, type: "escalation_rerouted", actor_type: actor.type, actor_id: actor.id, from_status: null, to_status: null, data: JSON.stringify(data), is_visible_to_reporter: 0, created_at: now })
      .execute();
    await appendAuditEntry(transaction, { actorType: actor.type, actorId: actor.id, action: "case.escalation_rerouted", targetType: "case", targetId: caseRow.id, details: { ...data, recipients: route.recipients.length }, occurredAt: now });
    await enqueueEmailToEach(transaction, services.secrets.keyring, route.recipients, caseEscalatedEmail({ reference: caseRow.reference, reason: reasonOfRule(escalation.rule), caseUrl }), now);
    if (route.recipients.length === 0) services.logger.warn({ caseId: caseRow.id, escalationId: escalation.id, routedToRole: route.role }, "escalation rerouted with nobody eligible to receive it");
  }
}
