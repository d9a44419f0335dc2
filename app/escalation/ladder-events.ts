import type { CaseKind, CasePriority, SlaClock, StaffRole } from "../db.server";

/**
 * What the ladder tells the outside world (webhooks, LINE): an SLA breach or an escalation, as
 * plaintext metadata only — never a narrative, a name or a code. The fields are those of the
 * outbound alert (app/alerts), so forwarding an event is one call in the transaction that made it.
 */
interface CaseFacts {
  caseId: string;
  reference: string;
  kind: CaseKind;
  categoryCode: string;
  priority: CasePriority;
}

export type LadderEvent =
  | (CaseFacts & { type: "sla_breach"; clock: SlaClock; dueAt: number })
  | (CaseFacts & { type: "escalation"; rule: string; routedToRole: StaffRole; escalatedAt: number });

export interface CaseFactsSource {
  id: string;
  reference: string;
  kind: CaseKind;
  priority: CasePriority;
}

export function caseFactsOf(row: CaseFactsSource, categoryCode: string): CaseFacts {
  return { caseId: row.id, reference: row.reference, kind: row.kind, categoryCode, priority: row.priority };
}
