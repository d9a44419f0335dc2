import { describe, expect, it } from "vitest";
import { periodLabel, periodsOfFiscalYear } from "~/reports/report-periods";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);

describe("the periods of a fiscal year", () => {
  it("is one year from 1 October to 1 October at Bangkok midnight, named by the B.E. year it ends in", () => {
    expect(periodsOfFiscalYear(2569, "year")).toEqual([
      { key: "2569", fiscalYear: 2569, period: { kind: "year" }, start: bangkok("2025-10-01T00:00:00"), end: bangkok("2026-10-01T00:00:00") },
    ]);
  });

  it("splits into halves at 1 April and quarters at 1 January, 1 April and 1 July", () => {
    expect(periodsOfFiscalYear(2569, "half").map((slot) => [slot.key, slot.start, slot.end])).toEqual([
      ["2569-H1", bangkok("2025-10-01T00:00:00"), bangkok("2026-04-01T00:00:00")],
      ["2569-H2", bangkok("2026-04-01T00:00:00"), bangkok("2026-10-01T00:00:00")],
    ]);
    expect(periodsOfFiscalYear(2568, "quarter").map((slot) => [slot.key, slot.start, slot.end])).toEqual([
      ["2568-Q1", bangkok("2024-10-01T00:00:00"), bangkok("2025-01-01T00:00:00")],
      ["2568-Q2", bangkok("2025-01-01T00:00:00"), bangkok("2025-04-01T00:00:00")],
      ["2568-Q3", bangkok("2025-04-01T00:00:00"), bangkok("2025-07-01T00:00:00")],
      ["2568-Q4", bangkok("2025-07-01T00:00:00"), bangkok("2025-10-01T00:00:00")],
    ]);
  });

  it("has twelve months from October, each ending where the next starts", () => {
    const months = periodsOfFiscalYear(2569, "month");
    expect(months.map((slot) => slot.key)).toEqual(Array.from({ length: 12 }, (_, index) => `2569-M${String(index + 1).padStart(2, "0")}`));
    expect(months[0]).toMatchObject({ period: { kind: "month", fiscalMonth: 1 }, start: bangkok("2025-10-01T00:00:00"), end: bangkok("2025-11-01T00:00:00") });
    expect(months[4]).toMatchObject({ start: bangkok("2026-02-01T00:00:00"), end: bangkok("2026-03-01T00:00:00") });
    expect(months[11]!.end).toBe(bangkok("2026-10-01T00:00:00"));
    for (let index = 1; index < months.length; index += 1) expect(months[index]!.start).toBe(months[index - 1]!.end);
  });

  it("puts 23:59 on 30 September in the ending year and midnight on 1 October in the next", () => {
    const [ending] = periodsOfFiscalYear(2568, "year");
    const [next] = periodsOfFiscalYear(2569, "year");
    const lastMinute = bangkok("2025-09-30T23:59:59.999");
    expect(lastMinute >= ending!.start && lastMinute < ending!.end).toBe(true);
    expect(next!.start).toBe(lastMinute + 1);
  });

  it.each([
    ["year", 0, "th", "ปีงบประมาณ พ.ศ. 2569"],
    ["year", 0, "en", "Fiscal year 2569 BE"],
    ["half", 1, "th", "ครึ่งปีที่ 2 ปีงบประมาณ พ.ศ. 2569"],
    ["quarter", 0, "en", "Quarter 1 of fiscal year 2569 BE"],
    ["month", 0, "th", "ตุลาคม 2568"],
    ["month", 3, "th", "มกราคม 2569"],
    ["month", 3, "en", "January 2569 BE"],
  ] as const)("labels a %s (period %i) in %s in the Buddhist Era", (granularity, index, locale, label) => {
    expect(periodLabel(periodsOfFiscalYear(2569, granularity)[index]!, locale)).toBe(label);
  });
});
