import { SqliteAdapter, sql, type Kysely } from "kysely";

/**
 * A fiscal-year report reads every case that any of its figures can count (decision 0012), by an
 * OR over seven timestamps that no index served: it read the whole cases table, and each row of it
 * carries the case's encrypted texts before its timestamps — about 3 GB and seconds at 10⁶ cases.
 *
 * cases_report_index leads with each case's latest instant (the greatest of its receipt, its
 * completion — never while open — and its clocks' events and deadlines), which every case a report
 * counts has at or after the fiscal year's start, so the report reads one range of it. The columns
 * after it are every column the report reads of a case, so that range is all it reads: the table
 * is not touched. The report repeats the expression exactly, its constant a literal
 * (metrics.server.ts): a planner matches an expression index only to the same expression.
 *
 * The reporter's messages on their thread are counted by time; messages_reporter_thread_index holds
 * only those (partial, so the report's lookup of staff answers keeps messages_case_index), where the
 * report scanned every message. The query repeats its predicate literally, so that a generic
 * PostgreSQL plan can use the index too (migration 0010).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite's scalar max() and PostgreSQL's greatest() both take several arguments; max() is null
  // when any argument is, hence the coalesce on each nullable one.
  const greatest = db.getExecutor().adapter instanceof SqliteAdapter ? sql.raw("max") : sql.raw("greatest");
  const latestInstant = sql`(${greatest}(
    created_at,
    coalesce(resolved_at, closed_at, 9007199254740991),
    coalesce(acknowledged_at, 0),
    coalesce(first_response_at, 0),
    coalesce(acknowledge_due_at, 0),
    coalesce(first_response_due_at, 0),
    coalesce(resolve_due_at, 0)))`;
  const reportColumns = [
    "created_at",
    "kind",
    "category_id",
    "team_id",
    "channel",
    "is_anonymous",
    "reporter_relation",
    "status",
    "outcome",
    "referred_to",
    "fiscal_year",
    "acknowledged_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "acknowledge_due_at",
    "first_response_due_at",
    "resolve_due_at",
    "paused_at",
    "id",
  ];
  await sql`create index if not exists cases_report_index on cases (${latestInstant}, ${sql.join(reportColumns.map((column) => sql.ref(column)))})`.execute(db);
  await db.schema
    .createIndex("messages_reporter_thread_index")
    .ifNotExists()
    .on("messages")
    .columns(["created_at", "case_id"])
    .where(sql.ref("author_type"), "=", sql.lit("reporter"))
    .where(sql.ref("visibility"), "=", sql.lit("reporter_thread"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("messages_reporter_thread_index").ifExists().execute();
  await db.schema.dropIndex("cases_report_index").ifExists().execute();
}
