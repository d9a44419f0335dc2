import { sql, SqliteAdapter, type Kysely } from "kysely";

/**
 * The unscoped report (the whole agency: /statistics, the evidence pack, most staff reports) reads
 * one range of report_durations per duration figure and period. On PostgreSQL it read them through
 * report_durations_figure_index, whose entries also carry the team, category and kind ids the
 * scoped reports filter on: about 200 bytes each, so a fiscal year at 10⁶ cases walked some 600 MB
 * of index for five figures and took 0.9–1.0 s by month. This index holds only what the unscoped
 * read needs, a quarter of the width; PostgreSQL's planner takes it for the unscoped ranges and
 * keeps the wider one for scoped reports (docs/BENCHMARKS.md, the seventh session). SQLite's
 * report already ran at a quarter of the pass over the cases, and each index more slows its fold,
 * so it is left as it was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  // The duration rides along in the leaf entries (INCLUDE, which Kysely's builder does not offer), not in the key.
  await sql`create index if not exists report_durations_unscoped_index on report_durations (figure, counted_at) include (business_days)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await db.schema.dropIndex("report_durations_unscoped_index").ifExists().execute();
}
