/**
 * The audit actions the log page names in words (staffAudit.actions.*); any other code is shown as
 * written, so an action added tomorrow is never hidden, only untranslated until it is listed here.
 */
export const knownAuditActions = [
  "case.filed",
  "case.read",
  "case.access_denied",
  "case.acknowledge",
  "case.start_work",
  "case.ask_reporter",
  "case.reporter_replied",
  "case.staff_replied",
  "case.resolve",
  "case.close",
  "case.reject",
  "case.refer",
  "case.merge",
  "case.reopen",
  "case.assign",
  "case.reclassify",
  "case.internal_note",
  "case.conflict_declared",
  "case.staff_recused",
  "case.escalated",
  "case.escalation_rerouted",
  "case.names_senior_official",
  "case.anonymized",
  "attachment.download",
  "staff.sign_in",
  "staff.sign_in_failed",
  "staff.locked",
  "staff.mfa_verified",
  "staff.mfa_failed",
  "staff.sign_out",
  "staff.sign_out_everywhere",
  "staff.totp_enrolled",
  "staff.totp_reset",
  "staff.created",
  "staff.invited",
  "staff.activated",
  "staff.deactivated",
  "staff.role_changed",
  "staff.password_reset_requested",
  "staff.password_reset",
  "api_token.created",
  "api_token.revoked",
  "team.created",
  "team.renamed",
  "team.activated",
  "team.deactivated",
  "webhook.created",
  "webhook.enabled",
  "webhook.disabled",
  "webhook.deleted",
  "webhook.test_sent",
  "escalation.read",
  "escalation.decided",
  "escalation.monthly_summary_sent",
  "reports.exported",
  "category.created",
  "category.updated",
  "holiday.added",
  "holiday.removed",
  "seed.reference_data",
  "seed.demo_data",
  "audit.viewed",
  "audit.verified",
] as const;

export type KnownAuditAction = (typeof knownAuditActions)[number];

const known: ReadonlySet<string> = new Set(knownAuditActions);

export function isKnownAuditAction(action: string): action is KnownAuditAction {
  return known.has(action);
}

/** What an action filter may hold: a dotted lowercase code, known or not. */
export const auditActionPattern = /^[a-z_]+(\.[a-z_]+)+$/;
