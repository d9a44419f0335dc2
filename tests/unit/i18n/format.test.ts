import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMonthYear, formatNumber, formatTime } from "~/i18n/format";

const at = (isoTimestamp: string) => Date.parse(isoTimestamp);

describe("formatDate", () => {
  it.each([
    ["Thai, long", "th", "long", "25 พฤศจิกายน 2569"],
    ["Thai, short", "th", "short", "25 พ.ย. 2569"],
    ["English, long", "en", "long", "25 November 2569 BE"],
    ["English, short", "en", "short", "25 Nov 2569 BE"],
  ] as const)("%s", (_case, locale, style, expected) => {
    expect(formatDate(at("2026-11-25T03:00:00Z"), locale, style)).toBe(expected);
  });

  it("is long unless asked otherwise", () => {
    expect(formatDate(at("2026-11-25T03:00:00Z"), "th")).toBe("25 พฤศจิกายน 2569");
  });

  it.each([
    // Bangkok is UTC+7 all year: its day starts at 17:00 UTC the day before.
    ["the last second of 30 September in Bangkok", "2026-09-30T16:59:59Z", "30 กันยายน 2569"],
    ["the first second of 1 October in Bangkok", "2026-09-30T17:00:00Z", "1 ตุลาคม 2569"],
    ["1 October in Bangkok, still 30 September in UTC", "2026-09-30T17:30:00Z", "1 ตุลาคม 2569"],
    ["31 December in Bangkok", "2025-12-31T16:59:59Z", "31 ธันวาคม 2568"],
    ["the new B.E. year in Bangkok before it starts in UTC", "2025-12-31T17:00:00Z", "1 มกราคม 2569"],
    ["a leap day", "2028-02-29T05:00:00Z", "29 กุมภาพันธ์ 2571"],
  ])("shows %s", (_case, isoTimestamp, expected) => {
    expect(formatDate(at(isoTimestamp), "th")).toBe(expected);
  });

  it("counts years in the Buddhist Era: the Common Era year plus 543", () => {
    for (const year of [2000, 2024, 2025, 2026, 2030]) {
      expect(formatDate(Date.UTC(year, 5, 15, 5), "th")).toBe(`15 มิถุนายน ${year + 543}`);
      expect(formatDate(Date.UTC(year, 5, 15, 5), "en")).toBe(`15 June ${year + 543} BE`);
    }
  });

  it.each([
    [0, "มกราคม", "ม.ค."],
    [1, "กุมภาพันธ์", "ก.พ."],
    [2, "มีนาคม", "มี.ค."],
    [3, "เมษายน", "เม.ย."],
    [4, "พฤษภาคม", "พ.ค."],
    [5, "มิถุนายน", "มิ.ย."],
    [6, "กรกฎาคม", "ก.ค."],
    [7, "สิงหาคม", "ส.ค."],
    [8, "กันยายน", "ก.ย."],
    [9, "ตุลาคม", "ต.ค."],
    [10, "พฤศจิกายน", "พ.ย."],
    [11, "ธันวาคม", "ธ.ค."],
  ])("names month %i in Thai as %s (%s)", (monthIndex, longName, shortName) => {
    const middleOfMonth = Date.UTC(2026, monthIndex, 15, 5);
    expect(formatDate(middleOfMonth, "th", "long")).toBe(`15 ${longName} 2569`);
    expect(formatDate(middleOfMonth, "th", "short")).toBe(`15 ${shortName} 2569`);
  });

  it("refuses a value that is not a timestamp", () => {
    expect(() => formatDate(Number.NaN, "th")).toThrow(RangeError);
    expect(() => formatDate(Number.POSITIVE_INFINITY, "en")).toThrow(RangeError);
  });
});

describe("formatTime", () => {
  it.each([
    ["midnight in Bangkok", "2026-01-01T17:00:00Z", "00:00"],
    ["morning", "2026-01-02T02:05:00Z", "09:05"],
    ["afternoon, on the 24-hour clock", "2026-01-02T07:30:00Z", "14:30"],
    ["the last minute of the day", "2026-01-02T16:59:00Z", "23:59"],
  ])("%s", (_case, isoTimestamp, expected) => {
    expect(formatTime(at(isoTimestamp), "th")).toBe(expected);
    expect(formatTime(at(isoTimestamp), "en")).toBe(expected);
  });
});

describe("formatDateTime", () => {
  it.each([
    ["Thai, long", "th", "long", "1 ตุลาคม 2569 เวลา 00:30 น."],
    ["Thai, short", "th", "short", "1 ต.ค. 2569 เวลา 00:30 น."],
    ["English, long", "en", "long", "1 October 2569 BE, 00:30"],
    ["English, short", "en", "short", "1 Oct 2569 BE, 00:30"],
  ] as const)("%s, in Bangkok time", (_case, locale, style, expected) => {
    expect(formatDateTime(at("2026-09-30T17:30:00Z"), locale, style)).toBe(expected);
  });
});

describe("formatMonthYear", () => {
  it("names the month and the B.E. year", () => {
    expect(formatMonthYear(at("2025-10-01T00:00:00Z"), "th")).toBe("ตุลาคม 2568");
    expect(formatMonthYear(at("2025-10-01T00:00:00Z"), "en")).toBe("October 2568 BE");
  });
});

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [7, "7"],
    [1234, "1,234"],
    [1234567, "1,234,567"],
    [-2500, "-2,500"],
    [12.5, "12.5"],
    [2 / 3, "0.67"],
  ])("writes %d as %s in both languages", (value, expected) => {
    expect(formatNumber(value, "th")).toBe(expected);
    expect(formatNumber(value, "en")).toBe(expected);
  });
});
