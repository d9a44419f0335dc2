import { sql, type Kysely } from "kysely";

/**
 * A report's durations take off the waits for the reporter, read from the few events that carry
 * `pausedMs` (decision 0010). Found by a LIKE on the event's JSON, they cost a scan of every event
 * of every case — several per case, the largest table at 10⁶ cases — on each report. This partial
 * index holds only those events, on both dialects, so the report reads them directly. The query
 * repeats the predicate literally, not as a parameter: SQLite and PostgreSQL's one-off plans look
 * at a bound value, but a generic PostgreSQL plan (a prepared statement run again) cannot prove a
 * parameter matches the index's predicate (tests/integration/waiting-index.test.ts shows it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("case_events_pause_index")
    .ifNotExists()
    .on("case_events")
    .columns(["case_id", "created_at"])
    .where(sql.ref("data"), "like", sql.lit('%"pausedMs"%'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("case_events_pause_index").ifExists().execute();
}
