import type { CaseKind, Queryable } from "../db.server";

/** A category as a reporter picks it: its code, the kind it files under, and its name in both languages. */
export interface IntakeCategory {
  code: string;
  kind: CaseKind;
  nameTh: string;
  nameEn: string;
}

/**
 * The categories a reporter may choose for the given kinds, in the order admins set. Inactive
 * categories are left out: a case cannot be filed under them (`fileCase` refuses them too).
 */
export async function listIntakeCategories(db: Queryable, kinds: readonly CaseKind[]): Promise<IntakeCategory[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom("categories")
    .select(["code", "kind", "name_th", "name_en"])
    .where("kind", "in", kinds)
    .where("is_active", "=", 1)
    .orderBy("sort_order")
    .orderBy("code")
    .execute();
  return rows.map((row) => ({ code: row.code, kind: row.kind, nameTh: row.name_th, nameEn: row.name_en }));
}
