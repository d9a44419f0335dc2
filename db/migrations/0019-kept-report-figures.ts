import { sql, SqliteAdapter, type Kysely } from "kysely";

/**
 * The report's figures kept as cases change (decision 0020, docs/BENCHMARKS.md finding 2): at 10⁶
 * cases a fiscal-year report read half a million cases and took 5–9 s; kept, it reads a few
 * hundred monthly sums and one index range of durations per figure.
 *
 * - `report_stale_cases`: a case whose figures may have changed. Triggers mark it on every write
 *   the figures read — the case's own columns, a message of the reporter's thread, an event that
 *   carries a wait, a holiday that lies inside one of its durations — so no write path of the
 *   application has to remember. Each mark takes the next `sequence`: a fold takes the marks up to
 *   the sequence it saw at its start, and removes a mark only if its sequence is still the one it
 *   read, so a write during the fold leaves its mark for the next.
 * - `report_case_folds`: per case, the facts its figures were last folded from and the instant they
 *   were folded up to (what the fold takes out before it adds the case as it is now), and the next
 *   instant at which something of it becomes known (a deadline passing), when it must be folded again.
 * - `report_month_sums`: per Bangkok month of an instant, team, category and kind, what the cases
 *   add to each count (stocks as +1 where an interval begins and −1 where it ends).
 * - `report_durations`: one row per duration, for the medians and 90th percentiles, which do not add up.
 * - `report_fold_state`: the instant every fold so far has reached, and while a fold runs in several
 *   transactions, the instant it folds to (a report does not read the sums halfway through one); and
 *   the version of the rules the sums were folded with (a new version folds every case again).
 *
 * The rules version starts at 0: the first fold (the background task, or the first report) finds
 * the code's rules newer, marks every case and fills the figures in.
 */

/** The advisory lock that serialises folds (app/reports/kept-figures.server.ts). */
export const foldLockKey = 725_101;

const caseColumns = [
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
  "created_at",
  "acknowledged_at",
  "first_response_at",
  "resolved_at",
  "closed_at",
  "acknowledge_due_at",
  "first_response_due_at",
  "resolve_due_at",
  "paused_at",
];

/** Written exactly as in app/reports/metrics.server.ts and migration 0010: the events that carry a wait. */
export const carriesAWait = sql`data like '%"pausedMs"%'`;

/** SQLite has one writer: a counter in the state row; PostgreSQL has a sequence. */
function staleMarkSequence(isSqlite: boolean) {
  return {
    takeSequence: isSqlite ? sql`update report_fold_state set last_mark = last_mark + 1 where id = 1; ` : sql``,
    nextSequence: isSqlite ? sql`(select last_mark from report_fold_state where id = 1)` : sql`nextval('report_stale_sequence')`,
  };
}

/** A trigger's statement marking the case `id` (a trigger's row expression, such as `new.case_id`) stale; migration 0021 reuses it. */
export function markCaseStale(isSqlite: boolean, id: string) {
  const { takeSequence, nextSequence } = staleMarkSequence(isSqlite);
  return sql`${takeSequence}insert into report_stale_cases (case_id, sequence) values (${sql.raw(id)}, ${nextSequence})
    on conflict (case_id) do update set sequence = excluded.sequence`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable("report_stale_cases")
    .addColumn("case_id", "text", (column) => column.primaryKey())
    .addColumn("sequence", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("report_stale_cases_sequence_index").on("report_stale_cases").columns(["sequence", "case_id"]).execute();
  if (!isSqlite) await sql`create sequence report_stale_sequence`.execute(db);
  await db.schema
    .createTable("report_case_folds")
    .addColumn("case_id", "text", (column) => column.primaryKey())
    .addColumn("folded_facts", "text", (column) => column.notNull())
    .addColumn("refold_at", "bigint")
    .execute();
  await db.schema.createIndex("report_case_folds_refold_index").on("report_case_folds").columns(["refold_at", "case_id"]).where(sql.ref("refold_at"), "is not", null).execute();
  await db.schema
    .createTable("report_month_sums")
    .addColumn("month_start", "bigint", (column) => column.notNull())
    .addColumn("team_id", "text", (column) => column.notNull())
    .addColumn("category_id", "text", (column) => column.notNull())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("figure", "text", (column) => column.notNull())
    .addColumn("item", "text", (column) => column.notNull())
    .addColumn("total", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("report_month_sums_primary_key", ["month_start", "team_id", "category_id", "kind", "figure", "item"])
    .execute();
  await db.schema
    .createTable("report_durations")
    .addColumn("case_id", "text", (column) => column.notNull())
    .addColumn("figure", "text", (column) => column.notNull())
    .addColumn("counted_at", "bigint", (column) => column.notNull())
    .addColumn("started_at", "bigint", (column) => column.notNull())
    .addColumn("ended_at", "bigint", (column) => column.notNull())
    .addColumn("team_id", "text", (column) => column.notNull())
    .addColumn("category_id", "text", (column) => column.notNull())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("business_days", "double precision", (column) => column.notNull())
    .execute();
  // The report's read: one range per figure, every column it filters or takes in the index.
  await db.schema
    .createIndex("report_durations_figure_index")
    .on("report_durations")
    .columns(["figure", "counted_at", "team_id", "category_id", "kind", "business_days"])
    .execute();
  await db.schema.createIndex("report_durations_case_index").on("report_durations").column("case_id").execute();
  // A holiday marks the cases with a duration across it: holidays are mostly added ahead, where few durations end.
  await db.schema.createIndex("report_durations_ended_index").on("report_durations").column("ended_at").execute();
  await db.schema
    .createTable("report_fold_state")
    .addColumn("id", "integer", (column) => column.primaryKey())
    .addColumn("folded_until", "bigint", (column) => column.notNull())
    .addColumn("folding_until", "bigint")
    .addColumn("rules_version", "integer", (column) => column.notNull())
    // SQLite's sequence of marks (PostgreSQL has report_stale_sequence): it never goes back, even when every mark is gone.
    .addColumn("last_mark", "bigint", (column) => column.notNull())
    .execute();
  // Version 0: the first fold finds the rules newer and folds every case.
  await sql`insert into report_fold_state (id, folded_until, rules_version, last_mark) values (1, 0, 0, 0)`.execute(db);

  const { takeSequence, nextSequence } = staleMarkSequence(isSqlite);
  const markCase = (id: string) => markCaseStale(isSqlite, id);
  // The cases whose durations a holiday on the Bangkok day starting at `dayStart` falls inside.
  const markDurationsOver = (dayStart: string) => sql`${takeSequence}insert into report_stale_cases (case_id, sequence)
    select case_id, ${nextSequence} from (select distinct case_id from report_durations
      where ended_at > ${sql.raw(dayStart)} and started_at < ${sql.raw(dayStart)} + 86400000) as spanning
    where true
    on conflict (case_id) do update set sequence = excluded.sequence`;
  const watchedColumns = sql.join(caseColumns.map((column) => sql.ref(column)));

  if (isSqlite) {
    const triggers: Array<[string, ReturnType<typeof sql>]> = [
      ["report_stale_case_insert", sql`after insert on cases begin ${markCase("new.id")}; end`],
      ["report_stale_case_update", sql`after update of ${watchedColumns} on cases begin ${markCase("new.id")}; end`],
      ["report_stale_case_delete", sql`after delete on cases begin ${markCase("old.id")}; end`],
      ["report_stale_message_insert", sql`after insert on messages when new.visibility = 'reporter_thread' begin ${markCase("new.case_id")}; end`],
      ["report_stale_message_delete", sql`after delete on messages when old.visibility = 'reporter_thread' begin ${markCase("old.case_id")}; end`],
      ["report_stale_wait_insert", sql`after insert on case_events when new.${carriesAWait} begin ${markCase("new.case_id")}; end`],
      // SQLite's unixepoch of a date is its UTC midnight; Bangkok's is seven hours earlier.
      ["report_stale_holiday_insert", sql`after insert on holidays begin ${markDurationsOver("((unixepoch(new.date) - 25200) * 1000)")}; end`],
      ["report_stale_holiday_delete", sql`after delete on holidays begin ${markDurationsOver("((unixepoch(old.date) - 25200) * 1000)")}; end`],
    ];
    for (const [name, body] of triggers) await sql`create trigger ${sql.ref(name)} ${body}`.execute(db);
  } else {
    await sql`create function report_mark_case_stale() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then ${markCase("old.id")}; else ${markCase("new.id")}; end if;
        return null;
      end $$`.execute(db);
    await sql`create function report_mark_case_of_row_stale() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then ${markCase("old.case_id")}; else ${markCase("new.case_id")}; end if;
        return null;
      end $$`.execute(db);
    // The fold's lock first: a fold running now may be writing durations this scan cannot see until it commits,
    // and a fold starting after this waits for the holiday to commit, then reads the calendar with it.
    await sql`create function report_mark_holiday_stale() returns trigger language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(${sql.lit(foldLockKey)});
        if tg_op = 'DELETE' then
          ${markDurationsOver("(extract(epoch from old.date::date::timestamp at time zone 'Asia/Bangkok') * 1000)::bigint")};
        else
          ${markDurationsOver("(extract(epoch from new.date::date::timestamp at time zone 'Asia/Bangkok') * 1000)::bigint")};
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger report_stale_case after insert or delete or update of ${watchedColumns} on cases for each row execute function report_mark_case_stale()`.execute(db);
    await sql`create trigger report_stale_message_insert after insert on messages for each row when (new.visibility = 'reporter_thread') execute function report_mark_case_of_row_stale()`.execute(db);
    await sql`create trigger report_stale_message_delete after delete on messages for each row when (old.visibility = 'reporter_thread') execute function report_mark_case_of_row_stale()`.execute(db);
    await sql`create trigger report_stale_wait after insert on case_events for each row when (new.${carriesAWait}) execute function report_mark_case_of_row_stale()`.execute(db);
    await sql`create trigger report_stale_holiday after insert or delete on holidays for each row execute function report_mark_holiday_stale()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const name of [
      "report_stale_case_insert",
      "report_stale_case_update",
      "report_stale_case_delete",
      "report_stale_message_insert",
      "report_stale_message_delete",
      "report_stale_wait_insert",
      "report_stale_holiday_insert",
      "report_stale_holiday_delete",
    ])
      await sql`drop trigger if exists ${sql.ref(name)}`.execute(db);
  } else {
    await sql`drop trigger if exists report_stale_case on cases`.execute(db);
    await sql`drop trigger if exists report_stale_message_insert on messages`.execute(db);
    await sql`drop trigger if exists report_stale_message_delete on messages`.execute(db);
    await sql`drop trigger if exists report_stale_wait on case_events`.execute(db);
    await sql`drop trigger if exists report_stale_holiday on holidays`.execute(db);
    await sql`drop function if exists report_mark_case_stale()`.execute(db);
    await sql`drop function if exists report_mark_case_of_row_stale()`.execute(db);
    await sql`drop function if exists report_mark_holiday_stale()`.execute(db);
    await sql`drop sequence if exists report_stale_sequence`.execute(db);
  }
  for (const table of ["report_fold_state", "report_durations", "report_month_sums", "report_case_folds", "report_stale_cases"]) await db.schema.dropTable(table).ifExists().execute();
}
