import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { casePath } from "./paths";
import type { Workspace } from "./types";

/* The case at a glance: its flags and what it is, where it stands and who holds it. */

export function SummaryRow({
  label,
  children,
}: {
  label: string;
  children: ReactNode;
}) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function CaseSummary({ workspace }: { workspace: Workspace }) {
  const { t, locale, formatDateTime } = useTranslation();
  const name = (record: { nameTh: string; nameEn: string }) =>
    locale === "th" ? record.nameTh : record.nameEn;
  return (
    <section
      aria-labelledby="case-summary-heading"
      className="stack stack--small"
    >
      <h2 id="case-summary-heading" className="visually-hidden">
        {t("staffCase.summary.heading")}
      </h2>
      {workspace.isOverdue || workspace.namesSeniorOfficial ? (
        <p className="case-page__flags">
          {workspace.isOverdue ? (
            <span className="case-flag case-flag--overdue">
              {t("staffCase.summary.overdue")}
            </span>
          ) : null}
          {workspace.namesSeniorOfficial ? (
            <span className="case-flag">
              {t("staffCase.summary.seniorOfficial")}
            </span>
          ) : null}
        </p>
      ) : null}
      <dl className="summary-list case-page__summary">
        <SummaryRow label={t("staffCase.summary.reference")}>
          {workspace.reference}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.kind")}>
          {t(`kinds.${workspace.kind}`)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.status")}>
          <span data-case-status={workspace.status}>
            {t(`staffCase.statuses.${workspace.status}`)}
          </span>
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.priority")}>
          <span
            className={`case-priority case-priority--${workspace.priority}`}
          >
            {t(`staffCase.priorities.${workspace.priority}`)}
          </span>
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.category")}>
          {name(workspace.category)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.team")}>
          {name(workspace.team)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.channel")}>
          {t(`channels.${workspace.channel}`)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.assignee")}>
          <span data-case-assignee>
            {workspace.assignee
              ? workspace.assignee.displayName
              : t("staffCase.summary.unassigned")}
          </span>
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.createdAt")}>
          {formatDateTime(workspace.createdAt)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.updatedAt")}>
          {formatDateTime(workspace.updatedAt)}
        </SummaryRow>
        {workspace.outcome ? (
          <SummaryRow label={t("staffCase.summary.outcome")}>
            {t(`staffCase.outcomes.${workspace.outcome}`)}
          </SummaryRow>
        ) : null}
        {workspace.referredTo ? (
          <SummaryRow label={t("staffCase.summary.referredTo")}>
            <ReferredTo value={workspace.referredTo} />
            {workspace.referredAt
              ? ` (${formatDateTime(workspace.referredAt)})`
              : null}
          </SummaryRow>
        ) : null}
        {workspace.mergedInto ? (
          <SummaryRow label={t("staffCase.summary.mergedInto")}>
            <Link to={casePath(workspace.mergedInto.id)}>
              {workspace.mergedInto.reference}
            </Link>
          </SummaryRow>
        ) : null}
      </dl>
    </section>
  );
}

/** The service stores "nacc" or "other:<name>": a known agency by its name, another by what was typed. */
function ReferredTo({ value }: { value: string }) {
  const { t } = useTranslation();
  if (value.startsWith("other:")) return <>{value.slice("other:".length)}</>;
  const agency = referralAgencyOf(value);
  return <>{agency ? t(`staffCase.agencies.${agency}`) : value}</>;
}

function referralAgencyOf(
  value: string
): "nacc" | "pacc" | "ombudsman" | undefined {
  return value === "nacc" || value === "pacc" || value === "ombudsman"
    ? value
    : undefined;
}
