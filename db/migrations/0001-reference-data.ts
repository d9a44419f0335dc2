import type { Kysely } from "kysely";

// Migrations take Kysely<unknown>: they must not depend on today's schema types, which move on.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("settings")
    .ifNotExists()
    .addColumn("key", "text", (column) => column.primaryKey())
    .addColumn("value", "text", (column) => column.notNull())
    .addColumn("updated_at", "bigint", (column) => column.notNull())
    .execute();

  await db.schema
    .createTable("teams")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("code", "text", (column) => column.notNull().unique())
    .addColumn("name_th", "text", (column) => column.notNull())
    .addColumn("name_en", "text", (column) => column.notNull())
    .addColumn("is_active", "integer", (column) => column.notNull().defaultTo(1))
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();

  await db.schema
    .createTable("categories")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("code", "text", (column) => column.notNull().unique())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("name_th", "text", (column) => column.notNull())
    .addColumn("name_en", "text", (column) => column.notNull())
    .addColumn("team_id", "text", (column) => column.notNull().references("teams.id"))
    .addColumn("is_active", "integer", (column) => column.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();

  await db.schema
    .createTable("sla_policies")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("category_id", "text", (column) => column.notNull().references("categories.id").onDelete("cascade"))
    .addColumn("clock", "text", (column) => column.notNull())
    .addColumn("amount", "integer", (column) => column.notNull())
    .addColumn("unit", "text", (column) => column.notNull())
    .addColumn("due_soon_fraction", "double precision", (column) => column.notNull().defaultTo(0.75))
    .addUniqueConstraint("sla_policies_category_clock_unique", ["category_id", "clock"])
    .execute();

  await db.schema
    .createTable("holidays")
    .ifNotExists()
    .addColumn("date", "text", (column) => column.primaryKey())
    .addColumn("name_th", "text", (column) => column.notNull())
    .addColumn("name_en", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["holidays", "sla_policies", "categories", "teams", "settings"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
