import { periodRange, type FiscalMonth, type ReportPeriod, type TimeRange } from "../calendar/thai-calendar";
import { formatMonthYear } from "../i18n/format";
import type { Locale } from "../i18n/locales";
import { createTranslator } from "../i18n/translate";

/**
 * The periods a report is cut into: a Thai fiscal year (1 October – 30 September, named by the
 * B.E. year in which it ends), its halves, quarters or months, each [start, end) at Bangkok
 * midnight (app/calendar/thai-calendar.ts). A report lists every period of the year, in order, so
 * a period with no case is a row of zeros rather than a gap.
 */

export const reportGranularities = ["year", "half", "quarter", "month"] as const;
export type ReportGranularity = (typeof reportGranularities)[number];

export interface ReportPeriodSlot extends TimeRange {
  /** "2569", "2569-H1", "2569-Q1", "2569-M01" (fiscal month 1 = October): stable for URLs and exports. */
  key: string;
  fiscalYear: number;
  period: ReportPeriod;
}

const periodCounts: Record<ReportGranularity, number> = { year: 1, half: 2, quarter: 4, month: 12 };

function periodOf(granularity: ReportGranularity, index: number): ReportPeriod {
  switch (granularity) {
    case "year":
      return { kind: "year" };
    case "half":
      return { kind: "half", half: index === 1 ? 1 : 2 };
    case "quarter":
      return { kind: "quarter", quarter: index as 1 | 2 | 3 | 4 };
    case "month":
      return { kind: "month", fiscalMonth: index as FiscalMonth };
  }
}

export function periodKey(fiscalYear: number, period: ReportPeriod): string {
  switch (period.kind) {
    case "year":
      return String(fiscalYear);
    case "half":
      return `${fiscalYear}-H${period.half}`;
    case "quarter":
      return `${fiscalYear}-Q${period.quarter}`;
    case "month":
      return `${fiscalYear}-M${String(period.fiscalMonth).padStart(2, "0")}`;
  }
}

/** Every period of the granularity in the fiscal year, in order; together they tile the year exactly. */
export function periodsOfFiscalYear(fiscalYear: number, granularity: ReportGranularity): ReportPeriodSlot[] {
  const slots: ReportPeriodSlot[] = [];
  for (let index = 1; index <= periodCounts[granularity]; index += 1) {
    const period = periodOf(granularity, index);
    slots.push({ key: periodKey(fiscalYear, period), fiscalYear, period, ...periodRange(fiscalYear, period) });
  }
  return slots;
}

/** "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2569", "ตุลาคม 2568"; "Quarter 1 of fiscal year 2569 BE", "October 2568 BE". */
export function periodLabel(slot: Pick<ReportPeriodSlot, "fiscalYear" | "period" | "start">, locale: Locale): string {
  const translate = createTranslator(locale);
  const { period, fiscalYear } = slot;
  switch (period.kind) {
    case "year":
      return translate("reports.periods.year", { fiscalYear });
    case "half":
      return translate("reports.periods.half", { fiscalYear, half: period.half });
    case "quarter":
      return translate("reports.periods.quarter", { fiscalYear, quarter: period.quarter });
    case "month":
      return translate("reports.periods.month", { monthYear: formatMonthYear(slot.start, locale) });
  }
}
