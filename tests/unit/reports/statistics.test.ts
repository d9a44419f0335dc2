import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "~/calendar/thai-calendar";
import { businessDaysElapsed, durationSummary, percentile, ratioOf, roundTo } from "~/reports/statistics";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);

describe("percentiles", () => {
  it.each([
    [[], 0.5, null],
    [[4], 0.9, 4],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[3, 1, 2], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[0, 10], 0.9, 9],
    [[2, 2, 2, 8], 0.9, 6.2],
  ])("of %j at %d is %d (linear between closest ranks, as percentile_cont)", (values, fraction, expected) => {
    const result = percentile(values, fraction);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 10);
  });

  it("refuses a fraction outside 0–1", () => {
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it("summarizes durations to two decimals, and nothing as nulls", () => {
    expect(durationSummary([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ count: 10, median: 5.5, percentile90: 9.1 });
    expect(durationSummary([1 / 3, 2 / 3])).toEqual({ count: 2, median: 0.5, percentile90: 0.63 });
    expect(durationSummary([])).toEqual({ count: 0, median: null, percentile90: null });
  });
});

describe("per cents", () => {
  it.each([
    [2, 3, 66.67],
    [1, 3, 33.33],
    [1, 8, 12.5],
    [0, 4, 0],
    [4, 4, 100],
  ])("%i of %i is %d %%", (met, total, percent) => {
    expect(ratioOf(met, total)).toEqual({ met, total, percent });
  });

  it("is null, not zero, when there is nothing to count", () => {
    expect(ratioOf(0, 0).percent).toBeNull();
  });

  it("rounds halves away from zero", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
  });
});

describe("business days elapsed", () => {
  // Monday 13 October 2025 is a public holiday (King Bhumibol memorial day).
  const calendar = createBusinessCalendar(["2025-10-13"]);

  it("counts whole Bangkok days, Monday to Friday, and not holidays", () => {
    expect(businessDaysElapsed(bangkok("2025-10-06T10:00:00"), bangkok("2025-10-07T10:00:00"), calendar)).toBe(1);
    expect(businessDaysElapsed(bangkok("2025-10-10T10:00:00"), bangkok("2025-10-14T10:00:00"), calendar)).toBe(1);
    expect(businessDaysElapsed(bangkok("2025-10-11T09:00:00"), bangkok("2025-10-14T12:00:00"), calendar)).toBe(0.5);
  });

  it("takes off the business time of waits for the reporter, and nothing for a wait over a weekend", () => {
    const start = bangkok("2025-10-01T10:00:00");
    const end = bangkok("2025-10-22T10:00:00");
    expect(businessDaysElapsed(start, end, calendar)).toBe(14);
    expect(businessDaysElapsed(start, end, calendar, [{ start: bangkok("2025-10-06T10:00:00"), end: bangkok("2025-10-09T10:00:00") }])).toBe(11);
    expect(businessDaysElapsed(start, end, calendar, [{ start: bangkok("2025-10-04T00:00:00"), end: bangkok("2025-10-06T00:00:00") }])).toBe(14);
    expect(businessDaysElapsed(start, end, calendar, [{ start: bangkok("2025-10-20T10:00:00"), end: null }])).toBe(12);
  });
});
