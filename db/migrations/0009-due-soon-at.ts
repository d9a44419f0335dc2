import { sql, SqliteAdapter, type Kysely, type RawBuilder } from "kysely";

/**
 * `cases.due_soon_at`: from when the SLA sweep must look at a case for a due-soon alert. Decision 0009's test `due × p + start × (100 − p) ≤ now × 100` mixes
 * two columns, so no index could bound it and every sweep read every open case with a running
 * clock (docs/BENCHMARKS.md, finding 3); stored, it is an index range. The rule lives in
 * app/sla/due-soon-at.ts; this backfill repeats it in SQL, frozen as the rule stood when it was
 * written: the earliest of the next deadline at 75 % and each running clock at its policy's
 * fraction (at most 75 %), rounded up to the millisecond; null when nothing is due.
 */
const defaultPercent = 75;

/** A clock's due-soon percent for the case's category: its policy's, never above the default. */
function clockPercent(clock: string): RawBuilder<number> {
  const policy = sql`(select cast(round(p.due_soon_fraction * 100) as integer) from sla_policies p where p.category_id = cases.category_id and p.clock = ${sql.lit(clock)})`;
  return sql<number>`(case when coalesce(${policy}, ${sql.lit(defaultPercent)}) < ${sql.lit(defaultPercent)} then ${policy} else ${sql.lit(defaultPercent)} end)`;
}

/** The first millisecond at which a clock due at `dueAt` is due soon at `percent` (integer division rounds up here: every term is positive). */
function moment(dueAt: RawBuilder<unknown>, percent: RawBuilder<number>): RawBuilder<number> {
  return sql<number>`((${dueAt} * ${percent} + cases.created_at * (100 - ${percent}) + 99) / 100)`;
}

function runningClockMoment(dueColumn: string, metColumn: string, clock: string, alsoRunning: RawBuilder<unknown> = sql`1 = 1`): RawBuilder<number> {
  const dueAt = sql.ref(`cases.${dueColumn}`);
  return sql<number>`(case when ${dueAt} is not null and ${sql.ref(`cases.${metColumn}`)} is null and ${alsoRunning} then ${moment(dueAt, clockPercent(clock))} end)`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("cases").addColumn("due_soon_at", "bigint").execute();

  const next = moment(sql.ref("cases.next_due_at"), sql<number>`${sql.lit(defaultPercent)}`);
  const clocks = [
    runningClockMoment("acknowledge_due_at", "acknowledged_at", "acknowledge"),
    runningClockMoment("first_response_due_at", "first_response_at", "first_response"),
    runningClockMoment("resolve_due_at", "resolved_at", "resolve", sql`cases.paused_at is null`),
  ];
  // SQLite's scalar min() and PostgreSQL's least() both take several arguments; a clock that is
  // not running falls back to the next deadline's moment, which is always there.
  const smallest = db.getExecutor().adapter instanceof SqliteAdapter ? sql.raw("min") : sql.raw("least");
  const earliest = sql`${smallest}(${next}, ${sql.join(clocks.map((clock) => sql`coalesce(${clock}, ${next})`))})`;
  await sql`update cases set due_soon_at = ${earliest} where next_due_at is not null`.execute(db);

  // With status, as the other candidate indexes (0008): finished cases have none, and the sweep
  // reads open cases whose due-soon moment has come.
  await db.schema.createIndex("cases_status_due_soon_index").ifNotExists().on("cases").columns(["status", "due_soon_at", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("cases_status_due_soon_index").ifExists().execute();
  await db.schema.alterTable("cases").dropColumn("due_soon_at").execute();
}
