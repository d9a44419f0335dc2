import type { Queryable } from "../db.server";
import { createBusinessCalendar, type BusinessCalendar } from "./thai-calendar";

/** The agency's calendar as it stands in the holiday table (admins edit it). */
export async function loadBusinessCalendar(db: Queryable): Promise<BusinessCalendar> {
  const holidays = await db.selectFrom("holidays").select("date").execute();
  return createBusinessCalendar(holidays.map((holiday) => holiday.date));
}
