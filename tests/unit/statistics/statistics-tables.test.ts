import { describe, expect, it } from "vitest";
import { completionKeys } from "../../../app/reports/metric-definitions";
import { buildStatisticsPage, outcomeColumns, outcomeGroups, statisticsPeriodLabel, type StatisticsRow } from "../../../app/statistics/statistics-tables";
import { fiscalYearReports } from "../../support/statistics-reports";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const now = bangkok("2026-01-15T12:00:00");
const code = () => "O29";

function row<Column extends string>(rows: ReadonlyArray<StatisticsRow<Column>>, key: string): StatisticsRow<Column> {
  return rows.find((candidate) => candidate.key === key)!;
}

describe("the outcome columns", () => {
  it("hold every way a case can end exactly once, so they add up to the completed", () => {
    const grouped = outcomeColumns.flatMap((column) => outcomeGroups[column]);
    expect([...grouped].sort()).toEqual([...completionKeys].sort());
  });
});

describe("period labels", () => {
  const page = buildStatisticsPage([fiscalYearReports(2569, now, {}), fiscalYearReports(2568, now, {})], 5, now, code);
  const labels = (locale: "th" | "en") => page.years[0]!.corruption.map((entry) => statisticsPeriodLabel(entry, locale));

  it("name months by their short B.E. month and the halves and year in full, in Thai", () => {
    expect(labels("th")).toEqual([
      "ต.ค. 2568",
      "พ.ย. 2568",
      "ธ.ค. 2568",
      "ม.ค. 2569",
      "ก.พ. 2569",
      "มี.ค. 2569",
      "รวมครึ่งปีแรก (ต.ค. 2568 – มี.ค. 2569)",
      "เม.ย. 2569",
      "พ.ค. 2569",
      "มิ.ย. 2569",
      "ก.ค. 2569",
      "ส.ค. 2569",
      "ก.ย. 2569",
      "รวมครึ่งปีหลัง (เม.ย. 2569 – ก.ย. 2569)",
      "รวมทั้งปีงบประมาณ พ.ศ. 2569",
    ]);
  });

  it("and in English", () => {
    // ICU abbreviates September as "Sep" or "Sept" depending on its version.
    expect(labels("en").map((label) => label.replace("Sept ", "Sep "))).toEqual([
      "Oct 2568 BE",
      "Nov 2568 BE",
      "Dec 2568 BE",
      "Jan 2569 BE",
      "Feb 2569 BE",
      "Mar 2569 BE",
      "First half (Oct 2568 BE – Mar 2569 BE)",
      "Apr 2569 BE",
      "May 2569 BE",
      "Jun 2569 BE",
      "Jul 2569 BE",
      "Aug 2569 BE",
      "Sep 2569 BE",
      "Second half (Apr 2569 BE – Sep 2569 BE)",
      "Fiscal year 2569 BE",
    ]);
  });
});

describe("the tables", () => {
  it("mark periods not begun, periods with nothing, and publish the rest through the suppression", () => {
    const page = buildStatisticsPage(
      [
        fiscalYearReports(2569, now, { corruption_tip: { 1: { received: 7, open: 7 }, 2: { received: 2, outcomes: { substantiated: 6 }, open: 3 }, 3: { open: 3 } } }),
        fiscalYearReports(2568, now, {}),
      ],
      5,
      now,
      code,
    );
    const corruption = page.years[0]!.corruption;
    expect(row(corruption, "2569-M01").figures).toMatchObject({ received: { state: "shown", value: 7 }, inProgress: { state: "shown", value: 7 } });
    // Two received: "< 5"; the three in progress withheld (small, and following a withheld count).
    expect(row(corruption, "2569-M02").figures).toMatchObject({
      received: { state: "belowThreshold", threshold: 5 },
      completed: { state: "shown", value: 6 },
      substantiated: { state: "shown", value: 6 },
      inProgress: { state: "withheld" },
    });
    expect(row(corruption, "2569-M03")).toMatchObject({ status: "figures" });
    expect(row(corruption, "2569-M05")).toMatchObject({ status: "future", figures: null });
    expect(row(corruption, "2569-H1").figures).toMatchObject({ received: { state: "withheld" }, completed: { state: "shown", value: 6 } });
    expect(row(page.years[1]!.corruption, "2568")).toMatchObject({ status: "empty", figures: null });
    expect(page.years.map((year) => year.corruptionItaCode)).toEqual(["O29", "O29"]);
  });

  it("refuses to publish a half year that is not the sum of its months", () => {
    const reports = fiscalYearReports(2569, now, { complaint: { 1: { received: 6 } } });
    reports.complaint.half.periods[0]!.values.received = 7;
    expect(() => buildStatisticsPage([reports, fiscalYearReports(2568, now, {})], 5, now, code)).toThrow(/add up to 6/);
  });
});
