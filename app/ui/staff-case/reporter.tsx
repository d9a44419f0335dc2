import { useTranslation } from "~/i18n/use-translation";
import { SummaryRow } from "./summary";
import type { Workspace } from "./types";

/* Who reported, as far as this officer may know: the identity only with `case.view_identity`. */

export function Reporter({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const identity = workspace.reporterIdentity;
  return (
    <section
      aria-labelledby="reporter-heading"
      className="panel stack stack--small"
      data-reporter
    >
      <h2 id="reporter-heading" className="panel__title">
        {t("staffCase.reporter.heading")}
      </h2>
      <dl className="summary-list summary-list--compact">
        <SummaryRow label={t("staffCase.reporter.relation")}>
          {t(`reporterRelations.${workspace.reporterRelation}`)}
        </SummaryRow>
        {workspace.identityShown && identity ? (
          <>
            <SummaryRow label={t("staffCase.reporter.name")}>
              {identity.name ?? t("staffCase.reporter.notGiven")}
            </SummaryRow>
            <SummaryRow label={t("staffCase.reporter.email")}>
              {identity.email ?? t("staffCase.reporter.notGiven")}
            </SummaryRow>
            <SummaryRow label={t("staffCase.reporter.phone")}>
              {identity.phone ?? t("staffCase.reporter.notGiven")}
            </SummaryRow>
          </>
        ) : null}
      </dl>
      {workspace.identityShown ? null : (
        <p className="muted">
          {workspace.isAnonymous
            ? t("staffCase.reporter.anonymous")
            : workspace.anonymizedAt !== null
              ? t("staffCase.anonymized.identityRemoved")
              : t("staffCase.reporter.hidden")}
        </p>
      )}
    </section>
  );
}
