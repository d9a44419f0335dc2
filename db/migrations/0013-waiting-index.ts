import { sql, type Kysely } from "kysely";

/**
 * The "awaiting reporter" queue lists the longest wait first, by `coalesce(paused_at, updated_at)`
 * and then id, which no index held: every page read every waiting case in the reader's reach and
 * sorted them (14–15 ms a page at 3 × 10⁵ cases on SQLite, growing with the number of waiting cases;
 * docs/BENCHMARKS.md, finding 1). This partial index holds only the waiting cases in that order, so
 * a page walks it from the cursor and stops after a page, on both dialects.
 *
 * It leads with the status, the same in every entry, for SQLite's planner: without an equality on
 * the index's first column it preferred looking the status up in another index and sorting, on
 * the first page, with statistics or without. The queue repeats the key expression word for word
 * and the predicate as a literal, without the list of open statuses (app/cases/queues.server.ts,
 * decision 0016).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("cases_waiting_index")
    .ifNotExists()
    .on("cases")
    .column("status")
    .expression(sql`coalesce(${sql.ref("paused_at")}, ${sql.ref("updated_at")})`)
    .column("id")
    .where(sql.ref("status"), "=", sql.lit("awaiting_reporter"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("cases_waiting_index").ifExists().execute();
}
