import { describe, expect, it } from "vitest";
import { addBusinessDays, addBusinessTime, businessMillisecondsBetween, createBusinessCalendar } from "../../../app/calendar/thai-calendar";
import { thaiPublicHolidayDateKeys } from "../../../app/calendar/thai-holidays";

/** An instant written as Bangkok wall-clock time, e.g. "2026-11-30 10:00". */
const bangkok = (wallClock: string): number => Date.parse(`${wallClock.replace(" ", "T")}:00+07:00`);

/** Bangkok wall-clock text of an instant, so failures read like the table. */
const showBangkok = (timestamp: number): string => new Date(timestamp + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const governmentCalendar = createBusinessCalendar(thaiPublicHolidayDateKeys);

// November–December 2026: Sat 5 Dec is a holiday with its substitution on Mon 7 Dec; Thu 10 Dec is Constitution Day.
describe("addBusinessTime: business time runs only on business days", () => {
  it.each([
    // start (Bangkok)        business hours   result (Bangkok)     why
    ["2026-11-30 10:00", 0, "2026-11-30 10:00", "nothing to add on a business day is the start itself"],
    ["2026-11-30 10:00", 12, "2026-11-30 22:00", "within the same Monday"],
    ["2026-11-30 10:00", 14, "2026-12-01 00:00", "exactly to the end of Monday: Tuesday 00:00"],
    ["2026-11-27 20:00", 6, "2026-11-30 02:00", "Friday evening: four hours, then two on Monday"],
    ["2026-11-27 20:00", 4, "2026-11-30 00:00", "running out at the end of Friday is shown as Monday 00:00, not Saturday"],
    ["2026-11-28 15:00", 0, "2026-11-30 00:00", "from a Saturday the time starts on Monday"],
    ["2026-12-04 12:00", 30, "2026-12-08 18:00", "over the weekend, the 5 Dec holiday and its substitution Monday"],
    ["2026-12-09 18:00", 12, "2026-12-11 06:00", "over Constitution Day"],
  ])("%s + %d business hours → %s (%s)", (start, hours, expected) => {
    expect(showBangkok(addBusinessTime(bangkok(start), hours * hourMs, governmentCalendar))).toBe(expected);
  });

  it("equals addBusinessDays for whole days, from any hour of any day", () => {
    for (let hour = 0; hour < 24 * 120; hour += 5) {
      const start = bangkok("2026-09-20 00:00") + hour * hourMs;
      for (const days of [0, 1, 2, 5, 15]) {
        expect(addBusinessTime(start, days * dayMs, governmentCalendar)).toBe(addBusinessDays(start, days, governmentCalendar));
      }
    }
  });

  it("is the inverse of businessMillisecondsBetween, to the millisecond", () => {
    for (let hour = 0; hour < 24 * 120; hour += 7) {
      const start = bangkok("2026-11-20 00:00") + hour * hourMs + 123;
      for (const business of [1, hourMs, 17 * hourMs + 59_999, 3 * dayMs + 5 * hourMs]) {
        expect(businessMillisecondsBetween(start, addBusinessTime(start, business, governmentCalendar), governmentCalendar)).toBe(business);
      }
    }
  });

  it("refuses a negative or non-finite amount", () => {
    expect(() => addBusinessTime(bangkok("2026-11-30 10:00"), -1, governmentCalendar)).toThrow(RangeError);
    expect(() => addBusinessTime(bangkok("2026-11-30 10:00"), Number.POSITIVE_INFINITY, governmentCalendar)).toThrow(RangeError);
  });
});

describe("businessMillisecondsBetween: exact business time between two instants", () => {
  it.each([
    ["2026-11-27 20:00", "2026-11-30 02:00", 6 * hourMs, "Friday evening to Monday night-time"],
    ["2026-11-28 00:00", "2026-11-30 00:00", 0, "a whole weekend"],
    ["2026-12-04 12:00", "2026-12-11 08:00", 68 * hourMs, "Friday afternoon, Tuesday, Wednesday, Friday morning"],
    ["2026-11-30 10:00", "2026-11-30 09:00", -hourMs, "negative backwards"],
  ])("%s → %s", (start, end, expected) => {
    expect(businessMillisecondsBetween(bangkok(start), bangkok(end), governmentCalendar)).toBe(expected);
  });
});
