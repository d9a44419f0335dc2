import { loadBusinessCalendar } from "../calendar/business-calendar.server";
import { fiscalYearOf } from "../calendar/thai-calendar";
import { itaItemCodesFor } from "../reports/metric-definitions";
import { computeReport } from "../reports/kept-figures.server";
import type { AppServices } from "../services.server";
import { buildStatisticsPage, generalKinds, type FiscalYearReports, type StatisticsGranularity, type StatisticsPage } from "./statistics-tables";

const granularities: readonly StatisticsGranularity[] = ["month", "half", "year"];
const kinds = ["corruption_tip", ...generalKinds] as const;

/**
 * Every figure of one fiscal year by kind, month, half and year, through `computeReport` so the
 * page publishes exactly what the staff reports count (decision 0012). Each report reads the kept
 * figures (decision 0020): fifteen reports a year, a few hundred sums each, whatever the number of cases.
 */
async function fiscalYearReports(services: Pick<AppServices, "db" | "reportDb">, fiscalYear: number, now: number, calendar: Awaited<ReturnType<typeof loadBusinessCalendar>>): Promise<FiscalYearReports> {
  const entries = await Promise.all(
    kinds.map(async (kind) => {
      const reports = await Promise.all(granularities.map((period) => computeReport(services, { fiscalYear, period, kind, now }, calendar)));
      return [kind, Object.fromEntries(granularities.map((granularity, index) => [granularity, reports[index]!]))] as const;
    }),
  );
  return { fiscalYear, ...Object.fromEntries(entries) } as FiscalYearReports;
}

/**
 * The public statistics at `now`: the current fiscal year and the one before, suppressed at the
 * configured threshold (docs/decisions/0013-statistics-suppression.md). Aggregates only.
 */
export async function loadStatistics(services: Pick<AppServices, "db" | "reportDb" | "config">, now: number): Promise<StatisticsPage> {
  const current = fiscalYearOf(now);
  // Durations are not published, but the reports need the calendar to be complete.
  const calendar = await loadBusinessCalendar(services.reportDb);
  const years = await Promise.all([current, current - 1].map((fiscalYear) => fiscalYearReports(services, fiscalYear, now, calendar)));
  return buildStatisticsPage(years, services.config.statistics.suppressionThreshold, now, (fiscalYear) => itaItemCodesFor(fiscalYear).corruptionStatistics);
}
