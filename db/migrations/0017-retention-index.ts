import { sql, type Kysely } from "kysely";

/**
 * The daily purge (app/retention/retention.server.ts) looks for cases that ended before the
 * retention cutoff and are not yet anonymized. No index held when a case ended, so each run read
 * every case row, encrypted texts and all, in the server's own process: on SQLite, whose reads
 * block the event loop, that grew with every case ever filed. This partial index holds only the
 * cases not yet anonymized, by the instant they ended (null while open, so never in a range), so a
 * run reads the expired ones and stops.
 *
 * The purge repeats the key expression word for word, with literal statuses: either planner uses
 * an expression index only for the same expression (`endedAt` in retention.server.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("cases_retention_index")
    .ifNotExists()
    .on("cases")
    .expression(sql`(case when status = 'resolved' then resolved_at when status in ('closed', 'rejected', 'referred', 'merged') then closed_at end)`)
    .column("id")
    .where(sql.ref("anonymized_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("cases_retention_index").ifExists().execute();
}
