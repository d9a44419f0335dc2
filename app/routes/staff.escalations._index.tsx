import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { ageInDays, inboxTabs, type InboxTab } from "~/escalation/decision-rules";
import { inboxCounts, listEscalationInbox } from "~/escalation/inbox.server";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { escalationPath, escalationRuleKey } from "~/ui/escalations/rule-label";
import { noIndex } from "~/ui/StaffLayout";

/*
 * The escalation inbox at /staff/escalations (issue 5): the escalations routed to the viewer's
 * role, never a case the viewer is recused from, in two tabs with keyset pages. Plaintext metadata
 * only: why a case was escalated is said by its rule here; an officer's own words are read on the
 * escalation's page, where the read is audited.
 */

const pageSize = 25;

const searchSchema = z.object({
  tab: z.enum(inboxTabs).optional().catch(undefined),
  after: z.string().min(1).max(512).optional().catch(undefined),
});

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("escalations.inbox.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "escalation.inbox");
  const { db } = context.services;
  const now = Date.now();
  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const tab: InboxTab = search.tab ?? "awaiting";
  const page = await listEscalationInbox(db, staff.user, tab, { after: search.after, limit: pageSize });
  const counts = await inboxCounts(db, staff.user);
  return {
    tab,
    counts,
    isFirstPage: search.after === undefined,
    rows: page.rows.map((row) => ({ ...row, ageDays: ageInDays(row.caseFiledAt, now), actionOverdue: row.actionDueAt !== null && row.actionDueAt < now })),
    nextCursor: page.nextCursor,
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function inboxHref(tab: InboxTab, after?: string): string {
  const params = new URLSearchParams({ tab });
  if (after) params.set("after", after);
  return `/staff/escalations?${params.toString()}`;
}

function ageText(t: ReturnType<typeof useTranslation>["t"], days: number): string {
  if (days === 0) return t("escalations.inbox.age.today");
  if (days === 1) return t("escalations.inbox.age.oneDay");
  return t("escalations.inbox.age.days", { days });
}

export default function EscalationInboxPage() {
  const { tab, counts, isFirstPage, rows, nextCursor } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <div className="page-heading">
        <h1>{t("escalations.inbox.heading")}</h1>
        <p className="lead">{t("escalations.inbox.introduction")}</p>
      </div>

      <nav aria-label={t("escalations.inbox.tabs.label")}>
        <ul className="queue-tabs">
          {inboxTabs.map((name) => (
            <li key={name}>
              <Link to={inboxHref(name)} className="queue-tabs__link" aria-current={name === tab ? "page" : undefined} data-tab={name}>
                {t(`escalations.inbox.tabs.${name}`)} <span className="queue-tabs__count">{counts[name]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {rows.length === 0 ? (
        <div className="queue-empty" role="status">
          <p>{t(`escalations.inbox.empty.${tab}`)}</p>
        </div>
      ) : (
        <div className="table-wrapper">
          <table className="table queue-table" data-escalation-inbox={tab}>
            <caption>{t("escalations.inbox.table.caption", { tab: t(`escalations.inbox.tabs.${tab}`), count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("escalations.inbox.table.reference")}</th>
                <th scope="col">{t("escalations.inbox.table.why")}</th>
                <th scope="col">{t("escalations.inbox.table.kind")}</th>
                <th scope="col">{t("escalations.inbox.table.age")}</th>
                <th scope="col">{t("escalations.inbox.table.deadlines")}</th>
                <th scope="col">{t("escalations.inbox.table.earlierDecisions")}</th>
                {tab === "decided" ? <th scope="col">{t("escalations.inbox.table.decision")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <InboxRowView key={row.escalationId} row={row} tab={tab} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {nextCursor || !isFirstPage ? (
        <nav aria-label={t("escalations.inbox.pagination.label")} className="queue-pagination">
          {!isFirstPage ? <Link to={inboxHref(tab)}>{t("escalations.inbox.pagination.first")}</Link> : null}
          {nextCursor ? (
            <Link to={inboxHref(tab, nextCursor)} className="button button--secondary">
              {t("escalations.inbox.pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function InboxRowView({ row, tab }: { row: Row; tab: InboxTab }) {
  const { t, locale, formatDate, formatDateTime } = useTranslation();
  return (
    <tr className={row.isOverdue || row.actionOverdue ? "queue-row queue-row--overdue" : "queue-row"} data-escalation-id={row.escalationId} data-reference={row.reference}>
      <th scope="row">
        <Link to={escalationPath(row.escalationId)} className="queue-table__reference">
          {row.reference}
        </Link>
      </th>
      <td data-rule={row.rule.startsWith("manual:") ? "manual" : row.rule}>
        {t(escalationRuleKey(row.rule))}
        <span className="queue-table__detail">{t("escalations.inbox.escalatedOn", { date: formatDate(row.escalatedAt, "short") })}</span>
      </td>
      <td>
        {t(`kinds.${row.kind}`)}
        <span className="queue-table__detail">{locale === "th" ? row.categoryNameTh : row.categoryNameEn}</span>
      </td>
      <td>{ageText(t, row.ageDays)}</td>
      <td>
        {row.isOverdue ? <span className="countdown countdown--overdue">{t("escalations.inbox.overdue")}</span> : null}
        <span className="queue-table__detail">
          {row.nextDueAt === null ? t("escalations.inbox.noDeadline") : t("escalations.inbox.nextDue", { dateTime: formatDateTime(row.nextDueAt, "short") })}
        </span>
        {row.actionDueAt !== null ? (
          <span className={row.actionOverdue ? "queue-table__detail countdown--overdue" : "queue-table__detail"}>
            {t("escalations.inbox.actionDue", { dateTime: formatDateTime(row.actionDueAt, "short") })}
          </span>
        ) : null}
      </td>
      <td>{t("escalations.inbox.earlierCount", { count: row.earlierDecisions })}</td>
      {tab === "decided" ? (
        <td data-decision={row.decision ?? ""}>
          {row.decision ? t(`escalations.decisions.${row.decision}`) : null}
          {row.decidedAt !== null ? <span className="queue-table__detail">{formatDateTime(row.decidedAt, "short")}</span> : null}
        </td>
      ) : null}
    </tr>
  );
}
