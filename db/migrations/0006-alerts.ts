import type { Kysely } from "kysely";

/**
 * Which outbox rows are calls of which webhook (app/alerts), so the admin page can show a webhook's
 * recent deliveries with their status. The outbox payload is encrypted and the outbox serves every
 * kind of message, so the link lives in its own small table rather than in a column there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_deliveries")
    .ifNotExists()
    .addColumn("outbox_id", "text", (column) => column.primaryKey())
    .addColumn("webhook_id", "text", (column) => column.notNull())
    .addColumn("event_id", "text", (column) => column.notNull())
    .addColumn("event_type", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("webhook_deliveries_webhook_index").ifNotExists().on("webhook_deliveries").columns(["webhook_id", "created_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("webhook_deliveries").ifExists().execute();
}
