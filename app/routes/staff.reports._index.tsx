import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import type { ReportPeriod } from "~/calendar/thai-calendar";
import { caseChannels } from "~/vocabulary";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation, type Translation } from "~/i18n/use-translation";
import type { DurationValue, MetricId, RatioValue } from "~/reports/metric-definitions";
import type { PeriodMetrics } from "~/reports/metrics.server";
import { periodLabel, periodsOfFiscalYear } from "~/reports/report-periods";
import { choiceOfPeriod, offeredFiscalYears, parseSelection, periodChoices, periodOfChoice, selectionSearch } from "~/reports/report-selection";
import { loadReportView, type NamedCode } from "~/reports/report-view.server";
import reportsStylesheet from "~/styles/reports.css?url";
import { BarChart, ColumnChart } from "~/ui/reports/charts";
import { noIndex } from "~/ui/StaffLayout";

/*
 * /staff/reports: the figures of a fiscal year or one of its halves, quarters or months, for
 * supervisors, executives, the audit committee and auditors (reports.view). A GET form picks the
 * period and filters (no script); each chart is inline SVG followed by its table. Counts only, from
 * plaintext metadata: opening the page reads no case, so it is not audited — a download is.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsStylesheet }];

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("reports.view.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "reports.view");
  const now = Date.now();
  const selection = parseSelection(new URL(request.url).searchParams, now);
  const view = await loadReportView(context.services, selection, now);
  return { view, fiscalYears: offeredFiscalYears(now) };
}

type View = ReturnType<typeof useLoaderData<typeof loader>>["view"];

function nameOf(named: NamedCode, locale: string): string {
  return locale === "th" ? named.nameTh : named.nameEn;
}

function choiceLabel(t: Translation["t"], formatMonthYear: Translation["formatMonthYear"], fiscalYear: number, choice: string, monthStarts: readonly number[]): string {
  const period = periodOfChoice(choice);
  switch (period.kind) {
    case "year":
      return t("reports.view.periodChoices.year");
    case "half":
      return t("reports.view.periodChoices.half", { half: period.half });
    case "quarter":
      return t("reports.view.periodChoices.quarter", { quarter: period.quarter });
    case "month":
      return monthStarts[period.fiscalMonth - 1] === undefined ? choice : formatMonthYear(monthStarts[period.fiscalMonth - 1]!);
  }
}

function percentText(translation: Translation, ratio: RatioValue): string {
  return ratio.percent === null ? translation.t("reports.view.nothingToMeasure") : `${translation.formatNumber(ratio.percent)}%`;
}

function durationText(translation: Translation, value: number | null): string {
  return value === null ? "–" : translation.formatNumber(value);
}

export default function ReportsPage() {
  const { view, fiscalYears } = useLoaderData<typeof loader>();
  const translation = useTranslation();
  const { t, locale, formatDateTime } = translation;
  const label = periodLabel({ fiscalYear: view.fiscalYear, period: view.period as ReportPeriod, start: view.range.start }, locale);
  const search = selectionSearch({ fiscalYear: view.fiscalYear, teamCode: view.teamCode, categoryCode: view.categoryCode });
  const team = view.teams.find((candidate) => candidate.code === view.teamCode);
  const category = view.categories.find((candidate) => candidate.code === view.categoryCode);

  return (
    <div className="stack reports">
      <div className="page-heading">
        <h1>{t("reports.view.heading")}</h1>
        <p className="lead">{t("reports.view.introduction")}</p>
      </div>

      <FilterForm view={view} fiscalYears={fiscalYears} />

      <section aria-labelledby="report-period-heading" className="stack">
        <h2 id="report-period-heading">{label}</h2>
        <p>
          {t("reports.view.scope", {
            team: team ? nameOf(team, locale) : t("reports.view.filters.allTeams"),
            category: category ? nameOf(category, locale) : t("reports.view.filters.allCategories"),
          })}{" "}
          {t("reports.view.computedAt", { time: formatDateTime(view.computedAt) })}
        </p>
        {view.selected.isFuture ? (
          <p className="alert alert--info" role="status">
            {t("reports.view.futurePeriod")}
          </p>
        ) : null}
        <Summary selected={view.selected} />
      </section>

      <TrendSection view={view} />
      <CategorySection view={view} />
      <ChannelSection view={view} />
      <SlaSection view={view} />

      <section aria-labelledby="report-downloads-heading" className="panel stack stack--small no-print">
        <h2 id="report-downloads-heading" className="panel__title">
          {t("reports.view.downloads.heading")}
        </h2>
        <p>{t("reports.view.downloads.note", { fiscalYear: view.fiscalYear })}</p>
        <ul className="reports__downloads">
          <li>
            <a href={`/staff/reports/export${search}&format=xlsx`} download>
              {t("reports.view.downloads.xlsx")}
            </a>
          </li>
          <li>
            <a href={`/staff/reports/export${search}&format=csv`} download>
              {t("reports.view.downloads.csv")}
            </a>
          </li>
          <li>
            <Link to={`/staff/reports/evidence${search}`}>{t("reports.view.downloads.evidence")}</Link>
          </li>
        </ul>
        <p>{t("reports.view.downloads.print")}</p>
      </section>
    </div>
  );
}

function FilterForm({ view, fiscalYears }: { view: View; fiscalYears: number[] }) {
  const { t, locale, formatMonthYear } = useTranslation();
  const monthStarts = periodsOfFiscalYear(view.fiscalYear, "month").map((month) => month.start);
  const years = fiscalYears.includes(view.fiscalYear) ? fiscalYears : [view.fiscalYear, ...fiscalYears];
  return (
    <Form method="get" className="queue-filters no-print" aria-labelledby="report-filters-heading">
      <h2 id="report-filters-heading" className="visually-hidden">
        {t("reports.view.filters.heading")}
      </h2>
      <div className="field">
        <label className="field__label" htmlFor="report-fiscal-year">
          {t("reports.view.filters.fiscalYear")}
        </label>
        <select id="report-fiscal-year" name="fy" className="field__input" defaultValue={String(view.fiscalYear)}>
          {years.map((year) => (
            <option key={year} value={year}>
              {t("reports.periods.year", { fiscalYear: year })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="report-period">
          {t("reports.view.filters.period")}
        </label>
        <select id="report-period" name="period" className="field__input" defaultValue={choiceOfPeriod(view.period as ReportPeriod)}>
          {periodChoices.map((choice) => (
            <option key={choice} value={choice}>
              {choiceLabel(t, formatMonthYear, view.fiscalYear, choice, monthStarts)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="report-team">
          {t("reports.view.filters.team")}
        </label>
        <select id="report-team" name="team" className="field__input" defaultValue={view.teamCode ?? ""}>
          <option value="">{t("reports.view.filters.allTeams")}</option>
          {view.teams.map((team) => (
            <option key={team.code} value={team.code}>
              {nameOf(team, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="report-category">
          {t("reports.view.filters.category")}
        </label>
        <select id="report-category" name="category" className="field__input" defaultValue={view.categoryCode ?? ""}>
          <option value="">{t("reports.view.filters.allCategories")}</option>
          {view.categories.map((category) => (
            <option key={category.code} value={category.code}>
              {nameOf(category, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="queue-filters__actions">
        <button type="submit" className="button">
          {t("reports.view.filters.apply")}
        </button>
        <Link to="/staff/reports">{t("reports.view.filters.clear")}</Link>
      </div>
    </Form>
  );
}

const summaryCounts: readonly MetricId[] = ["received", "completed", "openAtEnd", "inProgressAtEnd", "overdueAtEnd", "corruptionReceived", "corruptionCompleted", "corruptionOpenAtEnd", "escalations", "reporterMessages"];

function Summary({ selected }: { selected: PeriodMetrics }) {
  const { t, formatNumber } = useTranslation();
  return (
    <div className="table-wrapper">
      <table className="table reports__table">
        <caption>{t("reports.view.summary.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.view.columns.figure")}</th>
            <th scope="col" className="reports__number">
              {t("reports.values.count")}
            </th>
          </tr>
        </thead>
        <tbody>
          {summaryCounts.map((id) => (
            <tr key={id}>
              <th scope="row">
                {t(`reports.metrics.${id}.name` as MessageKey)}
                <span className="reports__definition">{t(`reports.metrics.${id}.definition` as MessageKey)}</span>
              </th>
              <td className="reports__number">{formatNumber(selected.values[id] as number)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TrendSection({ view }: { view: View }) {
  const { t, formatNumber, formatMonthYear } = useTranslation();
  const months = view.months;
  const categories = months.map((month) => ({ key: month.key, label: formatMonthYear(month.start, "short") }));
  const series = [
    { key: "received", label: t("reports.metrics.received.name"), values: months.map((month) => month.values.received) },
    { key: "completed", label: t("reports.metrics.completed.name"), values: months.map((month) => month.values.completed) },
  ];
  return (
    <section aria-labelledby="report-trend-heading" className="stack stack--small reports__section">
      <h2 id="report-trend-heading">{t("reports.view.trend.heading")}</h2>
      <p>{t("reports.view.trend.description")}</p>
      <ColumnChart
        id="report-trend-chart"
        title={t("reports.view.trend.heading")}
        description={t("reports.view.chartDescription")}
        categories={categories}
        series={series}
        formatValue={(value) => (value === null ? "–" : formatNumber(value))}
      />
      <div className="table-wrapper">
        <table className="table reports__table">
          <caption>{t("reports.view.trend.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.view.columns.month")}</th>
              {series.map((one) => (
                <th key={one.key} scope="col" className="reports__number">
                  {one.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((month, index) => (
              <tr key={month.key}>
                <th scope="row">{formatMonthYear(month.start)}</th>
                {series.map((one) => (
                  <td key={one.key} className="reports__number">
                    {formatNumber(one.values[index]!)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MixSection({ id, heading, description, caption, rows }: { id: string; heading: string; description: string; caption: string; rows: Array<{ key: string; label: string; count: number }> }) {
  const { t, formatNumber } = useTranslation();
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <section aria-labelledby={`${id}-heading`} className="stack stack--small reports__section">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p>{description}</p>
      <BarChart
        id={`${id}-chart`}
        title={heading}
        description={t("reports.view.chartDescription")}
        categories={rows.map((row) => ({ key: row.key, label: row.label }))}
        series={{ key: "received", label: t("reports.metrics.received.name"), values: rows.map((row) => row.count) }}
        formatValue={(value) => (value === null ? "–" : formatNumber(value))}
      />
      <div className="table-wrapper">
        <table className="table reports__table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.view.columns.item")}</th>
              <th scope="col" className="reports__number">
                {t("reports.metrics.received.name")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="reports__number">{formatNumber(row.count)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("reports.values.total")}</th>
              <td className="reports__number">{formatNumber(total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function CategorySection({ view }: { view: View }) {
  const { t, locale } = useTranslation();
  const rows = view.breakdownCategories.map((category) => ({ key: category.code, label: nameOf(category, locale), count: view.selected.values.receivedByCategory[category.code] ?? 0 }));
  return (
    <MixSection
      id="report-category"
      heading={t("reports.metrics.receivedByCategory.name")}
      description={t("reports.metrics.receivedByCategory.definition")}
      caption={t("reports.view.mixCaption", { figure: t("reports.metrics.receivedByCategory.name") })}
      rows={rows}
    />
  );
}

function ChannelSection({ view }: { view: View }) {
  const { t } = useTranslation();
  const rows = caseChannels.map((channel) => ({ key: channel, label: t(`channels.${channel}`), count: view.selected.values.receivedByChannel[channel] ?? 0 }));
  return (
    <MixSection
      id="report-channel"
      heading={t("reports.metrics.receivedByChannel.name")}
      description={t("reports.metrics.receivedByChannel.definition")}
      caption={t("reports.view.mixCaption", { figure: t("reports.metrics.receivedByChannel.name") })}
      rows={rows}
    />
  );
}

const slaClocks: ReadonlyArray<{ onTime: "acknowledgedOnTime" | "firstResponseOnTime" | "resolvedOnTime"; duration: "timeToAcknowledge" | "timeToFirstResponse" | "timeToResolve" }> = [
  { onTime: "acknowledgedOnTime", duration: "timeToAcknowledge" },
  { onTime: "firstResponseOnTime", duration: "timeToFirstResponse" },
  { onTime: "resolvedOnTime", duration: "timeToResolve" },
];

function SlaSection({ view }: { view: View }) {
  const translation = useTranslation();
  const { t, formatNumber } = translation;
  const values = view.selected.values;
  return (
    <section aria-labelledby="report-sla-heading" className="stack stack--small reports__section">
      <h2 id="report-sla-heading">{t("reports.view.sla.heading")}</h2>
      <p>{t("reports.view.sla.description")}</p>
      <BarChart
        id="report-sla-chart"
        title={t("reports.view.sla.heading")}
        description={t("reports.view.chartDescription")}
        categories={slaClocks.map((clock) => ({ key: clock.onTime, label: t(`reports.metrics.${clock.onTime}.name`) }))}
        series={{ key: "percent", label: t("reports.values.percent"), values: slaClocks.map((clock) => (values[clock.onTime] as RatioValue).percent) }}
        maximum={100}
        formatValue={(value) => (value === null ? "–" : `${formatNumber(value)}%`)}
      />
      <div className="table-wrapper">
        <table className="table reports__table">
          <caption>{t("reports.view.sla.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.view.columns.clock")}</th>
              <th scope="col" className="reports__number">
                {t("reports.values.met")}
              </th>
              <th scope="col" className="reports__number">
                {t("reports.values.total")}
              </th>
              <th scope="col" className="reports__number">
                {t("reports.values.percent")}
              </th>
              <th scope="col" className="reports__number">
                {t("reports.view.columns.median")}
              </th>
              <th scope="col" className="reports__number">
                {t("reports.view.columns.percentile90")}
              </th>
            </tr>
          </thead>
          <tbody>
            {slaClocks.map((clock) => {
              const ratio = values[clock.onTime] as RatioValue;
              const duration = values[clock.duration] as DurationValue;
              return (
                <tr key={clock.onTime}>
                  <th scope="row">
                    {t(`reports.metrics.${clock.onTime}.name`)}
                    <span className="reports__definition">{t(`reports.metrics.${clock.onTime}.definition`)}</span>
                  </th>
                  <td className="reports__number">{formatNumber(ratio.met)}</td>
                  <td className="reports__number">{formatNumber(ratio.total)}</td>
                  <td className="reports__number">{percentText(translation, ratio)}</td>
                  <td className="reports__number">{durationText(translation, duration.median)}</td>
                  <td className="reports__number">{durationText(translation, duration.percentile90)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
