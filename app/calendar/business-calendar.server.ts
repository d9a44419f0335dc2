import type { Queryable } from "../db.server";
import { createBusinessCalendar, type BusinessCalendar } from "./thai-calendar";

/*
 * The holiday table is read on every call, so an admin's change on any node counts at once. The
 * calendar built from it is reused while the holidays are the same: a calendar keeps its
 * business-day table (thai-calendar.ts) for as long as it lives, and building that table afresh
 * for every filing cost about a millisecond of the intake's main thread (docs/BENCHMARKS.md).
 */
let latest: { holidays: string; calendar: BusinessCalendar } | undefined;

/** The agency's calendar as it stands in the holiday table (admins edit it). */
export async function loadBusinessCalendar(db: Queryable): Promise<BusinessCalendar> {
  const rows = await db.selectFrom("holidays").select("date").execute();
  return businessCalendarOf(rows.map((holiday) => holiday.date));
}

/**
 * The calendar of these holidays ('YYYY-MM-DD', in any order), for a caller that read the holiday
 * table within a statement of its own (intake reads it with the category it files under).
 */
export function businessCalendarOf(holidayDates: readonly string[]): BusinessCalendar {
  const dates = [...holidayDates].sort();
  const holidays = dates.join(",");
  if (latest?.holidays !== holidays) latest = { holidays, calendar: createBusinessCalendar(dates) };
  return latest.calendar;
}
