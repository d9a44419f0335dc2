import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { beforeEach, expect, it } from "vitest";
import { findCategory, updateCategory, type CategoryChanges, type CategoryRow } from "../../app/admin/categories.server";
import { addHoliday, removeHoliday } from "../../app/admin/holidays.server";
import { issueApiToken, revokeIntakeToken } from "../../app/admin/api-tokens.server";
import { createTeam } from "../../app/admin/teams.server";
import { loadGuideline } from "../../app/guideline/guideline.server";
import * as guidelineRoute from "../../app/routes/guideline";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/** The public guideline follows what the admin configures, on each database. */
describeEachDialect("the public guideline", (current) => {
  const seededAt = Date.parse("2026-01-15T09:00:00+07:00");
  let services: AppServices;
  let adminId: string;

  beforeEach(async () => {
    services = testServices(current(), { SEED_DEMO_DATA: "true", AGENCY_PHONE: "02 123 4567", ESCALATE_SENIOR_OFFICIAL: "false" });
    await prepareDatabase(services, seededAt, { demoCases: 0 });
    adminId = (await services.db.selectFrom("staff_users").select("id").where("role", "=", "admin").executeTakeFirstOrThrow()).id;
  });

  async function load() {
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "test" } as AppLoadContext;
    return (await guidelineRoute.loader({ request: new Request("http://localhost/guideline"), context, params: {} } as LoaderFunctionArgs)) as Awaited<ReturnType<typeof guidelineRoute.loader>>;
  }

  async function category(code: string): Promise<CategoryRow> {
    const row = await services.db.selectFrom("categories").select("id").where("code", "=", code).executeTakeFirstOrThrow();
    return (await findCategory(services.db, row.id))!;
  }

  function changesOf(row: CategoryRow, overrides: Partial<CategoryChanges> = {}): CategoryChanges {
    return { nameTh: row.nameTh, nameEn: row.nameEn, teamCode: row.teamCode, isActive: row.isActive, policies: row.policies, ...overrides };
  }

  it("publishes the seeded configuration: categories by kind with their teams and policies, channels, settings", async () => {
    const page = await load();
    expect(page.asOf).toBe(seededAt);
    // Grouped by kind, corruption first, in the order admins set within a kind.
    expect([...new Set(page.categories.map((entry) => entry.kind))]).toEqual(["corruption_tip", "complaint", "question", "suggestion", "compliment"]);
    expect(page.categories.filter((entry) => entry.kind === "complaint").map((entry) => entry.code)).toEqual(["complaint.service_quality", "complaint.staff_conduct", "complaint.digital_service"]);
    expect(page.categories.find((entry) => entry.code === "complaint.service_quality")).toEqual({
      code: "complaint.service_quality",
      kind: "complaint",
      nameTh: "คุณภาพการให้บริการ",
      nameEn: "Service quality",
      teamCode: "service",
      clocks: { acknowledge: { amount: 1, unit: "business_days" }, first_response: { amount: 15, unit: "calendar_days" }, resolve: { amount: 30, unit: "calendar_days" } },
    });
    expect(page.teams.map((team) => team.code)).toEqual(["integrity", "service", "digital"]);
    expect(page.teams[0]!.categoryCodes).toContain("corruption.bribery");
    expect(page.channels).toEqual([{ channel: "phone", contact: "02 123 4567" }]);
    expect(page.escalation).toEqual({ resolveBreachedAfterBusinessDays: 5, criticalPriority: true, seniorOfficial: false });
    expect(page.reopenWindowDays).toBe(30);
  });

  it("follows a policy change, a deactivated category and a new team, and dates itself by the latest change", async () => {
    const serviceQuality = await category("complaint.service_quality");
    const policies = { ...serviceQuality.policies, first_response: { amount: 10, unit: "business_days" as const, dueSoonFraction: 0.75 } };
    expect(await updateCategory(services, serviceQuality.id, changesOf(serviceQuality, { policies }), adminId, seededAt + 60_000)).toEqual({ changed: true });
    let page = await load();
    expect(page.categories.find((entry) => entry.code === "complaint.service_quality")!.clocks.first_response).toEqual({ amount: 10, unit: "business_days" });
    expect(page.asOf).toBe(seededAt + 60_000);

    const digitalQuestion = await category("question.digital_service");
    await updateCategory(services, digitalQuestion.id, changesOf(digitalQuestion, { isActive: false }), adminId, seededAt + 120_000);
    page = await load();
    expect(page.categories.map((entry) => entry.code)).not.toContain("question.digital_service");
    expect(page.teams.find((team) => team.code === "digital")!.categoryCodes).toEqual(["complaint.digital_service"]);

    // A team handling nothing yet is not a responsible unit, but its creation is a change.
    await createTeam(services, { code: "ombuds", nameTh: "กลุ่มงานผู้ตรวจการ", nameEn: "Ombuds Unit" }, adminId, seededAt + 180_000);
    page = await load();
    expect(page.teams.map((team) => team.code)).not.toContain("ombuds");
    expect(page.asOf).toBe(seededAt + 180_000);

    const staffConduct = await category("complaint.staff_conduct");
    await updateCategory(services, staffConduct.id, changesOf(staffConduct, { teamCode: "ombuds" }), adminId, seededAt + 240_000);
    page = await load();
    expect(page.teams.find((team) => team.code === "ombuds")).toEqual({ code: "ombuds", nameTh: "กลุ่มงานผู้ตรวจการ", nameEn: "Ombuds Unit", categoryCodes: ["complaint.staff_conduct"] });
    expect(page.categories.find((entry) => entry.code === "complaint.staff_conduct")!.teamCode).toBe("ombuds");
    expect(page.teams.find((team) => team.code === "service")!.categoryCodes).not.toContain("complaint.staff_conduct");
  });

  it("lists the channels of unrevoked intake tokens, and this fiscal year's holidays as the admin leaves them", async () => {
    const line = await issueApiToken(services, { name: "LINE OA", channel: "line" }, adminId, seededAt + 1_000);
    await issueApiToken(services, { name: "Partner system", channel: "api" }, adminId, seededAt + 2_000);
    expect((await load()).channels).toEqual([
      { channel: "phone", contact: "02 123 4567" },
      { channel: "line", contact: null },
    ]);
    await revokeIntakeToken(services, line.id, adminId, seededAt + 3_000);
    const afterRevoking = await load();
    expect(afterRevoking.channels).toEqual([{ channel: "phone", contact: "02 123 4567" }]);
    expect(afterRevoking.asOf).toBe(seededAt + 3_000);

    const now = Date.parse("2026-03-01T12:00:00+07:00");
    const before = await loadGuideline(services, now);
    expect(before.holidays.fiscalYear).toBe(2569);
    expect(before.holidays.days.length).toBeGreaterThan(10);
    expect(before.holidays.days.every((day) => day.date >= "2025-10-01" && day.date <= "2026-09-30")).toBe(true);
    expect(before.holidays.days.map((day) => day.date)).toEqual([...before.holidays.days.map((day) => day.date)].sort());

    expect(await addHoliday(services, { date: "2026-06-15", nameTh: "วันหยุดพิเศษ", nameEn: "Special holiday" }, adminId, now)).toEqual({ added: true });
    const added = await loadGuideline(services, now);
    expect(added.holidays.days).toContainEqual({ date: "2026-06-15", nameTh: "วันหยุดพิเศษ", nameEn: "Special holiday" });
    expect(added.asOf).toBe(now);

    const removed = before.holidays.days[0]!;
    await removeHoliday(services, removed.date, adminId, now + 1);
    expect((await loadGuideline(services, now)).holidays.days.map((day) => day.date)).not.toContain(removed.date);
    // Another fiscal year shows its own holidays, not these.
    expect((await loadGuideline(services, Date.parse("2026-10-05T12:00:00+07:00"))).holidays.days.map((day) => day.date)).not.toContain("2026-06-15");
  });
});
