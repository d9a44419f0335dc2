import { appendAuditEntry } from "../audit/audit-log.server";
import { loadBusinessCalendar } from "../calendar/business-calendar.server";
import { fromBuddhistEra, isValidDateKey } from "../calendar/thai-calendar";
import type { Queryable } from "../db.server";
import type { AppServices } from "../services.server";
import { rescheduleOpenDeadlines } from "../sla/case-deadlines.server";
import { isUniqueViolation } from "./unique-violation.server";

/*
 * The agency's holiday calendar, which every business-day clock counts against.
 *
 * `addHoliday` and `removeHoliday` take the whole services (not a bare `db`) and each opens ONE
 * transaction: the holiday row, the open deadlines it moves (`rescheduleOpenDeadlines`, decision
 * 0010, with the calendar reloaded inside the transaction so it sees the change) and the audit entry
 * commit together or not at all.
 */

export interface HolidayRow {
  /** "YYYY-MM-DD", a Bangkok calendar day. */
  date: string;
  nameTh: string;
  nameEn: string;
}

/** The first and last day of a B.E. fiscal year (1 October – 30 September) as date keys. */
export function fiscalYearDateKeys(fiscalYear: number): { first: string; last: string } {
  const endingYear = fromBuddhistEra(fiscalYear);
  return { first: `${endingYear - 1}-10-01`, last: `${endingYear}-09-30` };
}

export async function listHolidays(db: Queryable, fiscalYear: number): Promise<HolidayRow[]> {
  const { first, last } = fiscalYearDateKeys(fiscalYear);
  const rows = await db.selectFrom("holidays").select(["date", "name_th", "name_en"]).where("date", ">=", first).where("date", "<=", last).orderBy("date").execute();
  return rows.map((row) => ({ date: row.date, nameTh: row.name_th, nameEn: row.name_en }));
}

export type HolidayProblem = "invalid_date" | "already_listed" | "not_found";

export async function addHoliday(services: AppServices, holiday: HolidayRow, adminId: string, now: number): Promise<{ added: true } | { problem: HolidayProblem }> {
  if (!isValidDateKey(holiday.date)) return { problem: "invalid_date" };
  try {
    return await services.db.transaction().execute(async (transaction) => {
      if (await transaction.selectFrom("holidays").select("date").where("date", "=", holiday.date).executeTakeFirst()) return { problem: "already_listed" as const };
      await transaction.insertInto("holidays").values({ date: holiday.date, name_th: holiday.nameTh, name_en: holiday.nameEn, created_at: now }).execute();
      const moved = await rescheduleOpenDeadlines(transaction, await loadBusinessCalendar(transaction), now, holiday.date);
      await appendAuditEntry(transaction, { actorType: "staff", actorId: adminId, action: "holiday.added", targetType: "holiday", targetId: holiday.date, details: { rescheduledCases: moved.length }, occurredAt: now });
      return { added: true as const };
    });
  } catch (error) {
    // Two admins adding the same day at once: the primary key decides.
    if (isUniqueViolation(error)) return { problem: "already_listed" };
    throw error;
  }
}

export async function removeHoliday(services: AppServices, date: string, adminId: string, now: number): Promise<{ removed: true } | { problem: HolidayProblem }> {
  if (!isValidDateKey(date)) return { problem: "invalid_date" };
  return services.db.transaction().execute(async (transaction) => {
    const result = await transaction.deleteFrom("holidays").where("date", "=", date).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return { problem: "not_found" as const };
    const moved = await rescheduleOpenDeadlines(transaction, await loadBusinessCalendar(transaction), now, date);
    await appendAuditEntry(transaction, { actorType: "staff", actorId: adminId, action: "holiday.removed", targetType: "holiday", targetId: date, details: { rescheduledCases: moved.length }, occurredAt: now });
    return { removed: true as const };
  });
}
