import { z } from "zod";
import { fiscalYearOf, type ReportPeriod } from "../calendar/thai-calendar";
import { periodKey } from "./report-periods";

/**
 * What a reports address asks for: `?fy=2569&period=Q1&team=integrity&category=corruption.bribery`.
 * Teams and categories are named by code so a bookmarked report survives a rename; anything that
 * cannot be read falls back to the whole current fiscal year and every team and category.
 */

/** "year", "H1", "H2", "Q1"…"Q4", "M01"…"M12" (fiscal month 1 = October). */
export const periodChoices = ["year", "H1", "H2", "Q1", "Q2", "Q3", "Q4", ...Array.from({ length: 12 }, (_, index) => `M${String(index + 1).padStart(2, "0")}`)] as const;

export function periodOfChoice(choice: string): ReportPeriod {
  if (choice.startsWith("H")) return { kind: "half", half: Number(choice.slice(1)) as 1 | 2 };
  if (choice.startsWith("Q")) return { kind: "quarter", quarter: Number(choice.slice(1)) as 1 | 2 | 3 | 4 };
  if (choice.startsWith("M")) return { kind: "month", fiscalMonth: Number(choice.slice(1)) as 1 };
  return { kind: "year" };
}

export function choiceOfPeriod(period: ReportPeriod): string {
  return period.kind === "year" ? "year" : periodKey(0, period).slice(2);
}

/** The years a report may cover: from the first fiscal year of the B.E. 2560s to the next one. */
export const earliestReportFiscalYear = 2560;

const codePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function selectionSchema(now: number) {
  const latest = fiscalYearOf(now) + 1;
  return z.object({
    fy: z.coerce.number().int().min(earliestReportFiscalYear).max(latest).catch(fiscalYearOf(now)),
    period: z.enum(periodChoices as unknown as [string, ...string[]]).catch("year"),
    team: z.string().regex(codePattern).optional().catch(undefined),
    category: z.string().regex(codePattern).optional().catch(undefined),
  });
}

export interface ReportSelection {
  fiscalYear: number;
  period: ReportPeriod;
  teamCode: string | null;
  categoryCode: string | null;
}

export function parseSelection(searchParams: URLSearchParams, now: number): ReportSelection {
  const parsed = selectionSchema(now).parse(Object.fromEntries(searchParams));
  return { fiscalYear: parsed.fy, period: periodOfChoice(parsed.period), teamCode: parsed.team ?? null, categoryCode: parsed.category ?? null };
}

export function selectionSearch(selection: Partial<ReportSelection> & { fiscalYear: number }): string {
  const params = new URLSearchParams({ fy: String(selection.fiscalYear) });
  if (selection.period && selection.period.kind !== "year") params.set("period", choiceOfPeriod(selection.period));
  if (selection.teamCode) params.set("team", selection.teamCode);
  if (selection.categoryCode) params.set("category", selection.categoryCode);
  return `?${params.toString()}`;
}

/** The fiscal years offered, newest first. */
export function offeredFiscalYears(now: number): number[] {
  const latest = fiscalYearOf(now);
  const years: number[] = [];
  for (let year = latest; year >= Math.max(earliestReportFiscalYear, latest - 5); year -= 1) years.push(year);
  return years;
}
