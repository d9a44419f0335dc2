/**
 * The Thai calendar as pure functions: Bangkok dates, Buddhist-Era years, the government fiscal
 * year and its halves, quarters and months, and business-day arithmetic over a holiday list.
 *
 * Timestamps are numbers, milliseconds since the Unix epoch (UTC). Nothing here reads the clock or
 * the host time zone: the caller passes every instant in, so results are the same on any server.
 * Reports group by the ranges returned here, so every range is [start, end) at Bangkok midnight.
 */

/** Milliseconds since the Unix epoch (UTC). */
export type Timestamp = number;

/** A Bangkok calendar day written "YYYY-MM-DD" (Gregorian, C.E.). */
export type DateKey = string;

/** A Gregorian (C.E.) calendar day; month is 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A half-open span of time: start inclusive, end exclusive. */
export interface TimeRange {
  start: Timestamp;
  end: Timestamp;
}

export type FiscalHalf = 1 | 2;
export type FiscalQuarter = 1 | 2 | 3 | 4;
export type FiscalMonth = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;
export type CalendarMonth = FiscalMonth;

/** Where an instant falls in the fiscal year. */
export interface FiscalPeriod {
  /** Named by the Buddhist-Era year in which it ends. */
  fiscalYear: number;
  /** 1 = October–March, 2 = April–September. */
  half: FiscalHalf;
  /** 1 = October–December … 4 = July–September. */
  quarter: FiscalQuarter;
  /** 1 = October … 12 = September. */
  fiscalMonth: FiscalMonth;
  /** 1 = January … 12 = December. */
  calendarMonth: CalendarMonth;
}

/** A reporting period within one fiscal year. */
export type ReportPeriod =
  | { kind: "year" }
  | { kind: "half"; half: FiscalHalf }
  | { kind: "quarter"; quarter: FiscalQuarter }
  | { kind: "month"; fiscalMonth: FiscalMonth };

/** One month of a fiscal year, with the calendar month it is. */
export interface FiscalMonthRange extends TimeRange {
  fiscalMonth: FiscalMonth;
  /** Gregorian (C.E.) year of the calendar month. */
  year: number;
  month: CalendarMonth;
}

// Thailand has kept UTC+7 with no daylight saving since 1920, so a fixed offset is exact for every
// date this system handles, and it avoids depending on the host's ICU time-zone data.
const bangkokOffsetMs = 7 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;
const hourMs = 60 * 60 * 1000;

const buddhistEraOffset = 543;

/** October: the first month of the Thai government fiscal year. */
const fiscalYearFirstMonth = 10;

// A holiday list can never make every day a non-business day, but a wrong one could; stop looking
// after ten years of them instead of looping for ever.
const maxConsecutiveNonBusinessDays = 3660;

// ---------------------------------------------------------------------------------------------
// Bangkok dates
// ---------------------------------------------------------------------------------------------

function assertTimestamp(timestamp: Timestamp, name = "timestamp"): void {
  if (!Number.isFinite(timestamp)) {
    throw new RangeError(`${name} must be a finite number of milliseconds, got ${timestamp}`);
  }
}

function assertInteger(value: number, name: string): void {
  if (!Number.isInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${value}`);
  }
}

/** The Bangkok calendar day that contains the instant. */
export function toBangkokDate(timestamp: Timestamp): CalendarDate {
  assertTimestamp(timestamp);
  // Shifting by +7 h turns Bangkok wall-clock time into UTC fields we can read directly.
  const shifted = new Date(timestamp + bangkokOffsetMs);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** The Bangkok calendar day that contains the instant, as "YYYY-MM-DD". */
export function bangkokDateKey(timestamp: Timestamp): DateKey {
  return formatDateKey(toBangkokDate(timestamp));
}

/** True for a real Gregorian day in the four-digit years (so Date.UTC never reads 0–99 as 19xx). */
function isValidCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function assertCalendarDate(date: CalendarDate): void {
  if (!isValidCalendarDate(date)) {
    throw new RangeError(`not a valid calendar date: ${JSON.stringify(date)}`);
  }
}

/** "YYYY-MM-DD" for a calendar day. */
export function formatDateKey(date: CalendarDate): DateKey {
  assertCalendarDate(date);
  const month = String(date.month).padStart(2, "0");
  const day = String(date.day).padStart(2, "0");
  return `${date.year}-${month}-${day}`;
}

const dateKeyPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the text is exactly "YYYY-MM-DD" and names a real day. */
export function isValidDateKey(text: string): boolean {
  const match = dateKeyPattern.exec(text);
  if (!match) return false;
  return isValidCalendarDate({
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
  });
}

/** The calendar day a "YYYY-MM-DD" key names; throws on anything else (e.g. "2026-02-29"). */
export function parseDateKey(dateKey: DateKey): CalendarDate {
  const match = dateKeyPattern.exec(dateKey);
  const date = match
    ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
    : undefined;
  if (!date || !isValidCalendarDate(date)) {
    throw new RangeError(`not a valid date key (YYYY-MM-DD): ${JSON.stringify(dateKey)}`);
  }
  return date;
}

function toCalendarDate(date: DateKey | CalendarDate): CalendarDate {
  if (typeof date === "string") return parseDateKey(date);
  assertCalendarDate(date);
  return date;
}

/** The instant of 00:00 Bangkok time on the given day. */
export function startOfBangkokDay(date: DateKey | CalendarDate): Timestamp {
  const { year, month, day } = toCalendarDate(date);
  return Date.UTC(year, month - 1, day) - bangkokOffsetMs;
}

/** Day of the week of a calendar day: 0 = Sunday … 6 = Saturday (as Date#getDay). */
export function dayOfWeek(date: DateKey | CalendarDate): number {
  const { year, month, day } = toCalendarDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The date key `days` calendar days after (or before, if negative) the given one. */
export function addDaysToDateKey(dateKey: DateKey, days: number): DateKey {
  assertInteger(days, "days");
  const { year, month, day } = parseDateKey(dateKey);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatDateKey({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
}

// ---------------------------------------------------------------------------------------------
// Buddhist Era
// ---------------------------------------------------------------------------------------------

/** B.E. year of a C.E. year (B.E. = C.E. + 543); Thai documents and fiscal years use B.E. */
export function toBuddhistEra(commonEraYear: number): number {
  assertInteger(commonEraYear, "commonEraYear");
  return commonEraYear + buddhistEraOffset;
}

/** C.E. year of a B.E. year. */
export function fromBuddhistEra(buddhistEraYear: number): number {
  assertInteger(buddhistEraYear, "buddhistEraYear");
  return buddhistEraYear - buddhistEraOffset;
}

// ---------------------------------------------------------------------------------------------
// Fiscal year (1 October – 30 September, named by the B.E. year in which it ends)
// ---------------------------------------------------------------------------------------------

/** The fiscal year of the instant in Bangkok: 1 Oct 2025 – 30 Sep 2026 is FY 2569. */
export function fiscalYearOf(timestamp: Timestamp): number {
  const { year, month } = toBangkokDate(timestamp);
  const endingCommonEraYear = month >= fiscalYearFirstMonth ? year + 1 : year;
  return toBuddhistEra(endingCommonEraYear);
}

/** Calendar month of a fiscal month: 1 → October, 3 → December, 4 → January, 12 → September. */
function calendarMonthOfFiscalMonth(fiscalMonth: number): CalendarMonth {
  return (((fiscalMonth - 1 + fiscalYearFirstMonth - 1) % 12) + 1) as CalendarMonth;
}

/** Where the instant falls in its fiscal year, in Bangkok time. */
export function fiscalPeriodOf(timestamp: Timestamp): FiscalPeriod {
  const { month } = toBangkokDate(timestamp);
  const fiscalMonth = (((month - fiscalYearFirstMonth + 12) % 12) + 1) as FiscalMonth;
  return {
    fiscalYear: fiscalYearOf(timestamp),
    half: fiscalMonth <= 6 ? 1 : 2,
    quarter: Math.ceil(fiscalMonth / 3) as FiscalQuarter,
    fiscalMonth,
    calendarMonth: month as CalendarMonth,
  };
}

function assertFiscalYear(fiscalYear: number): void {
  assertInteger(fiscalYear, "fiscalYear");
  // Keeps both ends of the year inside the four-digit C.E. years that date keys can express.
  const endingCommonEraYear = fiscalYear - buddhistEraOffset;
  if (endingCommonEraYear < 1001 || endingCommonEraYear > 9999) {
    throw new RangeError(`fiscalYear out of range: ${fiscalYear}`);
  }
}

/**
 * 00:00 Bangkok on the first day of a fiscal month. Fiscal month 13 is allowed and means the first
 * month of the next fiscal year, so every period's end is simply "start of the month after it".
 */
function startOfFiscalMonth(fiscalYear: number, fiscalMonth: number): Timestamp {
  const firstCommonEraYear = fromBuddhistEra(fiscalYear) - 1;
  const monthsFromJanuary = fiscalYearFirstMonth - 1 + (fiscalMonth - 1);
  return startOfBangkokDay({
    year: firstCommonEraYear + Math.floor(monthsFromJanuary / 12),
    month: (monthsFromJanuary % 12) + 1,
    day: 1,
  });
}

function fiscalMonthSpan(fiscalYear: number, firstFiscalMonth: number, months: number): TimeRange {
  return {
    start: startOfFiscalMonth(fiscalYear, firstFiscalMonth),
    end: startOfFiscalMonth(fiscalYear, firstFiscalMonth + months),
  };
}

/** The whole fiscal year: [1 Oct of the previous C.E. year, 1 Oct) at Bangkok midnight. */
export function fiscalYearRange(fiscalYear: number): TimeRange {
  assertFiscalYear(fiscalYear);
  return fiscalMonthSpan(fiscalYear, 1, 12);
}

function assertOneOf(value: number, allowed: readonly number[], name: string): void {
  if (!allowed.includes(value)) {
    throw new RangeError(`${name} must be one of ${allowed.join(", ")}, got ${value}`);
  }
}

/** The time range of a year, half, quarter or month of a fiscal year, at Bangkok midnight. */
export function periodRange(fiscalYear: number, period: ReportPeriod): TimeRange {
  assertFiscalYear(fiscalYear);
  switch (period.kind) {
    case "year":
      return fiscalMonthSpan(fiscalYear, 1, 12);
    case "half":
      assertOneOf(period.half, [1, 2], "half");
      return fiscalMonthSpan(fiscalYear, (period.half - 1) * 6 + 1, 6);
    case "quarter":
      assertOneOf(period.quarter, [1, 2, 3, 4], "quarter");
      return fiscalMonthSpan(fiscalYear, (period.quarter - 1) * 3 + 1, 3);
    case "month":
      assertOneOf(period.fiscalMonth, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "fiscalMonth");
      return fiscalMonthSpan(fiscalYear, period.fiscalMonth, 1);
    default: {
      // Unreachable for typed callers; guards values that came from outside (query strings).
      const unknown: never = period;
      throw new RangeError(`unknown period: ${JSON.stringify(unknown)}`);
    }
  }
}

/** The 12 months of a fiscal year in order (October first); they tile the year exactly. */
export function monthsOfFiscalYear(fiscalYear: number): FiscalMonthRange[] {
  assertFiscalYear(fiscalYear);
  const months: FiscalMonthRange[] = [];
  for (let fiscalMonth = 1; fiscalMonth <= 12; fiscalMonth += 1) {
    const start = startOfFiscalMonth(fiscalYear, fiscalMonth);
    months.push({
      fiscalMonth: fiscalMonth as FiscalMonth,
      year: toBangkokDate(start).year,
      month: calendarMonthOfFiscalMonth(fiscalMonth),
      start,
      end: startOfFiscalMonth(fiscalYear, fiscalMonth + 1),
    });
  }
  return months;
}

// ---------------------------------------------------------------------------------------------
// Calendar-day and hour arithmetic
// ---------------------------------------------------------------------------------------------

/** The same Bangkok clock time `days` calendar days later (exact, as Bangkok has no DST). */
export function addCalendarDays(timestamp: Timestamp, days: number): Timestamp {
  assertTimestamp(timestamp);
  assertInteger(days, "days");
  return timestamp + days * dayMs;
}

/** The instant `hours` hours later (fractions allowed). */
export function addHours(timestamp: Timestamp, hours: number): Timestamp {
  assertTimestamp(timestamp);
  assertTimestamp(hours, "hours");
  return timestamp + hours * hourMs;
}

// ---------------------------------------------------------------------------------------------
// Business days (Monday–Friday, not a public holiday)
// ---------------------------------------------------------------------------------------------

/** Which days government offices work, given a list of public holidays. */
export interface BusinessCalendar {
  /** The holiday date keys this calendar was built from. */
  readonly holidays: ReadonlySet<DateKey>;
  /** True when the day is in the holiday list (whatever day of the week it is). */
  isHoliday(dateKey: DateKey): boolean;
  /** True on Monday–Friday when the day is not a holiday. */
  isBusinessDay(dateKey: DateKey): boolean;
}

/** A business calendar over the given holiday date keys ("YYYY-MM-DD"); throws on a bad key. */
export function createBusinessCalendar(holidayDateKeys: Iterable<DateKey>): BusinessCalendar {
  const holidays = new Set<DateKey>();
  for (const key of holidayDateKeys) {
    parseDateKey(key);
    holidays.add(key);
  }
  return {
    holidays,
    isHoliday(dateKey) {
      parseDateKey(dateKey);
      return holidays.has(dateKey);
    },
    isBusinessDay(dateKey) {
      const weekday = dayOfWeek(dateKey);
      return weekday !== 0 && weekday !== 6 && !holidays.has(dateKey);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Business-day index: the day-by-day rules below, answered with a few array reads
// ---------------------------------------------------------------------------------------------

/*
 * A report measures three durations for each of hundreds of thousands of cases; walking every
 * case's days through date keys took minutes (docs/BENCHMARKS.md). So each calendar gets, lazily,
 * a table over the days it is asked about: whether each day is a business day, how many business
 * days precede it, and which day is the N-th business day. Days are numbered from 1970-01-01 in
 * Bangkok time, so the hot path is integer arithmetic.
 *
 * The table answers only what it answers exactly like the day-by-day walk: integer instants in the
 * four-digit years, spans within the table's size, and no run of non-business days as long as the
 * walk's give-up limit (where the walk throws). Anything else takes the walk, unchanged.
 */

/** Days of the table are added in aligned blocks, so a report's year and its margins need one build. */
const indexBlockDays = 1024;
/** About 180 years: beyond that a question is not a report's, and the walk answers it. */
const maxIndexedDays = 64 * indexBlockDays;
const firstIndexableDay = Date.UTC(1000, 0, 1) / dayMs;
const lastIndexableDay = Date.UTC(9999, 11, 31) / dayMs;

interface BusinessDayIndex {
  /** Day number of the table's first day. */
  firstDay: number;
  /** Day number of its last day. */
  lastDay: number;
  /** 1 for a business day, by day number − firstDay. */
  isBusiness: Uint8Array;
  /** Business days in [firstDay, firstDay + i), for i = 0 … number of days. */
  businessBefore: Int32Array;
  /** The day numbers of the table's business days, in order. */
  businessDays: Int32Array;
  /** Some run of non-business days in the table is as long as the walk's give-up limit. */
  hasLongRun: boolean;
}

// Keyed by the calendar object, so any BusinessCalendar (not only createBusinessCalendar's) gets
// one, built from its own isBusinessDay; a calendar is immutable, so its table never goes stale.
const businessDayIndexes = new WeakMap<BusinessCalendar, BusinessDayIndex>();

/** The Bangkok day number of an instant, when the table may answer for it. */
function indexableDayNumber(timestamp: Timestamp): number | undefined {
  // Fractional instants take the walk: Date truncates them, which rounds the other way before 1970.
  if (!Number.isInteger(timestamp)) return undefined;
  const day = Math.floor((timestamp + bangkokOffsetMs) / dayMs);
  return day >= firstIndexableDay && day <= lastIndexableDay ? day : undefined;
}

function startOfDayNumber(day: number): Timestamp {
  return day * dayMs - bangkokOffsetMs;
}

function dateKeyOfDayNumber(day: number): DateKey {
  const date = new Date(day * dayMs);
  return formatDateKey({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

function buildBusinessDayIndex(calendar: BusinessCalendar, firstDay: number, lastDay: number): BusinessDayIndex {
  const length = lastDay - firstDay + 1;
  const isBusiness = new Uint8Array(length);
  const businessBefore = new Int32Array(length + 1);
  const businessDays: number[] = [];
  let nonBusinessRun = 0;
  let hasLongRun = false;
  for (let offset = 0; offset < length; offset += 1) {
    const business = calendar.isBusinessDay(dateKeyOfDayNumber(firstDay + offset));
    isBusiness[offset] = business ? 1 : 0;
    businessBefore[offset + 1] = businessBefore[offset]! + (business ? 1 : 0);
    if (business) {
      businessDays.push(firstDay + offset);
      nonBusinessRun = 0;
    } else if (++nonBusinessRun >= maxConsecutiveNonBusinessDays) {
      hasLongRun = true;
    }
  }
  return { firstDay, lastDay, isBusiness, businessBefore, businessDays: Int32Array.from(businessDays), hasLongRun };
}

/** The calendar's table, grown if needed to cover [fromDay, throughDay]; undefined when that would be too large. */
function businessDayIndexCovering(calendar: BusinessCalendar, fromDay: number, throughDay: number): BusinessDayIndex | undefined {
  const current = businessDayIndexes.get(calendar);
  if (current && fromDay >= current.firstDay && throughDay <= current.lastDay) return current;
  if (fromDay < firstIndexableDay || throughDay > lastIndexableDay) return undefined;
  const alignedFrom = Math.max(firstIndexableDay, Math.floor(fromDay / indexBlockDays) * indexBlockDays);
  const alignedThrough = Math.min(lastIndexableDay, (Math.floor(throughDay / indexBlockDays) + 1) * indexBlockDays - 1);
  let firstDay = alignedFrom;
  let lastDay = alignedThrough;
  // Keep what is already covered when the union stays small, so alternating questions do not rebuild.
  if (current && Math.max(lastDay, current.lastDay) - Math.min(firstDay, current.firstDay) + 1 <= maxIndexedDays) {
    firstDay = Math.min(firstDay, current.firstDay);
    lastDay = Math.max(lastDay, current.lastDay);
  }
  if (lastDay - firstDay + 1 > maxIndexedDays) return undefined;
  const index = buildBusinessDayIndex(calendar, firstDay, lastDay);
  businessDayIndexes.set(calendar, index);
  return index;
}

/** The `count`-th business day strictly after `day` (count ≥ 1), or undefined when the walk must answer. */
function nthBusinessDayAfter(calendar: BusinessCalendar, day: number, count: number): number | undefined {
  // Five business days a week, less holidays: twice the count plus a margin is usually enough at once.
  let throughDay = day + 2 * count + 16;
  for (;;) {
    const index = businessDayIndexCovering(calendar, day, throughDay);
    if (index === undefined || index.hasLongRun) return undefined;
    const ordinal = index.businessBefore[day + 1 - index.firstDay]! + count - 1;
    if (ordinal < index.businessDays.length) return index.businessDays[ordinal]!;
    throughDay = index.lastDay + (index.lastDay - day) + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Business-day arithmetic
// ---------------------------------------------------------------------------------------------

/** The first business day strictly after the given day. */
function nextBusinessDay(dateKey: DateKey, calendar: BusinessCalendar): DateKey {
  let candidate = dateKey;
  for (let step = 0; step < maxConsecutiveNonBusinessDays; step += 1) {
    candidate = addDaysToDateKey(candidate, 1);
    if (calendar.isBusinessDay(candidate)) return candidate;
  }
  throw new RangeError(`no business day within ${maxConsecutiveNonBusinessDays} days of ${dateKey}`);
}

/**
 * The deadline `days` business days after `timestamp`.
 *
 * Rule (Bangkok time):
 * - Start on a business day: the deadline is the same clock time on the `days`-th business day
 *   after the start day. Monday 10:00 + 1 → Tuesday 10:00; Friday 10:00 + 1 → Monday 10:00.
 * - Start on a weekend or holiday: the clock starts at 00:00 of the next business day, and that
 *   instant is counted from in the same way. Saturday 15:00 + 1 → Tuesday 00:00 (all of Monday).
 * - `days` = 0 returns the start, or the next business day's 00:00 when the start is not on one.
 *
 * So a deadline always falls on a business day, and businessDaysBetween(start, deadline) = days.
 */
export function addBusinessDays(
  timestamp: Timestamp,
  days: number,
  calendar: BusinessCalendar,
): Timestamp {
  assertTimestamp(timestamp);
  assertInteger(days, "days");
  if (days < 0) throw new RangeError(`days must not be negative, got ${days}`);

  const day = indexableDayNumber(timestamp);
  const index = day === undefined ? undefined : businessDayIndexCovering(calendar, day, day);
  if (day !== undefined && index !== undefined) {
    const startsOnBusinessDay = index.isBusiness[day - index.firstDay] === 1;
    const clockDay = startsOnBusinessDay ? day : nthBusinessDayAfter(calendar, day, 1);
    const deadlineDay = clockDay === undefined || days === 0 ? clockDay : nthBusinessDayAfter(calendar, clockDay, days);
    if (deadlineDay !== undefined) {
      const timeOfDay = startsOnBusinessDay ? timestamp - startOfDayNumber(day) : 0;
      return startOfDayNumber(deadlineDay) + timeOfDay;
    }
  }
  return addBusinessDaysByWalking(timestamp, days, calendar);
}

/** addBusinessDays one day at a time: the rule as written, for what the index does not answer. */
function addBusinessDaysByWalking(timestamp: Timestamp, days: number, calendar: BusinessCalendar): Timestamp {
  let dayKey = bangkokDateKey(timestamp);
  let clockStart = timestamp;
  if (!calendar.isBusinessDay(dayKey)) {
    dayKey = nextBusinessDay(dayKey, calendar);
    clockStart = startOfBangkokDay(dayKey);
  }
  const timeOfDay = clockStart - startOfBangkokDay(dayKey);

  for (let counted = 0; counted < days; counted += 1) {
    dayKey = nextBusinessDay(dayKey, calendar);
  }
  return startOfBangkokDay(dayKey) + timeOfDay;
}

/**
 * Business days elapsed from `start` to `end`, as a fraction: only time that falls on business
 * days (whole Bangkok days, 24 h each) counts. Monday 12:00 → Tuesday 06:00 is 0.75; Friday
 * 12:00 → Monday 12:00 is 1. Negative when `end` is before `start`.
 */
export function businessDaysBetween(
  start: Timestamp,
  end: Timestamp,
  calendar: BusinessCalendar,
): number {
  return businessMillisecondsBetween(start, end, calendar) / dayMs;
}

/**
 * Milliseconds of business time from `start` to `end` (exact integers, unlike the fraction of
 * days): what a pause takes off a business-day clock. Negative when `end` is before `start`.
 */
export function businessMillisecondsBetween(
  start: Timestamp,
  end: Timestamp,
  calendar: BusinessCalendar,
): number {
  assertTimestamp(start, "start");
  assertTimestamp(end, "end");
  if (end < start) return -businessMillisecondsBetween(end, start, calendar);

  const firstDay = indexableDayNumber(start);
  const lastDay = indexableDayNumber(end);
  const index = firstDay === undefined || lastDay === undefined ? undefined : businessDayIndexCovering(calendar, firstDay, lastDay);
  if (firstDay === undefined || lastDay === undefined || index === undefined) return businessMillisecondsByWalking(start, end, calendar);

  const { isBusiness, businessBefore } = index;
  if (firstDay === lastDay) return isBusiness[firstDay - index.firstDay] === 1 ? end - start : 0;
  // Whole business days strictly between the two days, then the two partial days at the ends.
  let businessMs = (businessBefore[lastDay - index.firstDay]! - businessBefore[firstDay + 1 - index.firstDay]!) * dayMs;
  if (isBusiness[firstDay - index.firstDay] === 1) businessMs += startOfDayNumber(firstDay + 1) - start;
  if (isBusiness[lastDay - index.firstDay] === 1) businessMs += end - startOfDayNumber(lastDay);
  return businessMs;
}

/** businessMillisecondsBetween one day at a time, for `start` ≤ `end` the index does not answer. */
function businessMillisecondsByWalking(start: Timestamp, end: Timestamp, calendar: BusinessCalendar): number {
  let businessMs = 0;
  const lastDayKey = bangkokDateKey(end);
  let dayKey = bangkokDateKey(start);
  for (;;) {
    if (calendar.isBusinessDay(dayKey)) {
      const dayStart = startOfBangkokDay(dayKey);
      const overlap = Math.min(end, dayStart + dayMs) - Math.max(start, dayStart);
      if (overlap > 0) businessMs += overlap;
    }
    if (dayKey === lastDayKey) break;
    dayKey = addDaysToDateKey(dayKey, 1);
  }
  return businessMs;
}

/**
 * The instant at which `milliseconds` of business time have elapsed after `timestamp`: time on
 * weekends and holidays does not count. When the time runs out exactly at the end of a business
 * day, the result is 00:00 of the next business day rather than midnight into a weekend, so that,
 * as with addBusinessDays (which this equals for whole days), a deadline is always shown on a
 * business day. Zero from a non-business day is 00:00 of the next business day.
 */
export function addBusinessTime(
  timestamp: Timestamp,
  milliseconds: number,
  calendar: BusinessCalendar,
): Timestamp {
  assertTimestamp(timestamp);
  assertTimestamp(milliseconds, "milliseconds");
  if (milliseconds < 0) throw new RangeError(`milliseconds must not be negative, got ${milliseconds}`);

  const day = indexableDayNumber(timestamp);
  const index = day === undefined || !Number.isInteger(milliseconds) ? undefined : businessDayIndexCovering(calendar, day, day);
  if (day !== undefined && index !== undefined) {
    let remaining = milliseconds;
    if (index.isBusiness[day - index.firstDay] === 1) {
      const available = startOfDayNumber(day + 1) - timestamp;
      if (remaining < available) return timestamp + remaining;
      remaining -= available;
    }
    // Every later business day offers a whole day: the time runs out on the (whole days + 1)-th.
    const wholeDays = Math.floor(remaining / dayMs);
    const lastDay = nthBusinessDayAfter(calendar, day, wholeDays + 1);
    if (lastDay !== undefined) return startOfDayNumber(lastDay) + (remaining - wholeDays * dayMs);
  }
  return addBusinessTimeByWalking(timestamp, milliseconds, calendar);
}

/** addBusinessTime one day at a time, for what the index does not answer. */
function addBusinessTimeByWalking(timestamp: Timestamp, milliseconds: number, calendar: BusinessCalendar): Timestamp {
  let dayKey = bangkokDateKey(timestamp);
  let cursor = timestamp;
  let remaining = milliseconds;
  let nonBusinessDaysInARow = 0;
  for (;;) {
    if (calendar.isBusinessDay(dayKey)) {
      nonBusinessDaysInARow = 0;
      const available = startOfBangkokDay(dayKey) + dayMs - cursor;
      if (remaining < available) return cursor + remaining;
      remaining -= available;
    } else if (++nonBusinessDaysInARow > maxConsecutiveNonBusinessDays) {
      throw new RangeError(`no business day within ${maxConsecutiveNonBusinessDays} days of ${dayKey}`);
    }
    dayKey = addDaysToDateKey(dayKey, 1);
    cursor = startOfBangkokDay(dayKey);
  }
}
