import { useTranslation } from "~/i18n/use-translation";

const terms = ["purpose", "access", "retention", "rights"] as const;

/**
 * The PDPA notice a named reporter agrees to (its version is `privacyNoticeVersion`). The retention
 * period is the one `purge-expired` applies (RETENTION_YEARS), so the promise and the purge agree.
 */
export function PrivacyNotice({ headingId, retentionYears }: { headingId: string; retentionYears: number }) {
  const { t, formatNumber } = useTranslation();
  return (
    <section className="privacy-notice" aria-labelledby={headingId}>
      <h3 id={headingId} className="privacy-notice__title">
        {t("forms.pdpa.heading")}
      </h3>
      <p>{t("forms.pdpa.introduction")}</p>
      <dl className="summary-list summary-list--compact">
        {terms.map((term) => (
          <div key={term} className="summary-list__row">
            <dt>{t(`forms.pdpa.${term}Term`)}</dt>
            <dd>{t(`forms.pdpa.${term}`, { years: formatNumber(retentionYears) })}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
