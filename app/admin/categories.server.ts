import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import { slaClocks, type CaseKind, type Database, type Queryable, type SlaClock, type SlaUnit } from "../db.server";
import type { AppServices } from "../services.server";
import { isUniqueViolation } from "./unique-violation.server";
import { refreshCategoryDueSoonAt } from "../sla/case-deadlines.server";

/*
 * Categories and their SLA policies. Deadlines are stored on the case, computed from the policy
 * when it is filed and recomputed (decision 0010, `recomputeCaseDeadlines`) under the category's
 * policy of that moment when work resumes after a wait for the reporter, when it is reclassified, or
 * when a holiday within its period changes. So a policy change applies at once to cases filed after
 * it; an open case keeps its deadlines until its next recompute, and follows the new policy from
 * then on. Saving a policy does not recompute open cases itself: moving every open case's
 * deadline at once (some straight into "overdue") is a decision for the agency, not a side effect.
 */

export interface ClockPolicyInput {
  amount: number;
  unit: SlaUnit;
  /** 0 < fraction < 1: the share of the clock elapsed at which the case counts as due soon. */
  dueSoonFraction: number;
}

/** A clock left out (null) gives the category's cases no deadline on that clock. */
export type PoliciesInput = Record<SlaClock, ClockPolicyInput | null>;

export interface CategoryRow {
  id: string;
  code: string;
  kind: CaseKind;
  nameTh: string;
  nameEn: string;
  teamId: string;
  teamCode: string;
  teamNameTh: string;
  teamNameEn: string;
  isActive: boolean;
  policies: PoliciesInput;
}

function emptyPolicies(): PoliciesInput {
  return { acknowledge: null, first_response: null, resolve: null };
}

async function policiesByCategory(db: Queryable, categoryIds: readonly string[]): Promise<Map<string, PoliciesInput>> {
  const byCategory = new Map<string, PoliciesInput>();
  if (categoryIds.length === 0) return byCategory;
  const rows = await db.selectFrom("sla_policies").select(["category_id", "clock", "amount", "unit", "due_soon_fraction"]).where("category_id", "in", categoryIds).execute();
  for (const row of rows) {
    const policies = byCategory.get(row.category_id) ?? emptyPolicies();
    policies[row.clock] = { amount: Number(row.amount), unit: row.unit, dueSoonFraction: Number(row.due_soon_fraction) };
    byCategory.set(row.category_id, policies);
  }
  return byCategory;
}

function categoriesQuery(db: Queryable) {
  return db
    .selectFrom("categories")
    .innerJoin("teams", "teams.id", "categories.team_id")
    .select([
      "categories.id",
      "categories.code",
      "categories.kind",
      "categories.name_th",
      "categories.name_en",
      "categories.team_id",
      "categories.is_active",
      "teams.code as team_code",
      "teams.name_th as team_name_th",
      "teams.name_en as team_name_en",
    ]);
}

type CategoryQueryRow = Awaited<ReturnType<ReturnType<typeof categoriesQuery>["execute"]>>[number];

function categoryRowOf(row: CategoryQueryRow, policies: Map<string, PoliciesInput>): CategoryRow {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    nameTh: row.name_th,
    nameEn: row.name_en,
    teamId: row.team_id,
    teamCode: row.team_code,
    teamNameTh: row.team_name_th,
    teamNameEn: row.team_name_en,
    isActive: row.is_active === 1,
    policies: policies.get(row.id) ?? emptyPolicies(),
  };
}

/** Every category, active and not, in the order reporters see them. */
export async function listCategories(db: Queryable): Promise<CategoryRow[]> {
  const rows = await categoriesQuery(db).orderBy("categories.sort_order").orderBy("categories.code").execute();
  const policies = await policiesByCategory(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => categoryRowOf(row, policies));
}

export async function findCategory(db: Queryable, categoryId: string): Promise<CategoryRow | null> {
  const row = await categoriesQuery(db).where("categories.id", "=", categoryId).executeTakeFirst();
  return row ? categoryRowOf(row, await policiesByCategory(db, [row.id])) : null;
}

export interface CategoryChanges {
  nameTh: string;
  nameEn: string;
  teamCode: string;
  isActive: boolean;
  policies: PoliciesInput;
}

export interface NewCategory extends CategoryChanges {
  code: string;
  kind: CaseKind;
}

export type CategoryProblem = "not_found" | "code_taken" | "unknown_team";

async function activeTeamId(db: Queryable, teamCode: string): Promise<string | null> {
  const team = await db.selectFrom("teams").select("id").where("code", "=", teamCode).where("is_active", "=", 1).executeTakeFirst();
  return team?.id ?? null;
}

async function writePolicies(transaction: Transaction<Database>, categoryId: string, policies: PoliciesInput): Promise<void> {
  await transaction.deleteFrom("sla_policies").where("category_id", "=", categoryId).execute();
  for (const clock of slaClocks) {
    const policy = policies[clock];
    if (!policy) continue;
    await transaction
      .insertInto("sla_policies")
      .values({ id: randomUUID(), category_id: categoryId, clock, amount: policy.amount, unit: policy.unit, due_soon_fraction: policy.dueSoonFraction })
      .execute();
  }
}

function auditedPolicies(policies: PoliciesInput) {
  return Object.fromEntries(slaClocks.map((clock) => [clock, policies[clock]]));
}

/** A new category, last in the order reporters see. It must name an active team. */
export async function createCategory(services: AppServices, input: NewCategory, adminId: string, now: number): Promise<{ categoryId: string } | { problem: CategoryProblem }> {
  const { db } = services;
  if (await db.selectFrom("categories").select("id").where("code", "=", input.code).executeTakeFirst()) return { problem: "code_taken" };
  const categoryId = randomUUID();
  try {
    const problem = await db.transaction().execute(async (transaction) => {
      const teamId = await activeTeamId(transaction, input.teamCode);
      if (!teamId) return "unknown_team" as const;
      const last = await transaction.selectFrom("categories").select((expression) => expression.fn.max("sort_order").as("sort_order")).executeTakeFirst();
      await transaction
        .insertInto("categories")
        .values({
          id: categoryId,
          code: input.code,
          kind: input.kind,
          name_th: input.nameTh,
          name_en: input.nameEn,
          team_id: teamId,
          is_active: input.isActive ? 1 : 0,
          sort_order: Number(last?.sort_order ?? -1) + 1,
          created_at: now,
        })
        .execute();
      await writePolicies(transaction, categoryId, input.policies);
      await appendAuditEntry(transaction, {
        actorType: "staff",
        actorId: adminId,
        action: "category.created",
        targetType: "category",
        targetId: categoryId,
        details: { code: input.code, kind: input.kind, teamId, isActive: input.isActive, policies: auditedPolicies(input.policies) },
        occurredAt: now,
      });
      return null;
    });
    if (problem) return { problem };
  } catch (error) {
    if (isUniqueViolation(error)) return { problem: "code_taken" };
    throw error;
  }
  return { categoryId };
}

/**
 * Names, team, whether reporters may choose it, and its policies. The code and the kind stay: the
 * intake API and the filed cases name the category by them. A new team receives the cases filed
 * from now on; cases already filed stay with their team, as they keep their deadlines.
 */
export async function updateCategory(services: AppServices, categoryId: string, changes: CategoryChanges, adminId: string, now: number): Promise<{ changed: true } | { problem: CategoryProblem }> {
  return services.db.transaction().execute(async (transaction) => {
    const current = await transaction.selectFrom("categories").select(["id", "team_id"]).where("id", "=", categoryId).executeTakeFirst();
    if (!current) return { problem: "not_found" as const };
    // A category may stay with a team deactivated since; moving it needs an active one.
    const team = await transaction.selectFrom("teams").select(["id", "is_active"]).where("code", "=", changes.teamCode).executeTakeFirst();
    if (!team || (team.is_active !== 1 && team.id !== current.team_id) || (team.is_active !== 1 && changes.isActive)) return { problem: "unknown_team" as const };
    await transaction
      .updateTable("categories")
      .set({ name_th: changes.nameTh, name_en: changes.nameEn, team_id: team.id, is_active: changes.isActive ? 1 : 0 })
      .where("id", "=", categoryId)
      .execute();
    await writePolicies(transaction, categoryId, changes.policies);
    // The sweep reads due-soon fractions live; its stored candidate bound must follow them.
    await refreshCategoryDueSoonAt(transaction, categoryId);
    await appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: adminId,
      action: "category.updated",
      targetType: "category",
      targetId: categoryId,
      details: { teamId: team.id, isActive: changes.isActive, policies: auditedPolicies(changes.policies) },
      occurredAt: now,
    });
    return { changed: true as const };
  });
}
