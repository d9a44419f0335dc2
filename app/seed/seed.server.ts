import { randomUUID } from "node:crypto";
import { categorySeeds, demoPassword, demoStaffSeeds, teamSeeds } from "../../db/seed/reference-data";
import { appendAuditEntry } from "../audit/audit-log.server";
import { hashSecret } from "../auth/password.server";
import { thaiPublicHolidays } from "../calendar/thai-holidays";
import { seedDemoCases } from "./demo-cases.server";
import type { AppServices } from "../services.server";
import type { Queryable } from "../db.server";

const referenceMarker = "seed.reference_data";
const demoMarker = "seed.demo_data";

async function hasMarker(db: Queryable, key: string): Promise<boolean> {
  return (await db.selectFrom("settings").select("key").where("key", "=", key).executeTakeFirst()) !== undefined;
}

/**
 * Teams, categories with their SLA policies, and the Thai public holidays: what every instance
 * starts from, production included. Runs once; admins own the data afterwards.
 */
export async function seedReferenceData(services: Pick<AppServices, "db">, now: number): Promise<boolean> {
  const { db } = services;
  if (await hasMarker(db, referenceMarker)) return false;
  await db.transaction().execute(async (transaction) => {
    const teamIds = new Map<string, string>();
    for (const team of teamSeeds) {
      const id = randomUUID();
      teamIds.set(team.code, id);
      await transaction.insertInto("teams").values({ id, code: team.code, name_th: team.nameTh, name_en: team.nameEn, is_active: 1, created_at: now }).execute();
    }
    for (const [index, category] of categorySeeds.entries()) {
      const categoryId = randomUUID();
      await transaction
        .insertInto("categories")
        .values({
          id: categoryId,
          code: category.code,
          kind: category.kind,
          name_th: category.nameTh,
          name_en: category.nameEn,
          team_id: teamIds.get(category.teamCode)!,
          is_active: 1,
          sort_order: index,
          created_at: now,
        })
        .execute();
      for (const [clock, policy] of Object.entries(category.clocks)) {
        await transaction
          .insertInto("sla_policies")
          .values({ id: randomUUID(), category_id: categoryId, clock: clock as keyof typeof category.clocks, amount: policy.amount, unit: policy.unit, due_soon_fraction: 0.75 })
          .execute();
      }
    }
    for (const holiday of thaiPublicHolidays) {
      await transaction.insertInto("holidays").values({ date: holiday.date, name_th: holiday.nameTh, name_en: holiday.nameEn, created_at: now }).execute();
    }
    await transaction.insertInto("settings").values({ key: referenceMarker, value: JSON.stringify({ seededAt: now }), updated_at: now }).execute();
    await appendAuditEntry(transaction, { actorType: "system", action: "seed.reference_data", occurredAt: now, details: { teams: teamSeeds.length, categories: categorySeeds.length } });
  });
  return true;
}

export interface DemoAccount {
  email: string;
  role: string;
  password: string;
}

/**
 * One staff account per role, with the documented demo password, and demo cases filed through the
 * real services. Never in production.
 */
export async function seedDemoData(services: AppServices, now: number, options: { demoCases?: number } = {}): Promise<boolean> {
  const { db, config } = services;
  if (config.isProduction) throw new Error("Demo data is never seeded in production");
  if (await hasMarker(db, demoMarker)) return false;
  // argon2 runs before the transaction: on SQLite a transaction holds the only connection.
  const passwordHash = await hashSecret(demoPassword, config.argon2);
  await db.transaction().execute(async (transaction) => {
    const teams = await transaction.selectFrom("teams").select(["id", "code"]).execute();
    for (const staff of demoStaffSeeds) {
      const teamId = staff.teamCode ? (teams.find((team) => team.code === staff.teamCode)?.id ?? null) : null;
      await transaction
        .insertInto("staff_users")
        .values({
          id: randomUUID(),
          email: staff.email,
          display_name: staff.displayName,
          role: staff.role,
          team_id: teamId,
          password_hash: passwordHash,
          totp_secret_encrypted: null,
          totp_enabled_at: null,
          is_active: 1,
          failed_login_count: 0,
          locked_until: null,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await transaction.insertInto("settings").values({ key: demoMarker, value: JSON.stringify({ seededAt: now }), updated_at: now }).execute();
    await appendAuditEntry(transaction, { actorType: "system", action: "seed.demo_data", occurredAt: now, details: { staff: demoStaffSeeds.length } });
  });
  await seedDemoCases(services, now, options.demoCases);
  return true;
}

export async function demoAccounts(db: Queryable): Promise<DemoAccount[]> {
  if (!(await hasMarker(db, demoMarker))) return [];
  const emails = demoStaffSeeds.map((staff) => staff.email);
  const rows = await db.selectFrom("staff_users").select(["email", "role"]).where("email", "in", emails).orderBy("email").execute();
  return rows.map((row) => ({ email: row.email, role: row.role, password: demoPassword }));
}
