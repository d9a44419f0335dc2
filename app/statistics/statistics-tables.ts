import type { ReportPeriod } from "../calendar/thai-calendar";
import type { CaseKind } from "../db.server";
import { formatMonthYear } from "../i18n/format";
import type { Locale } from "../i18n/locales";
import { createTranslator } from "../i18n/translate";
import type { CompletionKey } from "../reports/metric-definitions";
import type { MetricsReport, PeriodMetrics } from "../reports/metrics.server";
import { suppressCells, type PublishedFigure, type StatisticCell } from "./suppression";

/**
 * The tables of /statistics, built from `computeMetrics` reports (one per kind and granularity) and
 * passed through the suppression. Only what may be published leaves this module: the counts of a
 * withheld cell never reach the page or its serialized data.
 */

/** O29: received, completed, in progress at the end of the period, and how the completed ones ended. */
export const corruptionColumns = ["received", "completed", "inProgress", "substantiated", "unsubstantiated", "referred", "rejected", "otherEnding"] as const;
export type CorruptionColumn = (typeof corruptionColumns)[number];
export type OutcomeColumn = Exclude<CorruptionColumn, "received" | "completed" | "inProgress">;

/** Every way a case can end (decision 0012) falls in exactly one column, so the columns add up to "completed". */
export const outcomeGroups: Readonly<Record<OutcomeColumn, readonly CompletionKey[]>> = {
  substantiated: ["substantiated", "partly_substantiated"],
  unsubstantiated: ["unsubstantiated"],
  referred: ["referred", "referred_to_agency"],
  rejected: ["rejected"],
  otherEnding: ["action_taken", "disciplinary_action", "withdrawn", "no_outcome", "merged"],
};
export const outcomeColumns = Object.keys(outcomeGroups) as OutcomeColumn[];

export const generalKinds = ["complaint", "question", "suggestion", "compliment"] as const satisfies readonly CaseKind[];
export type GeneralKind = (typeof generalKinds)[number];
export const generalFigures = ["received", "completed", "answeredOnTime"] as const;
export type GeneralFigure = (typeof generalFigures)[number];
export type GeneralColumn = `${GeneralKind}.${GeneralFigure}`;
export const generalColumns = generalKinds.flatMap((kind) => generalFigures.map((figure): GeneralColumn => `${kind}.${figure}`));

export type StatisticsGranularity = "month" | "half" | "year";

export interface StatisticsRow<Column extends string> {
  /** "2569-M01", "2569-H1", "2569". */
  key: string;
  granularity: StatisticsGranularity;
  fiscalYear: number;
  period: ReportPeriod;
  start: number;
  end: number;
  /** `future`: not begun; `empty`: nothing in it, published as "no complaints"; `figures`: the cells. */
  status: "future" | "empty" | "figures";
  figures: Record<Column, PublishedFigure> | null;
}

export interface FiscalYearStatistics {
  fiscalYear: number;
  /** The number of the O29 item in that year's ITA ("O29" in FY 2566). */
  corruptionItaCode: string;
  /** Months 1–6, the first half, months 7–12, the second half, the year. */
  corruption: Array<StatisticsRow<CorruptionColumn>>;
  general: Array<StatisticsRow<GeneralColumn>>;
}

export interface StatisticsPage {
  computedAt: number;
  threshold: number;
  /** The current fiscal year first, then the previous one. */
  years: FiscalYearStatistics[];
}

/** The reports of one fiscal year: for every kind, by month, by half and for the year. */
export type FiscalYearReports = {
  fiscalYear: number;
} & Record<"corruption_tip" | GeneralKind, Record<StatisticsGranularity, MetricsReport>>;

/** The periods in the order the tables list them. */
function rowOrder(months: readonly PeriodMetrics[], halves: readonly PeriodMetrics[], year: PeriodMetrics): Array<{ granularity: StatisticsGranularity; period: PeriodMetrics }> {
  const rows = (granularity: StatisticsGranularity, periods: readonly PeriodMetrics[]) => periods.map((period) => ({ granularity, period }));
  return [...rows("month", months.slice(0, 6)), ...rows("half", halves.slice(0, 1)), ...rows("month", months.slice(6)), ...rows("half", halves.slice(1)), ...rows("year", [year])];
}

const cellId = (table: "corruption" | "general", periodKey: string, column: string) => `${table}:${periodKey}:${column}`;

function corruptionValue(period: PeriodMetrics, column: CorruptionColumn): number {
  const { values } = period;
  if (column === "received") return values.received;
  if (column === "completed") return values.completed;
  if (column === "inProgress") return values.corruptionOpenAtEnd;
  return outcomeGroups[column].reduce((total, key) => total + (values.completedByOutcome[key] ?? 0), 0);
}

function generalValue(reports: FiscalYearReports, granularity: StatisticsGranularity, index: number, column: GeneralColumn): number {
  const [kind, figure] = column.split(".") as [GeneralKind, GeneralFigure];
  const { values } = reports[kind][granularity].periods[index]!;
  if (figure === "received") return values.received;
  if (figure === "completed") return values.completed;
  return values.firstResponseOnTime.met;
}

/**
 * The cells of the page and how each follows from others. Periods not begun are left out. The
 * in-progress stock of a month follows from the stock before it and the month's flows, across
 * the turn of the fiscal year too, since both years are on the page.
 */
function cellsOf(years: readonly FiscalYearReports[]): StatisticCell[] {
  const cells: StatisticCell[] = [];
  // Oldest first, so the previous year's last stock is known when the next year's first month is built.
  const chronological = [...years].sort((first, second) => first.fiscalYear - second.fiscalYear);
  let previousStock: string | null = null;
  for (const reports of chronological) {
    const corruption = reports.corruption_tip;
    const begunMonths = corruption.month.periods.filter((period) => !period.isFuture);
    const begunHalves = corruption.half.periods.filter((period) => !period.isFuture);
    const lastStockOf = (end: number) => {
      const months = begunMonths.filter((month) => month.start < end);
      return months.length === 0 ? [] : [cellId("corruption", months[months.length - 1]!.key, "inProgress")];
    };
    for (const month of begunMonths) {
      const id = (column: string) => cellId("corruption", month.key, column);
      cells.push({ id: id("received"), value: corruptionValue(month, "received") });
      for (const column of outcomeColumns) cells.push({ id: id(column), value: corruptionValue(month, column) });
      cells.push({ id: id("completed"), value: corruptionValue(month, "completed"), sumOf: outcomeColumns.map(id) });
      cells.push({ id: id("inProgress"), value: corruptionValue(month, "inProgress"), follows: [...(previousStock ? [previousStock] : []), id("received"), id("completed")] });
      previousStock = id("inProgress");
    }
    const monthsWithin = (range: { start: number; end: number }) => begunMonths.filter((month) => month.start >= range.start && month.start < range.end);
    const totals = (periods: readonly PeriodMetrics[], parts: (period: PeriodMetrics) => readonly PeriodMetrics[]) => {
      for (const period of periods) {
        const id = (column: string) => cellId("corruption", period.key, column);
        for (const column of ["received", "completed", ...outcomeColumns] as const) {
          cells.push({ id: id(column), value: corruptionValue(period, column), sumOf: parts(period).map((part) => cellId("corruption", part.key, column)) });
        }
        cells.push({ id: id("inProgress"), value: corruptionValue(period, "inProgress"), follows: lastStockOf(period.end) });
      }
    };
    totals(begunHalves, monthsWithin);
    totals(corruption.year.periods, () => begunHalves);

    for (const kind of generalKinds) {
      const monthly = reports[kind].month.periods;
      const halves = reports[kind].half.periods;
      for (const figure of generalFigures) {
        const column: GeneralColumn = `${kind}.${figure}`;
        monthly.forEach((month, index) => {
          if (!month.isFuture) cells.push({ id: cellId("general", month.key, column), value: generalValue(reports, "month", index, column) });
        });
        halves.forEach((half, index) => {
          if (half.isFuture) return;
          const parts = monthly.filter((month) => !month.isFuture && month.start >= half.start && month.start < half.end);
          cells.push({ id: cellId("general", half.key, column), value: generalValue(reports, "half", index, column), sumOf: parts.map((month) => cellId("general", month.key, column)) });
        });
        const year = reports[kind].year.periods[0]!;
        cells.push({
          id: cellId("general", year.key, column),
          value: generalValue(reports, "year", 0, column),
          sumOf: halves.filter((half) => !half.isFuture).map((half) => cellId("general", half.key, column)),
        });
      }
    }
  }
  return cells;
}

function rowsOf<Column extends string>(
  table: "corruption" | "general",
  columns: readonly Column[],
  ordered: ReadonlyArray<{ granularity: StatisticsGranularity; period: PeriodMetrics }>,
  valueOf: (granularity: StatisticsGranularity, period: PeriodMetrics, column: Column) => number,
  published: ReadonlyMap<string, PublishedFigure>,
): Array<StatisticsRow<Column>> {
  return ordered.map(({ granularity, period }) => {
    const base = { key: period.key, granularity, fiscalYear: period.fiscalYear, period: period.period, start: period.start, end: period.end };
    if (period.isFuture) return { ...base, status: "future", figures: null };
    // Zeros are published as they are, so saying a period had nothing reveals nothing more.
    if (columns.every((column) => valueOf(granularity, period, column) === 0)) return { ...base, status: "empty", figures: null };
    const figures = Object.fromEntries(columns.map((column) => [column, published.get(cellId(table, period.key, column))!])) as Record<Column, PublishedFigure>;
    return { ...base, status: "figures", figures };
  });
}

/** The published page for the fiscal years given (current first), suppressed at `threshold`. */
export function buildStatisticsPage(years: readonly FiscalYearReports[], threshold: number, computedAt: number, corruptionItaCodeOf: (fiscalYear: number) => string): StatisticsPage {
  const published = suppressCells(cellsOf(years), threshold);
  return {
    computedAt,
    threshold,
    years: years.map((reports) => {
      const corruption = reports.corruption_tip;
      const anyGeneral = reports[generalKinds[0]];
      const indexOf = (granularity: StatisticsGranularity, period: PeriodMetrics) => anyGeneral[granularity].periods.findIndex((candidate) => candidate.key === period.key);
      return {
        fiscalYear: reports.fiscalYear,
        corruptionItaCode: corruptionItaCodeOf(reports.fiscalYear),
        corruption: rowsOf("corruption", corruptionColumns, rowOrder(corruption.month.periods, corruption.half.periods, corruption.year.periods[0]!), (_, period, column) => corruptionValue(period, column), published),
        general: rowsOf(
          "general",
          generalColumns,
          rowOrder(anyGeneral.month.periods, anyGeneral.half.periods, anyGeneral.year.periods[0]!),
          (granularity, period, column) => generalValue(reports, granularity, indexOf(granularity, period), column),
          published,
        ),
      };
    }),
  };
}

/** "ต.ค. 2568"; "รวมครึ่งปีแรก (ต.ค. 2568 – มี.ค. 2569)"; "รวมทั้งปีงบประมาณ พ.ศ. 2569" — and in English. */
export function statisticsPeriodLabel(row: Pick<StatisticsRow<string>, "granularity" | "fiscalYear" | "period" | "start" | "end">, locale: Locale): string {
  const translate = createTranslator(locale);
  const dayMs = 24 * 60 * 60 * 1000;
  const span = { from: formatMonthYear(row.start, locale, "short"), to: formatMonthYear(row.end - dayMs, locale, "short") };
  if (row.granularity === "month") return span.from;
  if (row.period.kind === "half") return translate(row.period.half === 1 ? "statistics.periods.firstHalf" : "statistics.periods.secondHalf", span);
  return translate("statistics.periods.year", { fiscalYear: row.fiscalYear });
}
