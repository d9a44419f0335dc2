import { useTranslation } from "~/i18n/use-translation";
import { SummaryRow } from "./summary";
import type { Workspace } from "./types";

export function Narrative({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  if (workspace.anonymizedAt !== null) return <AnonymizedNotice anonymizedAt={workspace.anonymizedAt} />;
  return (
    <section aria-labelledby="narrative-heading" className="stack stack--small">
      <h2 id="narrative-heading">{t("staffCase.narrative.heading")}</h2>
      <div className="case-text" data-narrative>
        {workspace.narrative}
      </div>
      <dl className="summary-list summary-list--compact">
        <SummaryRow label={t("staffCase.narrative.when")}>
          {workspace.details.when ?? t("staffCase.narrative.notGiven")}
        </SummaryRow>
        <SummaryRow label={t("staffCase.narrative.where")}>
          {workspace.details.where ?? t("staffCase.narrative.notGiven")}
        </SummaryRow>
      </dl>
      <h3>{t("staffCase.narrative.peopleHeading")}</h3>
      {workspace.peopleInvolved ? (
        <div className="case-text">{workspace.peopleInvolved}</div>
      ) : (
        <p className="muted">{t("staffCase.narrative.noPeople")}</p>
      )}
    </section>
  );
}

/* In place of what was reported, once the retention purge removed it (docs/decisions/0017). */
export function AnonymizedNotice({ anonymizedAt }: { anonymizedAt: number }) {
  const { t, formatDate } = useTranslation();
  return (
    <section aria-labelledby="narrative-heading" className="stack stack--small" data-anonymized>
      <h2 id="narrative-heading">{t("staffCase.narrative.heading")}</h2>
      <p className="muted">{t("staffCase.anonymized.notice", { date: formatDate(anonymizedAt) })}</p>
    </section>
  );
}
