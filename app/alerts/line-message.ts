import type { StaffRole } from "../db.server";
import { formatDateTime } from "../i18n/format";
import { createTranslator, type MessageKey } from "../i18n/translate";
import type { Alert } from "./alert";

/**
 * The Thai text of a LINE alert (officials read LINE in Thai): the reference, what happened and a
 * link to the staff case page, which opens nothing without a sign-in. Built from the alert's
 * metadata only, like the webhook body.
 */

const roleKeys: Readonly<Record<StaffRole, MessageKey>> = {
  intake_officer: "staffAuth.roles.intakeOfficer",
  investigator: "staffAuth.roles.investigator",
  supervisor: "staffAuth.roles.supervisor",
  executive: "staffAuth.roles.executive",
  audit_committee: "staffAuth.roles.auditCommittee",
  auditor: "staffAuth.roles.auditor",
  admin: "staffAuth.roles.admin",
};

const ruleKeys: Readonly<Record<string, MessageKey>> = {
  resolve_breached: "staffCase.escalations.rules.resolve_breached",
  critical_priority: "staffCase.escalations.rules.critical_priority",
  senior_official: "staffCase.escalations.rules.senior_official",
  manual: "staffCase.escalations.rules.manual",
};

/** 'manual:<id>' reads as a manual escalation; a rule this version does not know reads "other". */
function ruleKey(rule: string): MessageKey {
  return ruleKeys[rule.split(":")[0] ?? ""] ?? "staffCase.escalations.rules.other";
}

export function lineAlertText(alert: Alert, caseUrl: string): string {
  const t = createTranslator("th");
  const about = t("staffWebhooks.lineMessage.about", {
    kind: t(`kinds.${alert.kind}`),
    categoryCode: alert.categoryCode,
    priority: t(`staffCase.priorities.${alert.priority}`),
  });
  const headline =
    alert.type === "sla_breach"
      ? t("staffWebhooks.lineMessage.slaBreach", { reference: alert.reference, clock: t(`clocks.${alert.clock}`), dueAt: formatDateTime(alert.dueAt, "th") })
      : t("staffWebhooks.lineMessage.escalation", {
          reference: alert.reference,
          role: t(roleKeys[alert.routedToRole]),
          rule: t(ruleKey(alert.rule)),
          escalatedAt: formatDateTime(alert.escalatedAt, "th"),
        });
  return [headline, about, t("staffWebhooks.lineMessage.open", { url: caseUrl })].join("\n");
}
