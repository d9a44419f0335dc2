import { expect, it } from "vitest";
import { verifyAuditLog } from "../../app/audit/audit-log.server";
import { verifySecret } from "../../app/auth/password.server";
import { thaiPublicHolidays } from "../../app/calendar/thai-holidays";
import { seedDemoData } from "../../app/seed/seed.server";
import { formatDemoAccounts, prepareDatabase } from "../../app/startup.server";
import { categorySeeds, demoPassword, teamSeeds } from "../../db/seed/reference-data";
import { staffRoles } from "../../db/schema";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

describeEachDialect("preparing a database", (current) => {
  it("seeds reference data and one demo account per role, once", async () => {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    const first = await prepareDatabase(services, 1_000, { demoCases: 0 });
    const second = await prepareDatabase(services, 2_000, { demoCases: 0 });
    const { db } = services;
    expect(await db.selectFrom("teams").select("code").orderBy("code").execute()).toHaveLength(teamSeeds.length);
    expect(await db.selectFrom("categories").select("id").execute()).toHaveLength(categorySeeds.length);
    expect(await db.selectFrom("sla_policies").select("id").execute()).toHaveLength(categorySeeds.length * 3);
    expect(await db.selectFrom("holidays").select("date").execute()).toHaveLength(thaiPublicHolidays.length);
    const staff = await db.selectFrom("staff_users").select(["role", "password_hash"]).execute();
    expect(staff.map((member) => member.role).sort()).toEqual([...staffRoles].sort());
    expect(staff[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifySecret(staff[0]!.password_hash, demoPassword)).toBe(true);
    expect(second.demoAccounts).toEqual(first.demoAccounts);
    expect(first.demoAccounts).toHaveLength(staffRoles.length);
    expect(formatDemoAccounts(first.demoAccounts)).toContain(`admin@prongsai.example`);
    expect(await verifyAuditLog(db)).toEqual({ intact: true, entries: 2 });
  });

  it("follows the ITA defaults for a corruption tip's clocks", async () => {
    const services = testServices(current());
    await prepareDatabase(services, 1_000);
    const policies = await services.db
      .selectFrom("sla_policies")
      .innerJoin("categories", "categories.id", "sla_policies.category_id")
      .select(["sla_policies.clock", "sla_policies.amount", "sla_policies.unit"])
      .where("categories.code", "=", "corruption.bribery")
      .orderBy("sla_policies.clock")
      .execute();
    expect(policies).toEqual([
      { clock: "acknowledge", amount: 3, unit: "business_days" },
      { clock: "first_response", amount: 15, unit: "business_days" },
      { clock: "resolve", amount: 90, unit: "calendar_days" },
    ]);
  });

  it("leaves demo data out unless asked, and never seeds it in production", async () => {
    const services = testServices(current());
    const { demoAccounts } = await prepareDatabase(services, 1_000);
    expect(demoAccounts).toEqual([]);
    expect(await services.db.selectFrom("staff_users").select("id").execute()).toEqual([]);
    await expect(seedDemoData({ ...services, config: { ...services.config, isProduction: true } }, 1_000)).rejects.toThrow(/never seeded in production/);
  });

  it("files demo cases through the real services: encrypted, audited, at every stage", async () => {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    const now = Date.parse("2026-11-25T03:00:00Z");
    await prepareDatabase(services, now, { demoCases: 24 });
    const cases = await services.db.selectFrom("cases").select(["status", "kind", "fiscal_year", "narrative_encrypted"]).execute();
    expect(cases).toHaveLength(24);
    expect(new Set(cases.map((row) => row.kind)).size).toBe(5);
    expect(new Set(cases.map((row) => row.status)).size).toBeGreaterThan(2);
    expect(cases.every((row) => row.narrative_encrypted.startsWith("pse1."))).toBe(true);
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
    // A second start seeds nothing more.
    await prepareDatabase(services, now + 1_000, { demoCases: 24 });
    expect(await services.db.selectFrom("cases").select("id").execute()).toHaveLength(24);
  });
});
