import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import type { PublishedFigure } from "~/statistics/suppression";
import {
  corruptionColumns,
  generalFigures,
  generalKinds,
  outcomeColumns,
  statisticsPeriodLabel,
  type CorruptionColumn,
  type FiscalYearStatistics,
  type GeneralColumn,
  type StatisticsPage,
  type StatisticsRow,
} from "~/statistics/statistics-tables";
import { publishedStatistics } from "~/statistics/published-statistics.server";
import statisticsStylesheet from "~/styles/statistics.css?url";

/*
 * The public statistics: ITA item O29 (corruption complaints) and the general complaint
 * statistics, for the current and the previous fiscal year. Aggregates only, suppressed so no
 * reporter can be singled out (decision 0013). Plain HTML tables: no script, no form.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statisticsStylesheet }];

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [
    { title: t("app.pageTitle", { page: t("statistics.title") }) },
    { name: "description", content: t("statistics.introduction") },
  ];
};

/** Nothing personal is on the page, so a shared cache may keep it briefly; the language comes from a cookie. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "public, max-age=300", Vary: "Cookie" });

export async function loader({ context }: LoaderFunctionArgs) {
  return publishedStatistics(context.services, Date.now());
}

export default function StatisticsRoute() {
  return <StatisticsView page={useLoaderData<typeof loader>()} />;
}

export function StatisticsView({ page }: { page: StatisticsPage }) {
  const { t, formatDateTime, formatNumber } = useTranslation();
  const { threshold } = page;
  return (
    <article className="statistics stack stack--large">
      <div className="page-heading">
        <h1>{t("statistics.heading")}</h1>
        <p className="lead">{t("statistics.introduction")}</p>
        <p className="statistics__as-of">{t("statistics.asOf", { dateTime: formatDateTime(page.computedAt) })}</p>
        <p className="small muted no-print">{t("statistics.printHint")}</p>
      </div>

      <section className="stack" aria-labelledby="statistics-protection-heading">
        <h2 id="statistics-protection-heading">{t("statistics.protection.heading")}</h2>
        <ul className="reading-width">
          {threshold > 1 ? (
            <>
              <li>{t("statistics.protection.belowThreshold", { highest: formatNumber(threshold - 1), threshold: formatNumber(threshold) })}</li>
              <li>{t("statistics.protection.withheld", { marker: t("statistics.cells.withheldMarker"), threshold: formatNumber(threshold) })}</li>
            </>
          ) : null}
          <li>{t("statistics.protection.zero")}</li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="statistics-corruption-heading">
        <h2 id="statistics-corruption-heading">{t("statistics.corruption.heading")}</h2>
        {page.years[0] ? <p className="reading-width">{t("statistics.corruption.ita", { code: page.years[0].corruptionItaCode })}</p> : null}
        {page.years.map((year, index) => (
          <CorruptionTable key={year.fiscalYear} year={year} isCurrent={index === 0} />
        ))}
        <Definitions
          heading={t("statistics.corruption.definitionsHeading")}
          items={[
            [t("statistics.corruption.columns.received"), t("statistics.corruption.definitions.received")],
            [t("statistics.corruption.columns.completed"), t("statistics.corruption.definitions.completed")],
            [t("statistics.corruption.columns.inProgress"), t("statistics.corruption.definitions.inProgress")],
            [t("statistics.corruption.outcomesGroup"), t("statistics.corruption.definitions.outcomes")],
          ]}
        />
      </section>

      <section className="stack" aria-labelledby="statistics-general-heading">
        <h2 id="statistics-general-heading">{t("statistics.general.heading")}</h2>
        <p className="reading-width">{t("statistics.general.introduction")}</p>
        {page.years.map((year, index) => (
          <GeneralTable key={year.fiscalYear} year={year} isCurrent={index === 0} />
        ))}
        <Definitions heading={t("statistics.general.definitionsHeading")} items={generalFigures.map((figure) => [t(`statistics.general.figures.${figure}`), t(`statistics.general.definitions.${figure}`)])} />
      </section>

      <p className="no-print">
        <Link to="/guideline">{t("statistics.guidelineLink")}</Link>
      </p>
    </article>
  );
}

function Definitions({ heading, items }: { heading: string; items: ReadonlyArray<readonly [string, string]> }) {
  return (
    <>
      <h3>{heading}</h3>
      <dl className="summary-list reading-width">
        {items.map(([term, definition]) => (
          <div key={term} className="summary-list__row">
            <dt>{term}</dt>
            <dd>{definition}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function YearHeading({ fiscalYear, isCurrent }: { fiscalYear: number; isCurrent: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("statistics.fiscalYear.heading", { fiscalYear })}</h3>
      <p className="small muted">{t(isCurrent ? "statistics.fiscalYear.current" : "statistics.fiscalYear.previous")}</p>
    </>
  );
}

/** A published figure: the count, "< 5" for a small one, or a dash for one withheld; spoken in words. */
function FigureCell({ figure, column }: { figure: PublishedFigure; column: string }) {
  const { t, formatNumber } = useTranslation();
  if (figure.state === "shown") {
    return (
      <td className="numeric" data-column={column} data-state="shown">
        {formatNumber(figure.value)}
      </td>
    );
  }
  const [shown, spoken] =
    figure.state === "belowThreshold"
      ? [t("statistics.cells.belowThreshold", { threshold: formatNumber(figure.threshold) }), t("statistics.cells.belowThresholdSpoken", { threshold: formatNumber(figure.threshold) })]
      : [t("statistics.cells.withheldMarker"), t("statistics.cells.withheldSpoken")];
  return (
    <td className="numeric statistics__suppressed" data-column={column} data-state={figure.state}>
      <span aria-hidden="true">{shown}</span>
      <span className="visually-hidden">{spoken}</span>
    </td>
  );
}

/** Months of the first half and its total, then the second half's, then the year: one body each. */
function rowGroups<Column extends string>(rows: ReadonlyArray<StatisticsRow<Column>>): Array<Array<StatisticsRow<Column>>> {
  const groups: Array<Array<StatisticsRow<Column>>> = [[]];
  for (const row of rows) {
    if (row.granularity === "year") groups.push([row]);
    else groups[groups.length - 1]!.push(row);
    if (row.granularity === "half" && row.period.kind === "half" && row.period.half === 1) groups.push([]);
  }
  return groups.filter((group) => group.length > 0);
}

function PeriodRows<Column extends string>({ rows, columns }: { rows: ReadonlyArray<StatisticsRow<Column>>; columns: readonly Column[] }) {
  const { t, locale } = useTranslation();
  return (
    <>
      {rowGroups(rows).map((group) => (
        <tbody key={group[0]!.key}>
          {group.map((row) => (
            <tr key={row.key} data-period={row.key} data-status={row.status} className={row.granularity === "month" ? undefined : "statistics__total"}>
              <th scope="row">{statisticsPeriodLabel(row, locale)}</th>
              {row.figures === null ? (
                <td colSpan={columns.length} className="statistics__whole-row">
                  {t(row.status === "future" ? "statistics.cells.notYet" : "statistics.cells.noComplaints")}
                </td>
              ) : (
                columns.map((column) => <FigureCell key={column} column={column} figure={row.figures![column]} />)
              )}
            </tr>
          ))}
        </tbody>
      ))}
    </>
  );
}

function CorruptionTable({ year, isCurrent }: { year: FiscalYearStatistics; isCurrent: boolean }) {
  const { t } = useTranslation();
  const leading: readonly CorruptionColumn[] = ["received", "completed", "inProgress"];
  return (
    <div className="stack" data-fiscal-year={year.fiscalYear}>
      <YearHeading fiscalYear={year.fiscalYear} isCurrent={isCurrent} />
      <div className="table-wrapper">
        <table className="table statistics__table" data-table="corruption">
          <caption>{t("statistics.corruption.caption", { fiscalYear: year.fiscalYear })}</caption>
          <colgroup span={1 + leading.length} />
          <colgroup span={outcomeColumns.length} />
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t("statistics.periods.column")}
              </th>
              {leading.map((column) => (
                <th key={column} scope="col" rowSpan={2} className="numeric">
                  {t(`statistics.corruption.columns.${column}`)}
                </th>
              ))}
              <th scope="colgroup" colSpan={outcomeColumns.length}>
                {t("statistics.corruption.outcomesGroup")}
              </th>
            </tr>
            <tr>
              {outcomeColumns.map((column) => (
                <th key={column} scope="col" className="numeric">
                  {t(`statistics.corruption.columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <PeriodRows rows={year.corruption} columns={corruptionColumns} />
        </table>
      </div>
    </div>
  );
}

function GeneralTable({ year, isCurrent }: { year: FiscalYearStatistics; isCurrent: boolean }) {
  const { t } = useTranslation();
  const columns = generalKinds.flatMap((kind) => generalFigures.map((figure): GeneralColumn => `${kind}.${figure}`));
  return (
    <div className="stack" data-fiscal-year={year.fiscalYear}>
      <YearHeading fiscalYear={year.fiscalYear} isCurrent={isCurrent} />
      <div className="table-wrapper">
        <table className="table statistics__table" data-table="general">
          <caption>{t("statistics.general.caption", { fiscalYear: year.fiscalYear })}</caption>
          <colgroup span={1} />
          {generalKinds.map((kind) => (
            <colgroup key={kind} span={generalFigures.length} />
          ))}
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t("statistics.periods.column")}
              </th>
              {generalKinds.map((kind) => (
                <th key={kind} scope="colgroup" colSpan={generalFigures.length}>
                  {t(`kinds.${kind}`)}
                </th>
              ))}
            </tr>
            <tr>
              {generalKinds.flatMap((kind) =>
                generalFigures.map((figure) => (
                  <th key={`${kind}.${figure}`} scope="col" className="numeric">
                    {t(`statistics.general.figures.${figure}`)}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <PeriodRows rows={year.general} columns={columns} />
        </table>
      </div>
    </div>
  );
}
