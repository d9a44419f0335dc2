import { describe, it, expect } from "vitest";
import {
  addBusinessDays,
  addCalendarDays,
  addDaysToDateKey,
  addHours,
  bangkokDateKey,
  businessDaysBetween,
  createBusinessCalendar,
  dayOfWeek,
  fiscalPeriodOf,
  fiscalYearOf,
  fiscalYearRange,
  formatDateKey,
  fromBuddhistEra,
  isValidDateKey,
  monthsOfFiscalYear,
  parseDateKey,
  periodRange,
  startOfBangkokDay,
  toBangkokDate,
  toBuddhistEra,
  type FiscalPeriod,
  type ReportPeriod,
} from "../../../app/calendar/thai-calendar";
import { thaiPublicHolidayDateKeys } from "../../../app/calendar/thai-holidays";

/** An instant written in UTC, e.g. "2025-09-30T17:00:00.000Z". */
const utc = (iso: string): number => Date.parse(iso);

/** An instant written as Bangkok wall-clock time, e.g. "2025-10-01 09:30". */
const bangkok = (wallClock: string): number => {
  const [date, time = "00:00"] = wallClock.split(" ");
  const instant = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}+07:00`);
  if (Number.isNaN(instant)) throw new Error(`bad test time: ${wallClock}`);
  return instant;
};

/** Bangkok wall-clock text of an instant, so failures read like the table. */
const showBangkok = (timestamp: number): string =>
  new Date(timestamp + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

const dayMs = 86_400_000;

const governmentCalendar = createBusinessCalendar(thaiPublicHolidayDateKeys);

describe("Bangkok dates", () => {
  it.each([
    ["2025-09-30T16:59:59.999Z", "2025-09-30", "last millisecond of 30 Sep in Bangkok"],
    ["2025-09-30T17:00:00.000Z", "2025-10-01", "Bangkok midnight is 17:00 UTC the day before"],
    ["2025-10-01T00:00:00.000Z", "2025-10-01", "UTC midnight is 07:00 in Bangkok"],
    ["2025-12-31T16:59:59.999Z", "2025-12-31", "New Year's Eve, one millisecond before midnight"],
    ["2025-12-31T17:00:00.000Z", "2026-01-01", "New Year in Bangkok while it is still 2025 in UTC"],
    ["2028-02-28T17:00:00.000Z", "2028-02-29", "leap day 2028 begins"],
    ["2028-02-29T16:59:59.999Z", "2028-02-29", "leap day 2028 ends"],
    ["2028-02-29T17:00:00.000Z", "2028-03-01", "the day after the leap day"],
    ["1970-01-01T00:00:00.000Z", "1970-01-01", "the epoch is 07:00 on 1 Jan 1970 in Bangkok"],
    ["1969-12-31T17:00:00.000Z", "1970-01-01", "negative timestamps work too"],
  ])("%s is %s (%s)", (instant, expected) => {
    expect(bangkokDateKey(utc(instant))).toBe(expected);
  });

  it("toBangkokDate gives Gregorian year, month 1-12 and day", () => {
    expect(toBangkokDate(utc("2025-09-30T17:00:00.000Z"))).toEqual({
      year: 2025,
      month: 10,
      day: 1,
    });
    expect(toBangkokDate(utc("2026-12-31T16:59:59.999Z"))).toEqual({
      year: 2026,
      month: 12,
      day: 31,
    });
  });

  it.each([
    ["2025-10-01", "2025-09-30T17:00:00.000Z"],
    ["2026-01-01", "2025-12-31T17:00:00.000Z"],
    ["2028-02-29", "2028-02-28T17:00:00.000Z"],
    ["2026-04-13", "2026-04-12T17:00:00.000Z"],
  ])("startOfBangkokDay(%s) is %s", (dateKey, instant) => {
    expect(startOfBangkokDay(dateKey)).toBe(utc(instant));
    expect(startOfBangkokDay(parseDateKey(dateKey))).toBe(utc(instant));
  });

  it("startOfBangkokDay of the day of any instant is at or before it, and less than a day before", () => {
    for (const instant of [
      "2025-09-30T16:59:59.999Z",
      "2025-09-30T17:00:00.000Z",
      "2026-06-15T05:43:21.000Z",
    ]) {
      const timestamp = utc(instant);
      const dayStart = startOfBangkokDay(bangkokDateKey(timestamp));
      expect(dayStart).toBeLessThanOrEqual(timestamp);
      expect(timestamp - dayStart).toBeLessThan(dayMs);
    }
  });

  it.each(["2026-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-1-01", "25-01-01", "", "x"])(
    "rejects the invalid date key %j",
    (dateKey) => {
      expect(isValidDateKey(dateKey)).toBe(false);
      expect(() => parseDateKey(dateKey)).toThrow(RangeError);
      expect(() => startOfBangkokDay(dateKey)).toThrow(RangeError);
    },
  );

  it("rejects an invalid calendar date object", () => {
    expect(() => startOfBangkokDay({ year: 2026, month: 2, day: 29 })).toThrow(RangeError);
    expect(() => formatDateKey({ year: 2026, month: 1, day: 1.5 })).toThrow(RangeError);
  });

  it("rejects a timestamp that is not a finite number", () => {
    expect(() => bangkokDateKey(Number.NaN)).toThrow(RangeError);
    expect(() => toBangkokDate(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("formats and parses date keys with zero padding", () => {
    expect(formatDateKey({ year: 2026, month: 4, day: 6 })).toBe("2026-04-06");
    expect(parseDateKey("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it.each([
    ["2025-10-01", 3, "Wednesday"],
    ["2025-11-08", 6, "Saturday"],
    ["2025-11-09", 0, "Sunday"],
    ["2028-02-29", 2, "Tuesday"],
  ])("%s is day %i of the week (%s)", (dateKey, weekday) => {
    expect(dayOfWeek(dateKey)).toBe(weekday);
  });

  it.each([
    ["2025-12-31", 1, "2026-01-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-02-28", 2, "2028-03-01"],
    ["2025-10-01", -1, "2025-09-30"],
    ["2026-03-01", -1, "2026-02-28"],
  ])("addDaysToDateKey(%s, %i) is %s", (dateKey, days, expected) => {
    expect(addDaysToDateKey(dateKey, days)).toBe(expected);
  });
});

describe("Buddhist Era", () => {
  it.each([
    [2025, 2568],
    [2026, 2569],
    [2027, 2570],
    [2028, 2571],
    [1957, 2500],
  ])("C.E. %i is B.E. %i", (commonEra, buddhistEra) => {
    expect(toBuddhistEra(commonEra)).toBe(buddhistEra);
    expect(fromBuddhistEra(buddhistEra)).toBe(commonEra);
  });

  it("only converts whole years", () => {
    expect(() => toBuddhistEra(2025.5)).toThrow(RangeError);
    expect(() => fromBuddhistEra(Number.NaN)).toThrow(RangeError);
  });
});

describe("fiscalYearOf: 1 October – 30 September, named by the B.E. year in which it ends", () => {
  it.each([
    ["2025-09-30T16:59:59.999Z", 2568, "30 Sep 2025 23:59:59.999 Bangkok is the last instant of FY2568"],
    ["2025-09-30T17:00:00.000Z", 2569, "1 Oct 2025 00:00 Bangkok opens FY2569"],
    ["2025-09-30T23:00:00.000Z", 2569, "still 30 Sep in UTC, already 1 Oct in Bangkok"],
    ["2025-12-31T16:59:59.999Z", 2569, "31 Dec 2025 in Bangkok"],
    ["2025-12-31T17:00:00.000Z", 2569, "New Year does not change the fiscal year"],
    ["2026-09-30T16:59:59.999Z", 2569, "last instant of FY2569"],
    ["2026-09-30T17:00:00.000Z", 2570, "first instant of FY2570"],
    ["2028-02-29T05:00:00.000Z", 2571, "leap day 2028 is in FY2571"],
  ])("%s → FY%i (%s)", (instant, fiscalYear) => {
    expect(fiscalYearOf(utc(instant))).toBe(fiscalYear);
  });
});

describe("fiscalPeriodOf: fiscal month 1 = October, Q1 = Oct–Dec, H1 = Oct–Mar", () => {
  const period = (
    fiscalYear: number,
    half: 1 | 2,
    quarter: 1 | 2 | 3 | 4,
    fiscalMonth: FiscalPeriod["fiscalMonth"],
    calendarMonth: FiscalPeriod["calendarMonth"],
  ): FiscalPeriod => ({ fiscalYear, half, quarter, fiscalMonth, calendarMonth });

  it.each([
    ["2025-10-15 12:00", period(2569, 1, 1, 1, 10)],
    ["2025-11-15 12:00", period(2569, 1, 1, 2, 11)],
    ["2025-12-15 12:00", period(2569, 1, 1, 3, 12)],
    ["2026-01-15 12:00", period(2569, 1, 2, 4, 1)],
    ["2026-02-15 12:00", period(2569, 1, 2, 5, 2)],
    ["2026-03-15 12:00", period(2569, 1, 2, 6, 3)],
    ["2026-04-15 12:00", period(2569, 2, 3, 7, 4)],
    ["2026-05-15 12:00", period(2569, 2, 3, 8, 5)],
    ["2026-06-15 12:00", period(2569, 2, 3, 9, 6)],
    ["2026-07-15 12:00", period(2569, 2, 4, 10, 7)],
    ["2026-08-15 12:00", period(2569, 2, 4, 11, 8)],
    ["2026-09-15 12:00", period(2569, 2, 4, 12, 9)],
    ["2028-02-29 12:00", period(2571, 1, 2, 5, 2)],
  ])("Bangkok %s is %o", (wallClock, expected) => {
    expect(fiscalPeriodOf(bangkok(wallClock))).toEqual(expected);
  });

  it.each([
    ["2025-09-30T16:59:59.999Z", period(2568, 2, 4, 12, 9), "end of FY2568"],
    ["2025-09-30T17:00:00.000Z", period(2569, 1, 1, 1, 10), "start of FY2569"],
    ["2025-12-31T16:59:59.999Z", period(2569, 1, 1, 3, 12), "end of Q1"],
    ["2025-12-31T17:00:00.000Z", period(2569, 1, 2, 4, 1), "start of Q2"],
    ["2026-03-31T16:59:59.999Z", period(2569, 1, 2, 6, 3), "end of H1"],
    ["2026-03-31T17:00:00.000Z", period(2569, 2, 3, 7, 4), "start of H2 and Q3"],
    ["2026-06-30T16:59:59.999Z", period(2569, 2, 3, 9, 6), "end of Q3"],
    ["2026-06-30T17:00:00.000Z", period(2569, 2, 4, 10, 7), "start of Q4"],
    ["2026-09-30T16:59:59.999Z", period(2569, 2, 4, 12, 9), "end of FY2569"],
    ["2026-09-30T17:00:00.000Z", period(2570, 1, 1, 1, 10), "start of FY2570"],
  ])("at the boundary %s: %o (%s)", (instant, expected) => {
    expect(fiscalPeriodOf(utc(instant))).toEqual(expected);
  });
});

describe("fiscalYearRange and periodRange: [start, end) at Bangkok midnight", () => {
  it("FY2569 runs from 1 Oct 2025 00:00 to 1 Oct 2026 00:00 Bangkok", () => {
    expect(fiscalYearRange(2569)).toEqual({
      start: utc("2025-09-30T17:00:00.000Z"),
      end: utc("2026-09-30T17:00:00.000Z"),
    });
  });

  it.each([
    [2569, 365],
    [2570, 365],
    [2571, 366], // contains 29 Feb 2028
  ])("FY%i has %i days", (fiscalYear, days) => {
    const { start, end } = fiscalYearRange(fiscalYear);
    expect((end - start) / dayMs).toBe(days);
  });

  it("consecutive fiscal years meet exactly", () => {
    expect(fiscalYearRange(2569).end).toBe(fiscalYearRange(2570).start);
  });

  it.each<[ReportPeriod, string, string]>([
    [{ kind: "year" }, "2025-10-01", "2026-10-01"],
    [{ kind: "half", half: 1 }, "2025-10-01", "2026-04-01"],
    [{ kind: "half", half: 2 }, "2026-04-01", "2026-10-01"],
    [{ kind: "quarter", quarter: 1 }, "2025-10-01", "2026-01-01"],
    [{ kind: "quarter", quarter: 2 }, "2026-01-01", "2026-04-01"],
    [{ kind: "quarter", quarter: 3 }, "2026-04-01", "2026-07-01"],
    [{ kind: "quarter", quarter: 4 }, "2026-07-01", "2026-10-01"],
    [{ kind: "month", fiscalMonth: 1 }, "2025-10-01", "2025-11-01"],
    [{ kind: "month", fiscalMonth: 3 }, "2025-12-01", "2026-01-01"],
    [{ kind: "month", fiscalMonth: 4 }, "2026-01-01", "2026-02-01"],
    [{ kind: "month", fiscalMonth: 5 }, "2026-02-01", "2026-03-01"],
    [{ kind: "month", fiscalMonth: 12 }, "2026-09-01", "2026-10-01"],
  ])("FY2569 %o is [%s, %s) Bangkok", (period, startKey, endKey) => {
    expect(periodRange(2569, period)).toEqual({
      start: startOfBangkokDay(startKey),
      end: startOfBangkokDay(endKey),
    });
  });

  it("the year period equals fiscalYearRange", () => {
    expect(periodRange(2570, { kind: "year" })).toEqual(fiscalYearRange(2570));
  });

  it("February 2028 (fiscal month 5 of FY2571) has 29 days", () => {
    const { start, end } = periodRange(2571, { kind: "month", fiscalMonth: 5 });
    expect(bangkokDateKey(start)).toBe("2028-02-01");
    expect((end - start) / dayMs).toBe(29);
  });

  it("a period holds its first and last instants but not its end (the end is exclusive)", () => {
    const periods: ReportPeriod[] = [
      { kind: "year" },
      { kind: "half", half: 1 },
      { kind: "half", half: 2 },
      { kind: "quarter", quarter: 1 },
      { kind: "quarter", quarter: 2 },
      { kind: "quarter", quarter: 3 },
      { kind: "quarter", quarter: 4 },
      { kind: "month", fiscalMonth: 1 },
      { kind: "month", fiscalMonth: 6 },
      { kind: "month", fiscalMonth: 12 },
    ];
    const holds = (instant: number, period: ReportPeriod): boolean => {
      const found = fiscalPeriodOf(instant);
      if (found.fiscalYear !== 2569) return false;
      switch (period.kind) {
        case "year":
          return true;
        case "half":
          return found.half === period.half;
        case "quarter":
          return found.quarter === period.quarter;
        case "month":
          return found.fiscalMonth === period.fiscalMonth;
      }
    };
    for (const period of periods) {
      const { start, end } = periodRange(2569, period);
      expect(holds(start - 1, period)).toBe(false);
      expect(holds(start, period)).toBe(true);
      expect(holds(end - 1, period)).toBe(true);
      expect(holds(end, period)).toBe(false);
    }
  });

  it("halves and quarters tile the year with no gap or overlap", () => {
    const year = fiscalYearRange(2569);
    const h1 = periodRange(2569, { kind: "half", half: 1 });
    const h2 = periodRange(2569, { kind: "half", half: 2 });
    expect([h1.start, h1.end, h2.end]).toEqual([year.start, h2.start, year.end]);
    const quarters = ([1, 2, 3, 4] as const).map((quarter) =>
      periodRange(2569, { kind: "quarter", quarter }),
    );
    expect(quarters[0]?.start).toBe(year.start);
    expect(quarters[3]?.end).toBe(year.end);
    for (let index = 1; index < quarters.length; index += 1) {
      expect(quarters[index]?.start).toBe(quarters[index - 1]?.end);
    }
  });

  it("rejects periods that do not exist", () => {
    expect(() => periodRange(2569, { kind: "half", half: 3 } as unknown as ReportPeriod)).toThrow(
      RangeError,
    );
    expect(() =>
      periodRange(2569, { kind: "quarter", quarter: 0 } as unknown as ReportPeriod),
    ).toThrow(RangeError);
    expect(() =>
      periodRange(2569, { kind: "month", fiscalMonth: 13 } as unknown as ReportPeriod),
    ).toThrow(RangeError);
    expect(() => periodRange(2569, { kind: "week" } as unknown as ReportPeriod)).toThrow(RangeError);
    expect(() => fiscalYearRange(2569.5)).toThrow(RangeError);
    expect(() => fiscalYearRange(543)).toThrow(RangeError);
  });
});

describe("monthsOfFiscalYear: the 12 month boundaries reports GROUP BY", () => {
  const months = monthsOfFiscalYear(2569);

  it("lists October to September with their fiscal month and calendar year/month", () => {
    expect(months.map(({ fiscalMonth, year, month }) => [fiscalMonth, year, month])).toEqual([
      [1, 2025, 10],
      [2, 2025, 11],
      [3, 2025, 12],
      [4, 2026, 1],
      [5, 2026, 2],
      [6, 2026, 3],
      [7, 2026, 4],
      [8, 2026, 5],
      [9, 2026, 6],
      [10, 2026, 7],
      [11, 2026, 8],
      [12, 2026, 9],
    ]);
  });

  it("starts each month at Bangkok midnight on its first day", () => {
    for (const entry of months) {
      expect(entry.start).toBe(startOfBangkokDay({ year: entry.year, month: entry.month, day: 1 }));
    }
  });

  it("is contiguous and exactly covers the fiscal year", () => {
    const year = fiscalYearRange(2569);
    expect(months[0]?.start).toBe(year.start);
    expect(months[11]?.end).toBe(year.end);
    for (let index = 1; index < months.length; index += 1) {
      expect(months[index]?.start).toBe(months[index - 1]?.end);
    }
    const totalMs = months.reduce((sum, entry) => sum + (entry.end - entry.start), 0);
    expect(totalMs).toBe(year.end - year.start);
  });

  it("agrees with periodRange for every month", () => {
    for (const entry of months) {
      expect(periodRange(2569, { kind: "month", fiscalMonth: entry.fiscalMonth })).toEqual({
        start: entry.start,
        end: entry.end,
      });
    }
  });

  it("in FY2571 the months add up to 366 days (leap year)", () => {
    const days = monthsOfFiscalYear(2571).map((entry) => (entry.end - entry.start) / dayMs);
    expect(days).toEqual([31, 30, 31, 31, 29, 31, 30, 31, 30, 31, 31, 30]);
    expect(days.reduce((sum, value) => sum + value, 0)).toBe(366);
  });
});

describe("addCalendarDays and addHours", () => {
  it.each([
    ["2025-09-30 10:00", 1, "2025-10-01 10:00"],
    ["2025-12-31 23:30", 1, "2026-01-01 23:30"],
    ["2028-02-28 10:00", 1, "2028-02-29 10:00"],
    ["2028-02-28 10:00", 2, "2028-03-01 10:00"],
    ["2026-04-10 09:00", 15, "2026-04-25 09:00"], // holidays and weekends count
    ["2026-01-05 09:00", -7, "2025-12-29 09:00"],
    ["2026-01-05 09:00", 0, "2026-01-05 09:00"],
  ])("%s + %i calendar days is %s (same Bangkok clock time)", (start, days, expected) => {
    expect(showBangkok(addCalendarDays(bangkok(start), days))).toBe(expected);
  });

  it("only adds whole calendar days", () => {
    expect(() => addCalendarDays(bangkok("2026-01-05 09:00"), 1.5)).toThrow(RangeError);
  });

  it.each([
    ["2025-09-30 23:00", 1, "2025-10-01 00:00"],
    ["2026-01-05 09:00", 72, "2026-01-08 09:00"],
    ["2026-01-05 09:00", 0.5, "2026-01-05 09:30"],
    ["2026-01-05 09:00", -9, "2026-01-05 00:00"],
  ])("%s + %d hours is %s", (start, hours, expected) => {
    expect(showBangkok(addHours(bangkok(start), hours))).toBe(expected);
  });

  it("rejects a non-finite number of hours", () => {
    expect(() => addHours(bangkok("2026-01-05 09:00"), Number.NaN)).toThrow(RangeError);
  });
});

describe("BusinessCalendar: Monday–Friday and not a holiday", () => {
  it.each([
    ["2025-11-03", true, "an ordinary Monday"],
    ["2025-11-07", true, "an ordinary Friday"],
    ["2025-11-08", false, "Saturday"],
    ["2025-11-09", false, "Sunday"],
    ["2025-12-05", false, "5 December, a Friday holiday"],
    ["2026-01-02", false, "2 January 2026, a special holiday"],
    ["2026-06-01", false, "substitution day for Visakha Bucha (31 May was a Sunday)"],
    ["2026-12-07", false, "substitution day for 5 December 2026 (a Saturday)"],
    ["2026-05-01", true, "Labour Day: government offices work"],
  ])("%s is a business day: %s (%s)", (dateKey, expected) => {
    expect(governmentCalendar.isBusinessDay(dateKey)).toBe(expected);
  });

  it("knows holidays apart from weekends", () => {
    expect(governmentCalendar.isHoliday("2026-05-31")).toBe(true); // a Sunday holiday
    expect(governmentCalendar.isHoliday("2025-11-08")).toBe(false); // a plain Saturday
  });

  it("a calendar with no holidays only skips weekends", () => {
    const weekendsOnly = createBusinessCalendar([]);
    expect(weekendsOnly.isBusinessDay("2025-12-05")).toBe(true);
    expect(weekendsOnly.isBusinessDay("2025-12-06")).toBe(false);
  });

  it("rejects a malformed holiday key when built and when asked", () => {
    expect(() => createBusinessCalendar(["2026-02-30"])).toThrow(RangeError);
    expect(() => createBusinessCalendar(["5/12/2025"])).toThrow(RangeError);
    expect(() => governmentCalendar.isBusinessDay("2026-1-5")).toThrow(RangeError);
  });

  it("takes any iterable of keys, e.g. a Set", () => {
    const calendar = createBusinessCalendar(new Set(["2025-11-04"]));
    expect(calendar.isBusinessDay("2025-11-04")).toBe(false);
    expect(calendar.holidays.has("2025-11-04")).toBe(true);
  });
});

describe("addBusinessDays: same Bangkok clock time on the N-th business day after the start day", () => {
  it.each([
    // start (Bangkok)        days  deadline (Bangkok)   why
    ["2025-11-03 10:00", 0, "2025-11-03 10:00", "zero days on a business day is the start itself"],
    ["2025-11-03 10:00", 1, "2025-11-04 10:00", "Monday + 1 is Tuesday, same time"],
    ["2025-11-03 00:00", 1, "2025-11-04 00:00", "from midnight to midnight"],
    ["2025-11-03 23:59", 1, "2025-11-04 23:59", "late in the day keeps its clock time"],
    ["2025-11-06 10:00", 2, "2025-11-10 10:00", "Thursday + 2 skips the weekend"],
    ["2025-11-07 16:30", 1, "2025-11-10 16:30", "Friday + 1 is Monday"],
    ["2025-11-07 09:00", 5, "2025-11-14 09:00", "five business days is one week"],
    ["2025-09-30 16:00", 1, "2025-10-01 16:00", "crossing into a new fiscal year changes nothing"],
    ["2025-12-03 09:00", 1, "2025-12-04 09:00", "Wednesday + 1, before the holiday"],
    ["2025-12-03 09:00", 2, "2025-12-08 09:00", "skips Fri 5 Dec (holiday) and the weekend"],
    ["2025-12-03 09:00", 4, "2025-12-11 09:00", "also skips Wed 10 Dec (Constitution Day)"],
    ["2025-12-30 14:00", 1, "2026-01-05 14:00", "New Year block: 31 Dec, 1 Jan, 2 Jan (special), weekend"],
    ["2025-12-29 08:30", 3, "2026-01-06 08:30", "29 Dec + 3: 30 Dec, 5 Jan, 6 Jan"],
    ["2026-04-03 09:00", 1, "2026-04-07 09:00", "Friday before Chakri Day (Mon 6 Apr)"],
    ["2026-04-10 09:00", 1, "2026-04-16 09:00", "Songkran 13–15 Apr 2026 (Mon–Wed)"],
    ["2026-04-07 09:00", 4, "2026-04-16 09:00", "8, 9, 10 Apr, then the weekend and Songkran, then 16 Apr"],
    ["2026-05-29 11:00", 1, "2026-06-02 11:00", "skips Visakha Bucha (Sun) and its substitution Mon 1 Jun"],
    ["2026-05-29 11:00", 2, "2026-06-04 11:00", "then also the Queen's birthday (Wed 3 Jun)"],
    ["2026-12-04 10:00", 1, "2026-12-08 10:00", "substitution Mon 7 Dec for 5 Dec (Sat)"],
    ["2027-07-16 10:00", 1, "2027-07-21 10:00", "Asarnha (Sun), Khao Phansa (Mon), substitution (Tue)"],
  ])("%s + %i business days → %s (%s)", (start, days, expected) => {
    expect(showBangkok(addBusinessDays(bangkok(start), days, governmentCalendar))).toBe(expected);
  });

  it.each([
    ["2025-11-08 15:00", 0, "2025-11-10 00:00", "Saturday: the clock starts Monday 00:00"],
    ["2025-11-08 15:00", 1, "2025-11-11 00:00", "Saturday + 1: all of Monday, due Tuesday 00:00"],
    ["2025-11-09 23:59", 3, "2025-11-13 00:00", "Sunday + 3: Mon, Tue, Wed; due Thursday 00:00"],
    ["2025-12-05 10:00", 1, "2025-12-09 00:00", "on a holiday (Fri 5 Dec): counts from Mon 8 Dec"],
    ["2025-12-28 12:00", 1, "2025-12-30 00:00", "Sunday before New Year: Monday 29 Dec counts"],
    ["2026-01-01 09:00", 1, "2026-01-06 00:00", "on New Year's Day: counts from Mon 5 Jan"],
    ["2026-04-13 09:00", 2, "2026-04-20 00:00", "in Songkran: Thu 16 and Fri 17 count; due Mon 00:00"],
  ])("starting on a non-business day: %s + %i → %s (%s)", (start, days, expected) => {
    expect(showBangkok(addBusinessDays(bangkok(start), days, governmentCalendar))).toBe(expected);
  });

  it("a deadline always falls on a business day", () => {
    for (let hour = 0; hour < 24 * 60; hour += 7) {
      const start = bangkok("2025-12-01 00:00") + hour * 3_600_000;
      for (const days of [0, 1, 2, 3, 15]) {
        const deadline = addBusinessDays(start, days, governmentCalendar);
        expect(governmentCalendar.isBusinessDay(bangkokDateKey(deadline))).toBe(true);
      }
    }
  });

  it("is the inverse of businessDaysBetween: exactly N business days elapse", () => {
    for (let hour = 0; hour < 24 * 300; hour += 13) {
      const start = bangkok("2025-10-01 00:00") + hour * 3_600_000;
      for (const days of [0, 1, 3, 15]) {
        const deadline = addBusinessDays(start, days, governmentCalendar);
        expect(businessDaysBetween(start, deadline, governmentCalendar)).toBeCloseTo(days, 9);
      }
    }
  });

  it("rejects negative, fractional or non-finite day counts", () => {
    const start = bangkok("2025-11-03 10:00");
    expect(() => addBusinessDays(start, -1, governmentCalendar)).toThrow(RangeError);
    expect(() => addBusinessDays(start, 1.5, governmentCalendar)).toThrow(RangeError);
    expect(() => addBusinessDays(start, Number.NaN, governmentCalendar)).toThrow(RangeError);
    expect(() => addBusinessDays(Number.NaN, 1, governmentCalendar)).toThrow(RangeError);
  });
});

describe("businessDaysBetween: fraction of business days elapsed, only time on business days", () => {
  it.each([
    ["2025-11-03 10:00", "2025-11-03 10:00", 0, "no time elapsed"],
    ["2025-11-03 00:00", "2025-11-04 00:00", 1, "one whole Monday"],
    ["2025-11-03 09:00", "2025-11-03 21:00", 0.5, "twelve hours of a business day"],
    ["2025-11-03 12:00", "2025-11-04 06:00", 0.75, "half of Monday and a quarter of Tuesday"],
    ["2025-11-07 12:00", "2025-11-10 12:00", 1, "Friday noon to Monday noon: the weekend is free"],
    ["2025-11-08 00:00", "2025-11-10 00:00", 0, "a whole weekend"],
    ["2025-11-08 10:00", "2025-11-10 06:00", 0.25, "Saturday to Monday 06:00"],
    ["2025-11-03 00:00", "2025-11-10 00:00", 5, "a whole ordinary week"],
    ["2025-12-04 12:00", "2025-12-08 12:00", 1, "Thursday to Monday over the 5 Dec holiday"],
    ["2025-12-30 00:00", "2026-01-05 00:00", 1, "New Year block: only 30 Dec counts"],
    ["2026-04-13 00:00", "2026-04-20 00:00", 2, "Songkran week: only 16 and 17 Apr count"],
    ["2026-05-29 00:00", "2026-06-06 00:00", 4, "29 May, 2, 4, 5 Jun: not the substitution day or 3 Jun"],
    ["2025-10-01 00:00", "2025-11-01 00:00", 21, "October 2025: 23 weekdays less 13 and 23 Oct"],
  ])("%s → %s is %d business days (%s)", (start, end, expected) => {
    expect(businessDaysBetween(bangkok(start), bangkok(end), governmentCalendar)).toBeCloseTo(
      expected,
      9,
    );
  });

  it("is negative when the end is before the start", () => {
    expect(
      businessDaysBetween(bangkok("2025-11-04 06:00"), bangkok("2025-11-03 12:00"), governmentCalendar),
    ).toBeCloseTo(-0.75, 9);
  });

  it("adds up over consecutive spans", () => {
    const a = bangkok("2025-12-01 08:00");
    const b = bangkok("2025-12-12 17:45");
    const c = bangkok("2026-01-09 03:10");
    const whole = businessDaysBetween(a, c, governmentCalendar);
    const parts =
      businessDaysBetween(a, b, governmentCalendar) + businessDaysBetween(b, c, governmentCalendar);
    expect(whole).toBeCloseTo(parts, 9);
  });

  it("counts FY2569 as 365 days less weekends and weekday holidays", () => {
    const { start, end } = fiscalYearRange(2569);
    let weekdayHolidays = 0;
    for (const key of thaiPublicHolidayDateKeys) {
      const weekday = dayOfWeek(key);
      if (fiscalYearOf(startOfBangkokDay(key)) === 2569 && weekday !== 0 && weekday !== 6) {
        weekdayHolidays += 1;
      }
    }
    // 1 Oct 2025 (Wed) – 30 Sep 2026 (Wed): 52 full weeks plus one Wednesday = 261 weekdays.
    expect(businessDaysBetween(start, end, governmentCalendar)).toBeCloseTo(
      261 - weekdayHolidays,
      9,
    );
  });
});
