import { sql, SqliteAdapter, type Kysely } from "kysely";
import { carriesAWait, markCaseStale } from "./0019-kept-report-figures";

/**
 * Migration 0019's triggers mark a case stale when an event carrying a wait is added and when a
 * reporter-thread message is added or removed: every write of those rows the application made.
 * An event edited or removed, or a message moved to another time, case or visibility (a repair by
 * hand, a future feature) would leave the kept figures counting what was there before, with no
 * sign of it until someone compared a report with the cases. These triggers mark the case, both
 * cases when a row moves between two. A message's body is not watched: retention's anonymisation
 * rewrites it, and the figures do not read it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const reporterThread = (row: "old" | "new") => sql`${sql.raw(row)}.visibility = 'reporter_thread'`;
  const eventColumns = sql.join(["case_id", "created_at", "data"].map((column) => sql.ref(column)));
  const messageColumns = sql.join(["case_id", "visibility", "author_type", "created_at"].map((column) => sql.ref(column)));
  if (isSqlite) {
    const markBoth = sql`${markCaseStale(true, "old.case_id")}; ${markCaseStale(true, "new.case_id")};`;
    const triggers: Array<[string, ReturnType<typeof sql>]> = [
      ["report_stale_wait_update", sql`after update of ${eventColumns} on case_events when old.${carriesAWait} or new.${carriesAWait} begin ${markBoth} end`],
      ["report_stale_wait_delete", sql`after delete on case_events when old.${carriesAWait} begin ${markCaseStale(true, "old.case_id")}; end`],
      ["report_stale_message_update", sql`after update of ${messageColumns} on messages when ${reporterThread("old")} or ${reporterThread("new")} begin ${markBoth} end`],
    ];
    for (const [name, body] of triggers) await sql`create trigger ${sql.ref(name)} ${body}`.execute(db);
    return;
  }
  await sql`create function report_mark_cases_of_moved_row_stale() returns trigger language plpgsql as $$
    begin
      ${markCaseStale(false, "old.case_id")};
      if new.case_id is distinct from old.case_id then ${markCaseStale(false, "new.case_id")}; end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger report_stale_wait_update after update of ${eventColumns} on case_events for each row
    when (old.${carriesAWait} or new.${carriesAWait}) execute function report_mark_cases_of_moved_row_stale()`.execute(db);
  // Migration 0019's function marks old.case_id on a delete.
  await sql`create trigger report_stale_wait_delete after delete on case_events for each row
    when (old.${carriesAWait}) execute function report_mark_case_of_row_stale()`.execute(db);
  await sql`create trigger report_stale_message_update after update of ${messageColumns} on messages for each row
    when (${reporterThread("old")} or ${reporterThread("new")}) execute function report_mark_cases_of_moved_row_stale()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const name of ["report_stale_wait_update", "report_stale_wait_delete", "report_stale_message_update"]) await sql`drop trigger if exists ${sql.ref(name)}`.execute(db);
    return;
  }
  await sql`drop trigger if exists report_stale_wait_update on case_events`.execute(db);
  await sql`drop trigger if exists report_stale_wait_delete on case_events`.execute(db);
  await sql`drop trigger if exists report_stale_message_update on messages`.execute(db);
  await sql`drop function if exists report_mark_cases_of_moved_row_stale()`.execute(db);
}
