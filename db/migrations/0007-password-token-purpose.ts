import type { Kysely } from "kysely";

/**
 * What a password link was sent for: "reset" (the owner asked on the "forgot password" page) or
 * "invitation" (an admin opened the account). Both set a password through the same page and the
 * same single-use check; the purpose decides what the page says and keeps invitations out of the
 * count that limits reset requests. Rows from before this migration were all resets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("password_reset_tokens")
    .addColumn("purpose", "text", (column) => column.notNull().defaultTo("reset"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("password_reset_tokens").dropColumn("purpose").execute();
}
