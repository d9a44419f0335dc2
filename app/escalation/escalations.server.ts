import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import { staffCasePath } from "../cases/case-workspace.server";
import { encryptText } from "../crypto/envelope.server";
import type { ActorType, Database } from "../db.server";
import { enqueueEmailToEach } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { caseEscalatedEmail, type EscalationReason } from "../../emails/case-escalated";
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
