import type { CompletionKey, MetricValues } from "../../app/reports/metric-definitions";
import type { MetricsReport, PeriodMetrics } from "../../app/reports/metrics.server";
import { periodsOfFiscalYear } from "../../app/reports/report-periods";
import { generalKinds, type FiscalYearReports, type StatisticsGranularity } from "../../app/statistics/statistics-tables";

/**
 * `computeMetrics`-shaped reports for the page's pure tests, from what happened in each month: the
 * halves and the year are the sums of their begun months (and the stock their last month's), as
 * the real reports are. Only the figures /statistics reads are filled.
 */

export interface MonthFigures {
  received?: number;
  outcomes?: Partial<Record<CompletionKey, number>>;
  /** Open at the end of the month (corruption tips). */
  open?: number;
  answeredOnTime?: number;
}

type Kind = "corruption_tip" | (typeof generalKinds)[number];
/** By kind, then by fiscal month (1 = October). */
export type YearHistory = Partial<Record<Kind, Partial<Record<number, MonthFigures>>>>;

function valuesOf(months: readonly MonthFigures[]): MetricValues {
  const outcomes: Record<string, number> = {};
  let received = 0;
  let answered = 0;
  for (const month of months) {
    received += month.received ?? 0;
    answered += month.answeredOnTime ?? 0;
    for (const [key, count] of Object.entries(month.outcomes ?? {})) outcomes[key] = (outcomes[key] ?? 0) + count;
  }
  const completed = Object.values(outcomes).reduce((total, count) => total + count, 0);
  const open = months.length === 0 ? 0 : (months[months.length - 1]!.open ?? 0);
  return {
    received,
    completed,
    completedByOutcome: outcomes,
    corruptionOpenAtEnd: open,
    firstResponseOnTime: { met: answered, total: answered, percent: null },
  } as unknown as MetricValues;
}

function report(fiscalYear: number, granularity: StatisticsGranularity, now: number, history: Partial<Record<number, MonthFigures>>): MetricsReport {
  const months = periodsOfFiscalYear(fiscalYear, "month");
  const periods: PeriodMetrics[] = periodsOfFiscalYear(fiscalYear, granularity).map((slot) => {
    const isFuture = slot.start >= now;
    const within = months
      .map((month, index) => ({ month, figures: history[index + 1] ?? {} }))
      .filter(({ month }) => month.start >= slot.start && month.start < slot.end && month.start < now)
      .map(({ figures }) => figures);
    return { ...slot, isFuture, measuredAt: Math.min(slot.end, Math.max(slot.start, now)), values: valuesOf(isFuture ? [] : within) };
  });
  return { fiscalYear, granularity, teamId: null, categoryCode: null, computedAt: now, categories: [], periods };
}

export function fiscalYearReports(fiscalYear: number, now: number, history: YearHistory): FiscalYearReports {
  const kinds: Kind[] = ["corruption_tip", ...generalKinds];
  const entries = kinds.map((kind) => [kind, { month: report(fiscalYear, "month", now, history[kind] ?? {}), half: report(fiscalYear, "half", now, history[kind] ?? {}), year: report(fiscalYear, "year", now, history[kind] ?? {}) }]);
  return { fiscalYear, ...Object.fromEntries(entries) } as FiscalYearReports;
}
