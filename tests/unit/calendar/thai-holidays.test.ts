import { describe, it, expect } from "vitest";
import {
  createBusinessCalendar,
  dayOfWeek,
  fiscalYearOf,
  isValidDateKey,
  startOfBangkokDay,
} from "../../../app/calendar/thai-calendar";
import {
  thaiPublicHolidayDateKeys,
  thaiPublicHolidays,
} from "../../../app/calendar/thai-holidays";

const isWeekend = (dateKey: string): boolean => {
  const weekday = dayOfWeek(dateKey);
  return weekday === 0 || weekday === 6;
};

const holidayOn = (dateKey: string) => thaiPublicHolidays.find((holiday) => holiday.date === dateKey);

describe("the Thai public holiday data (FY2569 and FY2570)", () => {
  it("every date is a valid YYYY-MM-DD day", () => {
    for (const holiday of thaiPublicHolidays) {
      expect(isValidDateKey(holiday.date), holiday.date).toBe(true);
    }
  });

  it("is sorted by date with no date listed twice", () => {
    const dates = thaiPublicHolidays.map((holiday) => holiday.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
  });

  it("lies within fiscal years 2569 and 2570 (1 Oct 2025 – 30 Sep 2027)", () => {
    for (const holiday of thaiPublicHolidays) {
      expect([2569, 2570], holiday.date).toContain(fiscalYearOf(startOfBangkokDay(holiday.date)));
    }
    expect((thaiPublicHolidays[0]?.date ?? "") >= "2025-10-01").toBe(true);
    expect((thaiPublicHolidays.at(-1)?.date ?? "") <= "2027-09-30").toBe(true);
  });

  it("has a Thai and an English name for every day", () => {
    for (const holiday of thaiPublicHolidays) {
      expect(holiday.nameTh.trim(), holiday.date).not.toBe("");
      expect(holiday.nameEn.trim(), holiday.date).not.toBe("");
      expect(holiday.nameTh).toBe(holiday.nameTh.trim());
      expect(holiday.nameEn).toBe(holiday.nameEn.trim());
    }
  });

  it("has a similar number of days in each fiscal year", () => {
    const count = (fiscalYear: number) =>
      thaiPublicHolidays.filter(
        (holiday) => fiscalYearOf(startOfBangkokDay(holiday.date)) === fiscalYear,
      ).length;
    expect(count(2569)).toBeGreaterThanOrEqual(19);
    expect(count(2570)).toBeGreaterThanOrEqual(19);
  });

  it.each([
    ["2025-10-13", "วันนวมินทรมหาราช"],
    ["2025-10-23", "วันปิยมหาราช"],
    ["2025-12-05", "วันพ่อแห่งชาติ"],
    ["2025-12-10", "วันรัฐธรรมนูญ"],
    ["2025-12-31", "วันสิ้นปี"],
    ["2026-01-01", "วันขึ้นปีใหม่"],
    ["2026-01-02", "กรณีพิเศษ"],
    ["2026-03-03", "วันมาฆบูชา"],
    ["2026-04-06", "จักรี"],
    ["2026-04-13", "วันสงกรานต์"],
    ["2026-04-14", "วันสงกรานต์"],
    ["2026-04-15", "วันสงกรานต์"],
    ["2026-05-04", "วันฉัตรมงคล"],
    ["2026-05-31", "วันวิสาขบูชา"],
    ["2026-06-01", "วันหยุดชดเชยวันวิสาขบูชา"],
    ["2026-06-03", "พระบรมราชินี"],
    ["2026-07-28", "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จ"],
    ["2026-07-29", "วันอาสาฬหบูชา"],
    ["2026-07-30", "วันเข้าพรรษา"],
    ["2026-08-12", "วันแม่แห่งชาติ"],
    ["2026-12-05", "วันพ่อแห่งชาติ"],
    ["2026-12-07", "วันหยุดชดเชย"],
    ["2027-01-01", "วันขึ้นปีใหม่"],
    ["2027-02-21", "วันมาฆบูชา"],
    ["2027-02-22", "วันหยุดชดเชยวันมาฆบูชา"],
    ["2027-04-13", "วันสงกรานต์"],
    ["2027-05-20", "วันวิสาขบูชา"],
    ["2027-07-18", "วันอาสาฬหบูชา"],
    ["2027-07-19", "วันเข้าพรรษา"],
    ["2027-07-20", "วันหยุดชดเชยวันอาสาฬหบูชา"],
    ["2027-08-12", "วันแม่แห่งชาติ"],
  ])("includes %s (%s)", (dateKey, namePart) => {
    expect(holidayOn(dateKey)?.nameTh).toContain(namePart);
  });

  it.each([
    ["2026-05-01", "Labour Day is for banks and the private sector, not government offices"],
    ["2025-10-07", "Ok Phansa (end of Buddhist Lent) is not a public holiday"],
    ["2026-06-02", "a proposed special day the Cabinet did not approve"],
    ["2026-07-31", "a proposed special day the Cabinet did not approve"],
  ])("does not include %s (%s)", (dateKey) => {
    expect(holidayOn(dateKey)).toBeUndefined();
  });

  it("gives every weekend holiday a substitution day on a following weekday", () => {
    const weekendHolidays = thaiPublicHolidays.filter(
      (holiday) => isWeekend(holiday.date) && !holiday.nameTh.startsWith("วันหยุดชดเชย"),
    );
    expect(weekendHolidays.map((holiday) => holiday.date)).toEqual([
      "2026-05-31",
      "2026-12-05",
      "2027-02-21",
      "2027-07-18",
    ]);
    for (const holiday of weekendHolidays) {
      const substitution = thaiPublicHolidays.find(
        (candidate) => candidate.nameTh === `วันหยุดชดเชย${holiday.nameTh}`,
      );
      expect(substitution, holiday.date).toBeDefined();
      expect(substitution && substitution.date > holiday.date).toBe(true);
      expect(substitution && isWeekend(substitution.date)).toBe(false);
    }
  });

  it("puts every substitution day on a weekday", () => {
    for (const holiday of thaiPublicHolidays) {
      if (holiday.nameTh.startsWith("วันหยุดชดเชย")) {
        expect(isWeekend(holiday.date), holiday.date).toBe(false);
      }
    }
  });

  it("exports the same dates as plain keys, ready for a business calendar", () => {
    expect(thaiPublicHolidayDateKeys).toEqual(thaiPublicHolidays.map((holiday) => holiday.date));
    const calendar = createBusinessCalendar(thaiPublicHolidayDateKeys);
    expect(calendar.holidays.size).toBe(thaiPublicHolidays.length);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(thaiPublicHolidays)).toBe(true);
    expect(thaiPublicHolidays.every((holiday) => Object.isFrozen(holiday))).toBe(true);
  });
});
