import type { MessageKey } from "~/i18n/translate";

/** Why a case was escalated, as the inbox and the escalation page say it: manual rules carry an id. */
const ruleKeys: Readonly<Record<string, MessageKey>> = {
  resolve_breached: "escalations.rules.resolve_breached",
  critical_priority: "escalations.rules.critical_priority",
  senior_official: "escalations.rules.senior_official",
};

export function escalationRuleKey(rule: string): MessageKey {
  if (rule.startsWith("manual:")) return "escalations.rules.manual";
  return ruleKeys[rule] ?? "escalations.rules.other";
}

export function escalationPath(escalationId: string): string {
  return `/staff/escalations/${encodeURIComponent(escalationId)}`;
}
