import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addBusinessTime,
  businessDaysBetween,
  businessMillisecondsBetween,
  createBusinessCalendar,
  type BusinessCalendar,
} from "~/calendar/thai-calendar";
import { thaiPublicHolidayDateKeys } from "~/calendar/thai-holidays";
import { businessDaysElapsed } from "~/reports/statistics";
import { pausesFromHistory } from "~/sla/deadlines";

/*
 * The business-day functions answer from a per-calendar table of cumulative business days. These
 * properties hold them to the rules as written — walk the Bangkok days one at a time — over random
 * instants, holiday lists and waits for the reporter, to the millisecond.
 */

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const bangkokOffsetMs = 7 * hourMs;

/** The Bangkok day of an instant, as a "YYYY-MM-DD" key, the way the rules name days. */
function dayKeyOf(timestamp: number): string {
  return new Date(Math.floor((timestamp + bangkokOffsetMs) / dayMs) * dayMs).toISOString().slice(0, 10);
}

function startOfDay(timestamp: number): number {
  return Math.floor((timestamp + bangkokOffsetMs) / dayMs) * dayMs - bangkokOffsetMs;
}

function isBusinessDay(dayStart: number, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(dayStart + bangkokOffsetMs).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(dayKeyOf(dayStart));
}

/** Reference: the overlap of [start, end) with every business day, summed day by day. */
function referenceBusinessMs(start: number, end: number, holidays: ReadonlySet<string>): number {
  if (end < start) return -referenceBusinessMs(end, start, holidays);
  let total = 0;
  for (let dayStart = startOfDay(start); dayStart <= end; dayStart += dayMs) {
    if (!isBusinessDay(dayStart, holidays)) continue;
    const overlap = Math.min(end, dayStart + dayMs) - Math.max(start, dayStart);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** Reference: the same clock time on the N-th business day after the start day (from 00:00 of the next one when the start is not on one). */
function referenceAddBusinessDays(start: number, days: number, holidays: ReadonlySet<string>): number {
  let dayStart = startOfDay(start);
  let timeOfDay = start - dayStart;
  while (!isBusinessDay(dayStart, holidays)) {
    dayStart += dayMs;
    timeOfDay = 0;
  }
  for (let counted = 0; counted < days; ) {
    dayStart += dayMs;
    if (isBusinessDay(dayStart, holidays)) counted += 1;
  }
  return dayStart + timeOfDay;
}

/** Reference: spend the business time day by day; running out at a day's end lands on the next business day's 00:00. */
function referenceAddBusinessTime(start: number, milliseconds: number, holidays: ReadonlySet<string>): number {
  let cursor = start;
  let remaining = milliseconds;
  for (let dayStart = startOfDay(start); ; dayStart += dayMs, cursor = dayStart) {
    if (!isBusinessDay(dayStart, holidays)) continue;
    const available = dayStart + dayMs - cursor;
    if (remaining < available) return cursor + remaining;
    remaining -= available;
  }
}

// 2023–2028: the years reports and deadlines are asked about, with the real holidays among them.
const rangeStart = Date.UTC(2023, 0, 1) - bangkokOffsetMs;
const rangeEnd = Date.UTC(2028, 11, 31) - bangkokOffsetMs;
const instant = fc.integer({ min: rangeStart, max: rangeEnd });
/** Instants that sit on a Bangkok midnight or a millisecond either side, where off-by-one errors live. */
const nearMidnight = fc
  .tuple(fc.integer({ min: 0, max: Math.floor((rangeEnd - rangeStart) / dayMs) }), fc.constantFrom(-1, 0, 1))
  .map(([days, shift]) => rangeStart + days * dayMs + shift);
const anyInstant = fc.oneof(instant, nearMidnight);

const dayKeyInRange = fc.integer({ min: 0, max: Math.floor((rangeEnd - rangeStart) / dayMs) }).map((days) => dayKeyOf(rangeStart + days * dayMs));
/** Random holiday lists, from none to dense runs of consecutive days, or the real Thai list. */
const holidayList = fc.oneof(
  fc.constant([...thaiPublicHolidayDateKeys]),
  fc.uniqueArray(dayKeyInRange, { maxLength: 60 }),
  fc
    .tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 40 }))
    .map(([from, length]) => Array.from({ length }, (_, offset) => dayKeyOf(rangeStart + (from + offset) * dayMs))),
);

const calendarOf = (holidays: readonly string[]): { calendar: BusinessCalendar; set: ReadonlySet<string> } => ({
  calendar: createBusinessCalendar(holidays),
  set: new Set(holidays),
});

describe("business-day arithmetic equals walking the days one at a time", () => {
  it("businessMillisecondsBetween and businessDaysBetween", () => {
    fc.assert(
      fc.property(holidayList, fc.array(fc.tuple(anyInstant, anyInstant), { minLength: 1, maxLength: 20 }), (holidays, spans) => {
        const { calendar, set } = calendarOf(holidays);
        for (const [start, end] of spans) {
          const expected = referenceBusinessMs(start, end, set);
          expect(businessMillisecondsBetween(start, end, calendar)).toBe(expected);
          expect(businessDaysBetween(start, end, calendar)).toBe(expected / dayMs);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("addBusinessDays", () => {
    fc.assert(
      fc.property(holidayList, fc.array(fc.tuple(anyInstant, fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 20 }), (holidays, starts) => {
        const { calendar, set } = calendarOf(holidays);
        for (const [start, days] of starts) expect(addBusinessDays(start, days, calendar)).toBe(referenceAddBusinessDays(start, days, set));
      }),
      { numRuns: 150 },
    );
  });

  it("addBusinessTime", () => {
    const amount = fc.oneof(fc.integer({ min: 0, max: 3 * dayMs }), fc.integer({ min: 0, max: 300 }).map((days) => days * dayMs), fc.integer({ min: 0, max: 400 * dayMs }));
    fc.assert(
      fc.property(holidayList, fc.array(fc.tuple(anyInstant, amount), { minLength: 1, maxLength: 20 }), (holidays, starts) => {
        const { calendar, set } = calendarOf(holidays);
        for (const [start, milliseconds] of starts) expect(addBusinessTime(start, milliseconds, calendar)).toBe(referenceAddBusinessTime(start, milliseconds, set));
      }),
      { numRuns: 150 },
    );
  });

  it("a report's duration less the waits for the reporter (businessDaysElapsed over pausesFromHistory)", () => {
    const wait = fc.tuple(anyInstant, fc.integer({ min: 1, max: 60 * dayMs }));
    fc.assert(
      fc.property(holidayList, anyInstant, anyInstant, fc.array(wait, { maxLength: 4 }), fc.option(anyInstant, { nil: null }), (holidays, first, second, waits, pausedAt) => {
        const { calendar, set } = calendarOf(holidays);
        const [start, end] = first <= second ? [first, second] : [second, first];
        const events = waits.map(([endedAt, pausedMs]) => ({ createdAt: endedAt, data: JSON.stringify({ pausedMs }) }));
        const pauses = pausesFromHistory(events, pausedAt);
        let expectedMs = referenceBusinessMs(start, end, set);
        for (const pause of pauses) {
          const pauseStart = Math.max(pause.start, start);
          const pauseEnd = Math.min(pause.end ?? end, end);
          if (pauseEnd > pauseStart) expectedMs -= referenceBusinessMs(pauseStart, pauseEnd, set);
        }
        expect(businessDaysElapsed(start, end, calendar, pauses)).toBe(Math.max(0, expectedMs) / dayMs);
      }),
      { numRuns: 150 },
    );
  });

  it("answers the same for one calendar asked about years far apart, in any order", () => {
    const { calendar, set } = calendarOf([...thaiPublicHolidayDateKeys]);
    const farInstant = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2150, 0, 1) });
    fc.assert(
      fc.property(fc.array(fc.tuple(farInstant, fc.integer({ min: 0, max: 40 * dayMs })), { minLength: 1, maxLength: 10 }), (spans) => {
        for (const [start, length] of spans) {
          expect(businessMillisecondsBetween(start, start + length, calendar)).toBe(referenceBusinessMs(start, start + length, set));
          expect(addBusinessDays(start, 3, calendar)).toBe(referenceAddBusinessDays(start, 3, set));
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe("what the table does not answer still follows the day-by-day rules", () => {
  it("fractional instants, before 1970 too", () => {
    const { calendar, set } = calendarOf([...thaiPublicHolidayDateKeys]);
    const start = Date.UTC(1969, 11, 26, 5) + 0.25;
    const end = Date.UTC(1970, 0, 2, 12) + 0.5;
    expect(businessMillisecondsBetween(start, end, calendar)).toBe(referenceBusinessMs(start, end, set));
  });

  it("a holiday list without a business day for ten years gives up as before", () => {
    const holidays: string[] = [];
    for (let day = 0; day < 3700; day += 1) holidays.push(dayKeyOf(Date.UTC(2030, 0, 1) + day * dayMs));
    const calendar = createBusinessCalendar(holidays);
    const start = Date.UTC(2029, 11, 31, 3);
    expect(() => addBusinessDays(start, 1, calendar)).toThrow(/no business day within 3660 days/);
    expect(() => addBusinessTime(start, 2 * dayMs, calendar)).toThrow(/no business day within 3660 days/);
    // Time on business days before the holidays still counts; nothing in them does.
    expect(businessMillisecondsBetween(start, Date.UTC(2031, 0, 1), calendar)).toBe(referenceBusinessMs(start, Date.UTC(2031, 0, 1), new Set(holidays)));
  });

  it("instants outside the four-digit years are refused as before", () => {
    const calendar = createBusinessCalendar([]);
    expect(() => businessMillisecondsBetween(Date.UTC(999, 0, 1), Date.UTC(2000, 0, 1), calendar)).toThrow(RangeError);
    expect(() => addBusinessDays(Date.UTC(9999, 11, 31, 12), 2, calendar)).toThrow(RangeError);
  });
});
