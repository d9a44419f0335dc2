import { randomUUID } from "node:crypto";
import { appendAuditEntry } from "../audit/audit-log.server";
import { isOpen } from "../cases/case-lifecycle";
import { staffCasePath, type StaffMember } from "../cases/case-workspace.server";
import { encryptText } from "../crypto/envelope.server";
import { insertMessage } from "../messaging/messages.server";
import { enqueueEmailToEach } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { escalationDecidedEmail } from "../../emails/escalation-decided";
import { decisionEventTypes, nextDueWithOrder, parseDecision, type DecisionIssue, type ExecutiveDecision } from "./decision-rules";
import { authorizeEscalation, decisionNoteContext } from "./inbox.server";
import { recusedStaffIdsOf, teamSupervisors } from "./recipients.server";
import { refreshDueSoonAt } from "../sla/case-deadlines.server";

/**
 * An executive (or the audit committee) decides an escalation — one transaction: the decision on
 * the escalation row (its note sealed), the same note as an internal note the team reads on the
 * case page, one timeline event the reporter also sees (it says what was decided, never the note),
 * an order's due time as the case's next deadline when it comes first, the audit entry, and an
 * e-mail (reference and link) to the team's supervisors. See docs/decisions/0011.
 */

export type DecisionProblem =
  | { problem: "not_found" }
  | { problem: "forbidden" }
  | { problem: "already_decided" }
  | { problem: "invalid_input"; issues: DecisionIssue[] };

export type DecisionResult = { done: true; caseId: string; decision: ExecutiveDecision; actionDueAt: number | null } | DecisionProblem;

export async function decideEscalation(services: AppServices, staff: StaffMember, escalationId: string, input: unknown, now: number): Promise<DecisionResult> {
  const parsed = parseDecision(input, now);
  const { keyring } = services.secrets;
  return services.db.transaction().execute(async (transaction): Promise<DecisionResult> => {
    const escalation = await transaction
      .selectFrom("escalations")
      .selectAll()
      .where("id", "=", escalationId)
      .$if(services.dialect === "postgres", (query) => query.forUpdate())
      .executeTakeFirst();
    if (!escalation) return { problem: "not_found" };
    // Permission before the input: a refused attempt is audited whatever it carried.
    if (!(await authorizeEscalation(transaction, staff, escalation, "escalation.decide", now))) return { problem: "forbidden" };
    if (escalation.decided_at !== null) return { problem: "already_decided" };
    if ("issues" in parsed) return { problem: "invalid_input", issues: parsed.issues };
    const { decision, note, actionDueAt } = parsed.decision;

    const caseRow = await transaction
      .selectFrom("cases")
      .select(["id", "reference", "team_id", "status", "next_due_at"])
      .where("id", "=", escalation.case_id)
      .$if(services.dialect === "postgres", (query) => query.forUpdate())
      .executeTakeFirstOrThrow();

    await transaction
      .updateTable("escalations")
      .set({
        decision,
        decision_note_encrypted: encryptText(keyring, note, decisionNoteContext(escalation.id)),
        decided_by_id: staff.id,
        decided_at: now,
        action_due_at: actionDueAt,
      })
      .where("id", "=", escalation.id)
      .execute();
    const noteMessageId = await insertMessage(transaction, keyring, { caseId: caseRow.id, author: { type: "staff", id: staff.id }, visibility: "internal_note", body: note }, now);

    const orderClock = actionDueAt !== null && isOpen(caseRow.status);
    if (orderClock) {
      await transaction.updateTable("cases").set({ next_due_at: nextDueWithOrder(caseRow.next_due_at, actionDueAt), updated_at: now }).where("id", "=", caseRow.id).execute();
      await refreshDueSoonAt(transaction, caseRow.id);
    }
    const data = { escalationId: escalation.id, decision, actionDueAt, noteMessageId };
    await transaction
      .insertInto("case_events")
      .values({
        id: randomUUID(),
        case_id: caseRow.id,
        type: decisionEventTypes[decision],
        actor_type: "staff",
        actor_id: staff.id,
        from_status: null,
        to_status: null,
        data: JSON.stringify(data),
        is_visible_to_reporter: 1,
        created_at: now,
      })
      .execute();

    const supervisors = await teamSupervisors(transaction, caseRow.team_id, await recusedStaffIdsOf(transaction, caseRow.id));
    await appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: staff.id,
      action: "escalation.decided",
      targetType: "case",
      targetId: caseRow.id,
      details: { escalationId: escalation.id, rule: escalation.rule, decision, actionDueAt, role: staff.role, nextDueMoved: orderClock, recipients: supervisors.length },
      occurredAt: now,
    });
    const email = escalationDecidedEmail({ reference: caseRow.reference, caseUrl: `${services.config.publicBaseUrl}${staffCasePath(caseRow.id)}` });
    await enqueueEmailToEach(transaction, keyring, supervisors, email, now);
    return { done: true, caseId: caseRow.id, decision, actionDueAt };
  });
}
