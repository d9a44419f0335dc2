import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .ifNotExists()
    .addColumn("sequence", "bigint", (column) => column.primaryKey())
    .addColumn("occurred_at", "bigint", (column) => column.notNull())
    .addColumn("actor_type", "text", (column) => column.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (column) => column.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("details", "text")
    .addColumn("previous_hash", "text", (column) => column.notNull())
    .addColumn("hash", "text", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("audit_log_target_index").ifNotExists().on("audit_log").columns(["target_type", "target_id"]).execute();
  await db.schema.createIndex("audit_log_actor_index").ifNotExists().on("audit_log").columns(["actor_id", "occurred_at"]).execute();

  await db.schema
    .createTable("audit_chain_head")
    .ifNotExists()
    .addColumn("id", "integer", (column) => column.primaryKey())
    .addColumn("sequence", "bigint", (column) => column.notNull())
    .addColumn("hash", "text", (column) => column.notNull())
    .execute();
  // The genesis link: 64 zeros, the "previous hash" of entry 1. Re-running inserts nothing.
  await sql`insert into audit_chain_head (id, sequence, hash)
            select 1, 0, ${"0".repeat(64)} where not exists (select 1 from audit_chain_head where id = 1)`.execute(db);

  await db.schema
    .createTable("outbox")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("payload_encrypted", "text", (column) => column.notNull())
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("attempts", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "bigint", (column) => column.notNull())
    .addColumn("locked_until", "bigint")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("sent_at", "bigint")
    .execute();
  await db.schema.createIndex("outbox_due_index").ifNotExists().on("outbox").columns(["status", "next_attempt_at"]).execute();

  await db.schema
    .createTable("webhooks")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("url", "text", (column) => column.notNull())
    .addColumn("secret_encrypted", "text", (column) => column.notNull())
    .addColumn("events", "text", (column) => column.notNull())
    .addColumn("is_active", "integer", (column) => column.notNull().defaultTo(1))
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["webhooks", "outbox", "audit_chain_head", "audit_log"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
