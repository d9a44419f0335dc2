import { loadBusinessCalendar } from "../calendar/business-calendar.server";
import { fiscalYearOf } from "../calendar/thai-calendar";
import { itaItemCodesFor } from "../reports/metric-definitions";
import { computeReports } from "../reports/kept-figures.server";
import type { MetricsQuery, MetricsReport } from "../reports/metrics.server";
import type { AppServices } from "../services.server";
import { buildStatisticsPage, generalKinds, type FiscalYearReports, type StatisticsGranularity, type StatisticsPage } from "./statistics-tables";

const granularities: readonly StatisticsGranularity[] = ["month", "half", "year"];
const kinds = ["corruption_tip", ...generalKinds] as const;

/**
 * Every figure of one fiscal year by kind, month, half and year, through `computeReports` so the
 * page publishes exactly what the staff reports count (decision 0012), every table at the same
 * instant. Each report reads the kept figures (decision 0020): a few hundred sums each, whatever
 * the number of cases.
 */
function queriesOf(fiscalYear: number, now: number): MetricsQuery[] {
  // The page publishes counts and ratios, no duration: not computing them keeps the page a few hundred sums a report.
  return kinds.flatMap((kind) => granularities.map((period) => ({ fiscalYear, period, kind, now, durations: false })));
}

function fiscalYearReportsFrom(fiscalYear: number, reports: readonly MetricsReport[]): FiscalYearReports {
  const entries = kinds.map((kind, kindIndex) => [kind, Object.fromEntries(granularities.map((granularity, index) => [granularity, reports[kindIndex * granularities.length + index]!]))] as const);
  return { fiscalYear, ...Object.fromEntries(entries) } as FiscalYearReports;
}

/**
 * The public statistics at `now`: the current fiscal year and the one before, suppressed at the
 * configured threshold (docs/decisions/0013-statistics-suppression.md). Aggregates only.
 */
export async function loadStatistics(services: Pick<AppServices, "db" | "reportDb" | "config">, now: number): Promise<StatisticsPage> {
  const current = fiscalYearOf(now);
  // Durations are neither published nor computed, but the reports that read the cases need the calendar.
  const calendar = await loadBusinessCalendar(services.reportDb);
  const fiscalYears = [current, current - 1];
  const reports = await computeReports(services, fiscalYears.flatMap((fiscalYear) => queriesOf(fiscalYear, now)), calendar);
  const perYear = kinds.length * granularities.length;
  const years = fiscalYears.map((fiscalYear, index) => fiscalYearReportsFrom(fiscalYear, reports.slice(index * perYear, (index + 1) * perYear)));
  return buildStatisticsPage(years, services.config.statistics.suppressionThreshold, now, (fiscalYear) => itaItemCodesFor(fiscalYear).corruptionStatistics);
}
