import { sql, SqliteAdapter, type Kysely } from "kysely";

/**
 * Only an open case has a next deadline: every writer of `next_due_at` (intake, the lifecycle's
 * transitions, the deadline recomputation, an executive's order) leaves it null once a case is
 * finished. The queues now rely on it: their "due" phase reads `next_due_at is not null` without
 * the list of open statuses, because both planners multiply the two conditions' selectivities as
 * if they were independent, underestimate a deep page by two orders of magnitude and sort every
 * open dated case instead of walking `cases_next_due_index` (docs/BENCHMARKS.md, finding 1). What
 * a query relies on, the schema enforces: a CHECK constraint on PostgreSQL; on SQLite, which cannot
 * add one to an existing table, triggers that abort the same writes.
 *
 * The open statuses are written out, frozen as they stand now (app/cases/case-lifecycle.ts); a new
 * open status needs a migration that replaces this rule. Rows that broke it before (none that the
 * application wrote) first lose their next deadline and due-soon moment, as a finishing transition
 * writes them; `is_overdue` is left as it was.
 */
const openStatuses = ["new", "acknowledged", "in_progress", "awaiting_reporter", "reopened"];
const openList = sql.join(openStatuses.map((status) => sql.lit(status)));
const violation = "cases_dated_is_open: only an open case may have a next deadline";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update cases set next_due_at = null, due_soon_at = null where next_due_at is not null and status not in (${openList})`.execute(db);
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const [name, event] of [
      ["cases_dated_is_open_insert", sql`insert`],
      ["cases_dated_is_open_update", sql`update of next_due_at, status`],
    ] as const) {
      await sql`create trigger if not exists ${sql.ref(name)} before ${event} on cases
        when new.next_due_at is not null and new.status not in (${openList})
        begin select raise(abort, ${sql.lit(violation)}); end`.execute(db);
    }
  } else {
    await sql`alter table cases add constraint cases_dated_is_open check (next_due_at is null or status in (${openList}))`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`drop trigger if exists cases_dated_is_open_update`.execute(db);
    await sql`drop trigger if exists cases_dated_is_open_insert`.execute(db);
  } else {
    await sql`alter table cases drop constraint if exists cases_dated_is_open`.execute(db);
  }
}
