import type { Kysely } from "kysely";

/**
 * The last TOTP time step accepted for each account, so that a code works once across every node
 * (app/auth/totp.server.ts). A step is the Unix time divided by 30 s: an integer fits it for
 * thousands of years. Null until the account's first code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("staff_users").addColumn("totp_last_step", "integer").execute();
}
