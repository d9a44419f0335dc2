import type { Kysely } from "kysely";

/**
 * When `purge-expired` anonymized the case (app/retention/retention.server.ts), or null. Set once:
 * the purge selects only cases where it is null, so a second run changes nothing, and the staff
 * case page says the content was removed instead of showing empty blocks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("cases").addColumn("anonymized_at", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("cases").dropColumn("anonymized_at").execute();
}
