import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { roleHasAction, type StaffActionWithoutCase } from "~/auth/permissions";
import { forbidden, requirePermission, requireStaff } from "~/auth/staff-request.server";
import { loadBusinessCalendar } from "~/calendar/business-calendar.server";
import { fiscalYearOf } from "~/calendar/thai-calendar";
import { openStatuses } from "~/cases/case-lifecycle";
import { listQueue, listQueueCategories, queuePermissionsOf, queues, queuesFor, queueTabs, type Queue, type QueueFilters } from "~/cases/queues.server";
import type { StaffRole } from "~/db.server";
import { caseChannels, caseKinds, caseStatuses } from "~/vocabulary";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { countdown } from "~/sla/countdown";
import { noIndex } from "~/ui/StaffLayout";

/*
 * The staff work queues at /staff: tabs for the queues the role may open, a filter form that is a
 * plain GET (it works without JavaScript), and a page of cases with a keyset cursor.
 */

const pageSize = 25;
const dayMs = 24 * 60 * 60 * 1000;

type OpenStatus = "new" | "acknowledged" | "in_progress" | "awaiting_reporter" | "reopened";
const openStatusList = caseStatuses.filter((status): status is OpenStatus => openStatuses.includes(status));

/** Anything unreadable in the address falls back to its default instead of failing the page. */
const searchSchema = z.object({
  queue: z.enum(queues).optional().catch(undefined),
  kind: z.enum(caseKinds).optional().catch(undefined),
  /** A category's code: stable across databases, so a bookmarked filter keeps working. */
  category: z.string().min(1).max(100).optional().catch(undefined),
  status: z.enum(openStatusList as [OpenStatus, ...OpenStatus[]]).optional().catch(undefined),
  channel: z.enum(caseChannels).optional().catch(undefined),
  fiscalYear: z.coerce.number().int().min(2500).max(2800).optional().catch(undefined),
  after: z.string().min(1).max(512).optional().catch(undefined),
});

/** The filters as the address and the form name them: a category by its code, the service takes its id. */
type PageFilters = Omit<QueueFilters, "categoryId"> & { category?: string };

/** Where a role without any queue works instead. */
const homeWithoutQueues: ReadonlyArray<[StaffActionWithoutCase, string]> = [
  ["escalation.inbox", "/staff/escalations"],
  ["audit.view", "/staff/audit"],
  ["admin.users", "/staff/admin"],
  ["reports.view", "/staff/reports"],
];

function homeOf(role: StaffRole): string | undefined {
  return homeWithoutQueues.find(([action]) => roleHasAction(role, action))?.[1];
}

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffWorkspace.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const { db } = context.services;
  const now = Date.now();
  const available = queuesFor(staff.user);
  if (available.length === 0) {
    const home = homeOf(staff.user.role);
    if (home) throw redirect(home);
    throw forbidden();
  }

  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const queue: Queue = search.queue ?? available[0]!;
  for (const action of queuePermissionsOf(queue)) requirePermission(staff, action);

  const categories = await listQueueCategories(db, staff.user);
  // Like any unreadable value, a code the role has no category for filters nothing.
  const category = categories.find((candidate) => candidate.code === search.category);
  const filters: PageFilters = { kind: search.kind, category: category?.code, status: search.status, channel: search.channel, fiscalYear: search.fiscalYear };
  const queueFilters: QueueFilters = { kind: filters.kind, categoryId: category?.id, status: filters.status, channel: filters.channel, fiscalYear: filters.fiscalYear };
  // Three reads that need nothing of each other: on PostgreSQL each takes a connection of its own
  // and their round trips overlap.
  const [page, tabs, calendar] = await Promise.all([
    listQueue(db, staff.user, queue, queueFilters, { after: search.after, limit: pageSize }, now),
    queueTabs(db, staff.user, now),
    loadBusinessCalendar(db),
  ]);
  const rows = page.rows.map((row) => ({
    ...row,
    ageDays: Math.max(0, Math.floor((now - row.createdAt) / dayMs)),
    countdown: row.nextDueAt === null ? null : countdown({ dueAt: row.nextDueAt, now, clockStartedAt: row.clockStartedAt, calendar }),
  }));
  const currentFiscalYear = fiscalYearOf(now);
  return {
    queue,
    tabs,
    filters,
    isFirstPage: search.after === undefined,
    rows,
    nextCursor: page.nextCursor,
    // The vocabularies travel with the data: their lists live in server-only modules.
    options: {
      kinds: caseKinds,
      categories: categories.map(({ code, kind, nameTh, nameEn }) => ({ code, kind, nameTh, nameEn })),
      statuses: openStatusList,
      channels: caseChannels,
      fiscalYears: [currentFiscalYear, currentFiscalYear - 1, currentFiscalYear - 2],
    },
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = LoaderData["rows"][number];
type FilterOptions = LoaderData["options"];

function queueHref(queue: Queue, filters: PageFilters, after?: string): string {
  const params = new URLSearchParams({ queue });
  for (const [name, value] of Object.entries(filters)) if (value !== undefined && value !== null) params.set(name, String(value));
  if (after) params.set("after", after);
  return `/staff?${params.toString()}`;
}

export default function QueuePage() {
  const { queue, tabs, filters, isFirstPage, rows, nextCursor, options } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const filtered = Object.values(filters).some((value) => value !== undefined && value !== null);

  return (
    <div className="stack">
      <div className="page-heading">
        <h1>{t("staffWorkspace.heading")}</h1>
        <p className="lead">{t("staffWorkspace.introduction")}</p>
      </div>

      <nav aria-label={t("staffWorkspace.queues.label")}>
        <ul className="queue-tabs">
          {tabs.map((tab) => (
            <li key={tab.queue}>
              <Link to={queueHref(tab.queue, filters)} className="queue-tabs__link" aria-current={tab.queue === queue ? "page" : undefined}>
                {t(`staffWorkspace.queues.${tab.queue}`)}{" "}
                <span className="queue-tabs__count">
                  <span aria-hidden="true">{tab.isCapped ? t("staffWorkspace.queues.countCapped", { count: tab.count }) : tab.count}</span>
                  <span className="visually-hidden">({t(tab.isCapped ? "staffWorkspace.queues.countMore" : "staffWorkspace.queues.count", { count: tab.count })})</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <QueueFilterForm queue={queue} filters={filters} options={options} />

      {rows.length === 0 ? (
        <div className="queue-empty" role="status">
          <h2>{t("staffWorkspace.empty.heading")}</h2>
          <p>{filtered ? t("staffWorkspace.empty.filtered") : t("staffWorkspace.empty.none")}</p>
        </div>
      ) : (
        <div className="table-wrapper">
          <table className="table queue-table">
            <caption>{t("staffWorkspace.table.caption", { queue: t(`staffWorkspace.queues.${queue}`), count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staffWorkspace.table.reference")}</th>
                <th scope="col">{t("staffWorkspace.table.kind")}</th>
                <th scope="col">{t("staffWorkspace.table.category")}</th>
                <th scope="col">{t("staffWorkspace.table.channel")}</th>
                <th scope="col">{t("staffWorkspace.table.age")}</th>
                <th scope="col">{t("staffWorkspace.table.status")}</th>
                <th scope="col">{t("staffWorkspace.table.assignee")}</th>
                <th scope="col">{t("staffWorkspace.table.nextDeadline")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <QueueRow key={row.id} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {nextCursor || !isFirstPage ? (
        <nav aria-label={t("staffWorkspace.pagination.label")} className="queue-pagination">
          {!isFirstPage ? <Link to={queueHref(queue, filters)}>{t("staffWorkspace.pagination.first")}</Link> : null}
          {nextCursor ? (
            <Link to={queueHref(queue, filters, nextCursor)} className="button button--secondary">
              {t("staffWorkspace.pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function QueueFilterForm({ queue, filters, options }: { queue: Queue; filters: PageFilters; options: FilterOptions }) {
  const { t, locale } = useTranslation();
  const categoryKinds = options.kinds.filter((kind) => options.categories.some((category) => category.kind === kind));
  return (
    <Form method="get" className="queue-filters" aria-labelledby="queue-filters-heading">
      <h2 id="queue-filters-heading" className="visually-hidden">
        {t("staffWorkspace.filters.heading")}
      </h2>
      <input type="hidden" name="queue" value={queue} />
      <div className="field">
        <label className="field__label" htmlFor="filter-kind">
          {t("staffWorkspace.filters.kind")}
        </label>
        <select id="filter-kind" name="kind" className="field__input" defaultValue={filters.kind ?? ""}>
          <option value="">{t("staffWorkspace.filters.any")}</option>
          {options.kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="filter-category">
          {t("staffWorkspace.filters.category")}
        </label>
        <select id="filter-category" name="category" className="field__input" defaultValue={filters.category ?? ""}>
          <option value="">{t("staffWorkspace.filters.any")}</option>
          {categoryKinds.map((kind) => (
            <optgroup key={kind} label={t(`kinds.${kind}`)}>
              {options.categories
                .filter((category) => category.kind === kind)
                .map((category) => (
                  <option key={category.code} value={category.code}>
                    {locale === "th" ? category.nameTh : category.nameEn}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="filter-status">
          {t("staffWorkspace.filters.status")}
        </label>
        <select id="filter-status" name="status" className="field__input" defaultValue={filters.status ?? ""}>
          <option value="">{t("staffWorkspace.filters.any")}</option>
          {options.statuses.map((status) => (
            <option key={status} value={status}>
              {t(`staffWorkspace.statuses.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="filter-channel">
          {t("staffWorkspace.filters.channel")}
        </label>
        <select id="filter-channel" name="channel" className="field__input" defaultValue={filters.channel ?? ""}>
          <option value="">{t("staffWorkspace.filters.any")}</option>
          {options.channels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channels.${channel}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="filter-fiscal-year">
          {t("staffWorkspace.filters.fiscalYear")}
        </label>
        <select id="filter-fiscal-year" name="fiscalYear" className="field__input" defaultValue={filters.fiscalYear === undefined ? "" : String(filters.fiscalYear)}>
          <option value="">{t("staffWorkspace.filters.any")}</option>
          {options.fiscalYears.map((year) => (
            <option key={year} value={year}>
              {t("staffWorkspace.filters.fiscalYearOption", { year })}
            </option>
          ))}
        </select>
      </div>
      <div className="queue-filters__actions">
        <button type="submit" className="button">
          {t("staffWorkspace.filters.apply")}
        </button>
        <Link to={queueHref(queue, {})}>{t("staffWorkspace.filters.clear")}</Link>
      </div>
    </Form>
  );
}

const countdownKeys: Readonly<Record<"on_track" | "due_soon" | "overdue", MessageKey>> = {
  on_track: "staffWorkspace.countdown.onTrack",
  due_soon: "staffWorkspace.countdown.dueSoon",
  overdue: "staffWorkspace.countdown.overdue",
};

function ageText(t: ReturnType<typeof useTranslation>["t"], days: number): string {
  if (days === 0) return t("staffWorkspace.age.today");
  if (days === 1) return t("staffWorkspace.age.oneDay");
  return t("staffWorkspace.age.days", { days });
}

function QueueRow({ row }: { row: Row }) {
  const { t, locale, formatDate, formatDateTime } = useTranslation();
  return (
    <tr className={row.countdown ? `queue-row queue-row--${row.countdown.state}` : "queue-row"}>
      <th scope="row">
        <Link to={`/staff/cases/${row.id}`} className="queue-table__reference">
          {row.reference}
        </Link>
      </th>
      <td>{t(`kinds.${row.kind}`)}</td>
      <td>{locale === "th" ? row.categoryNameTh : row.categoryNameEn}</td>
      <td>{t(`channels.${row.channel}`)}</td>
      <td>
        {ageText(t, row.ageDays)}
        <span className="queue-table__detail">{t("staffWorkspace.age.filedOn", { date: formatDate(row.createdAt, "short") })}</span>
      </td>
      {/* Queues hold open cases only (listQueue). */}
      <td>{t(`staffWorkspace.statuses.${row.status as OpenStatus}`)}</td>
      <td>{row.assigneeName ?? <span className="muted">{t("staffWorkspace.unassigned")}</span>}</td>
      <td>
        {row.countdown && row.nextDueAt !== null ? (
          <>
            <span className={`countdown countdown--${row.countdown.state}`}>
              {t(countdownKeys[row.countdown.state], { days: row.countdown.businessDays, hours: row.countdown.hours })}
            </span>
            <span className="queue-table__detail">
              {row.nextClock
                ? t("staffWorkspace.countdown.clockDue", { clock: t(`clocks.${row.nextClock}`), dateTime: formatDateTime(row.nextDueAt, "short") })
                : formatDateTime(row.nextDueAt, "short")}
            </span>
          </>
        ) : row.waitingSince !== null ? (
          <>
            <span className="countdown countdown--paused">{t("staffWorkspace.countdown.paused")}</span>
            <span className="queue-table__detail">{t("staffWorkspace.countdown.waitingSince", { date: formatDate(row.waitingSince, "short") })}</span>
          </>
        ) : (
          <span className="muted">{t("staffWorkspace.countdown.none")}</span>
        )}
      </td>
    </tr>
  );
}
