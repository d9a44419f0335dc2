import type { Insertable } from "kysely";
import type { Kysely } from "kysely";
import type { CasesTable, Database } from "../../db/schema";

/**
 * A team, a category and a case row written straight to the database, for tests of parts that
 * need a case to exist but are not about filing one (intake has its own tests).
 */
export async function insertBareCase(db: Kysely<Database>, overrides: Partial<Insertable<CasesTable>> = {}, createdAt = 1_700_000_000_000): Promise<string> {
  await db.insertInto("teams").values({ id: "team-1", code: "integrity", name_th: "ศูนย์ปฏิบัติการต่อต้านการทุจริต", name_en: "Anti-Corruption Centre", is_active: 1, created_at: createdAt }).execute();
  await db
    .insertInto("categories")
    .values({ id: "category-1", code: "corruption.bribery", kind: "corruption_tip", name_th: "การเรียกรับสินบน", name_en: "Bribery", team_id: "team-1", is_active: 1, sort_order: 0, created_at: createdAt })
    .execute();
  const row: Insertable<CasesTable> = {
    id: "case-1",
    reference: "PS-2569-000001",
    kind: "corruption_tip",
    category_id: "category-1",
    team_id: "team-1",
    channel: "web",
    is_anonymous: 1,
    reporter_relation: "unknown",
    priority: "normal",
    status: "new",
    assignee_id: null,
    tracking_lookup: "lookup",
    tracking_hash: "hash",
    narrative_encrypted: "envelope",
    details_encrypted: null,
    subjects_encrypted: null,
    reporter_identity_encrypted: null,
    consent_version: null,
    consent_at: null,
    names_senior_official: 0,
    merged_into_case_id: null,
    referred_to: null,
    referred_at: null,
    outcome: null,
    filed_by_staff_id: null,
    fiscal_year: 2569,
    created_at: createdAt,
    updated_at: createdAt,
    acknowledged_at: null,
    first_response_at: null,
    resolved_at: null,
    closed_at: null,
    acknowledge_due_at: null,
    first_response_due_at: null,
    resolve_due_at: null,
    next_due_at: null,
    paused_at: null,
    is_overdue: 0,
    reporter_seen_at: null,
    ...overrides,
  };
  await db.insertInto("cases").values(row).execute();
  return row.id;
}
