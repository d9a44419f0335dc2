import { executiveDecisions, type ExecutiveDecision } from "~/escalation/decision-rules";
import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { staffRoleKeys } from "~/ui/StaffLayout";
import type { Workspace } from "./types";

const escalationRuleKeys: Readonly<Record<string, MessageKey>> = {
  resolve_breached: "staffCase.escalations.rules.resolve_breached",
  critical_priority: "staffCase.escalations.rules.critical_priority",
  senior_official: "staffCase.escalations.rules.senior_official",
};

function escalationRuleKey(rule: string): MessageKey {
  if (rule.startsWith("manual")) return "staffCase.escalations.rules.manual";
  return escalationRuleKeys[rule] ?? "staffCase.escalations.rules.other";
}

function decisionLabel(t: ReturnType<typeof useTranslation>["t"], decision: string): string {
  return (executiveDecisions as readonly string[]).includes(decision) ? t(`escalations.decisions.${decision as ExecutiveDecision}`) : decision;
}

export function Escalations({ workspace }: { workspace: Workspace }) {
  const { t, formatDateTime } = useTranslation();
  return (
    <section
      aria-labelledby="escalations-heading"
      className="stack stack--small"
    >
      <h2 id="escalations-heading">{t("staffCase.escalations.heading")}</h2>
      {workspace.escalations.length === 0 ? (
        <p className="muted">{t("staffCase.escalations.empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staffCase.escalations.ruleColumn")}</th>
                <th scope="col">{t("staffCase.escalations.routedColumn")}</th>
                <th scope="col">{t("staffCase.escalations.atColumn")}</th>
                <th scope="col">{t("staffCase.escalations.decisionColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {workspace.escalations.map((escalation) => (
                <tr key={escalation.id}>
                  <td>{t(escalationRuleKey(escalation.rule))}</td>
                  <td>{t(staffRoleKeys[escalation.routedToRole])}</td>
                  <td>{formatDateTime(escalation.createdAt, "short")}</td>
                  <td>
                    {escalation.decision
                      ? `${decisionLabel(t, escalation.decision)}${
                          escalation.decidedAt
                            ? ` (${formatDateTime(
                                escalation.decidedAt,
                                "short"
                              )})`
                            : ""
                        }`
                      : t("staffCase.escalations.pending")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
