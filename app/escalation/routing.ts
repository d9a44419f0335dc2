/**
 * Who receives an escalation (ARCHITECTURE §4). An executive named in the case, or recused from it,
 * never does: a report about a senior official must not land on that official's desk. When every
 * executive is implicated — or there is none — the audit committee receives it instead.
 */

export const escalationRoles = ["executive", "audit_committee"] as const;
export type EscalationRole = (typeof escalationRoles)[number];

export interface EscalationCandidate {
  id: string;
  email: string;
}

export interface EscalationRoute {
  role: EscalationRole;
  /** Those of the role who are told; may be empty when nobody of the role is eligible (logged by the caller). */
  recipients: EscalationCandidate[];
}

/**
 * `executives` and `auditCommittee` are the active members of each role; `implicated` the staff
 * recused from the case (named in it or having declared a conflict).
 */
export function routeEscalation(
  executives: readonly EscalationCandidate[],
  auditCommittee: readonly EscalationCandidate[],
  implicated: ReadonlySet<string>,
): EscalationRoute {
  const eligibleExecutives = executives.filter((executive) => !implicated.has(executive.id));
  if (eligibleExecutives.length > 0) return { role: "executive", recipients: eligibleExecutives };
  return { role: "audit_committee", recipients: auditCommittee.filter((member) => !implicated.has(member.id)) };
}
