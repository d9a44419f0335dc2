import { type Kysely } from "kysely";

/**
 * A team's cases by status, each assignee's cases by status, and the cases nobody holds (a null
 * assignee) by status: what the "team", "mine" and "unassigned" tabs count, up to the cap, on every
 * queue page. Without them those counts found their members through `cases_team_due_index` or
 * `cases_assignee_due_index`, whose entries start with the finished cases (no deadline sorts
 * first), or through an index of every team's cases by status. SQLite without statistics, as a
 * grown database stands until its next refresh, then read thousands of rows to find a hundred:
 * a supervisor's tab counts took 41 ms at 10⁵ cases, 43 ms at 10⁶, nearly all of it the team's
 * count; with these indexes 2.3 ms at 10⁵ (docs/BENCHMARKS.md, finding 1). Statistics or not,
 * each of these counts is now a few ranges of one index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("cases_team_status_index").ifNotExists().on("cases").columns(["team_id", "status"]).execute();
  await db.schema.createIndex("cases_assignee_status_index").ifNotExists().on("cases").columns(["assignee_id", "status"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("cases_assignee_status_index").ifExists().execute();
  await db.schema.dropIndex("cases_team_status_index").ifExists().execute();
}
