import { expect, it } from "vitest";
import { addHoliday, removeHoliday } from "../../app/admin/holidays.server";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { addBusinessDays } from "../../app/calendar/thai-calendar";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);

describeEachDialect("The business calendar as the holiday table stands", (current) => {
  it("is reused while the holidays are the same, and rebuilt from the table as soon as they change", async () => {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    const now = bangkok("2026-11-25T10:00:00");
    await prepareDatabase(services, now, { demoCases: 0 });
    const adminId = (await services.db.selectFrom("staff_users").select("id").where("role", "=", "admin").executeTakeFirstOrThrow()).id;
    // Monday 15 March 2027 is no public holiday; one business day after Friday 12 March is that Monday.
    const friday = bangkok("2027-03-12T10:00:00");

    const first = await loadBusinessCalendar(services.db);
    expect(await loadBusinessCalendar(services.db)).toBe(first);
    expect(first.isBusinessDay("2027-03-15")).toBe(true);
    expect(addBusinessDays(friday, 1, first)).toBe(bangkok("2027-03-15T10:00:00"));

    expect(await addHoliday(services, { date: "2027-03-15", nameTh: "วันหยุดพิเศษ", nameEn: "Special holiday" }, adminId, now)).toEqual({ added: true });
    const withHoliday = await loadBusinessCalendar(services.db);
    expect(withHoliday).not.toBe(first);
    expect(withHoliday.isBusinessDay("2027-03-15")).toBe(false);
    expect(addBusinessDays(friday, 1, withHoliday)).toBe(bangkok("2027-03-16T10:00:00"));
    // The earlier calendar is unchanged: a calendar is immutable, whoever still holds it.
    expect(addBusinessDays(friday, 1, first)).toBe(bangkok("2027-03-15T10:00:00"));

    expect(await removeHoliday(services, "2027-03-15", adminId, now)).toEqual({ removed: true });
    const withoutHoliday = await loadBusinessCalendar(services.db);
    expect(withoutHoliday.isBusinessDay("2027-03-15")).toBe(true);
    expect(addBusinessDays(friday, 1, withoutHoliday)).toBe(bangkok("2027-03-15T10:00:00"));
  });
});
