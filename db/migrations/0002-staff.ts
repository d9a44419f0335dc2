import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("staff_users")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("email", "text", (column) => column.notNull().unique())
    .addColumn("display_name", "text", (column) => column.notNull())
    .addColumn("role", "text", (column) => column.notNull())
    .addColumn("team_id", "text", (column) => column.references("teams.id"))
    .addColumn("password_hash", "text", (column) => column.notNull())
    .addColumn("totp_secret_encrypted", "text")
    .addColumn("totp_enabled_at", "bigint")
    .addColumn("is_active", "integer", (column) => column.notNull().defaultTo(1))
    .addColumn("failed_login_count", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("locked_until", "bigint")
    .addColumn("password_changed_at", "bigint", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("updated_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("staff_users_role_index").ifNotExists().on("staff_users").columns(["role", "is_active"]).execute();

  await db.schema
    .createTable("sessions")
    .ifNotExists()
    .addColumn("id_hash", "text", (column) => column.primaryKey())
    .addColumn("staff_user_id", "text", (column) => column.notNull().references("staff_users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_seen_at", "bigint", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addColumn("mfa_verified_at", "bigint")
    .execute();
  await db.schema.createIndex("sessions_staff_user_index").ifNotExists().on("sessions").column("staff_user_id").execute();
  await db.schema.createIndex("sessions_expires_index").ifNotExists().on("sessions").column("expires_at").execute();

  await db.schema
    .createTable("password_reset_tokens")
    .ifNotExists()
    .addColumn("token_hash", "text", (column) => column.primaryKey())
    .addColumn("staff_user_id", "text", (column) => column.notNull().references("staff_users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addColumn("used_at", "bigint")
    .execute();

  await db.schema
    .createTable("api_tokens")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("token_hash", "text", (column) => column.notNull().unique())
    .addColumn("channel", "text", (column) => column.notNull())
    .addColumn("created_by_id", "text", (column) => column.references("staff_users.id"))
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["api_tokens", "password_reset_tokens", "sessions", "staff_users"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
