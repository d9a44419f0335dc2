import type { Kysely } from "kysely";

/**
 * The SLA sweep's escalation candidates (critical priority; a corruption tip naming a senior
 * official) are a handful of cases, but without these indexes every sweep read all open cases to
 * find them: 0.4 s each at 10⁵ open cases on SQLite (docs/BENCHMARKS.md), once a minute. With
 * them each set is an index seek on its rare value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("cases_priority_status_index").ifNotExists().on("cases").columns(["priority", "status"]).execute();
  await db.schema.createIndex("cases_senior_official_index").ifNotExists().on("cases").columns(["names_senior_official", "kind", "status"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("cases_senior_official_index").ifExists().execute();
  await db.schema.dropIndex("cases_priority_status_index").ifExists().execute();
}
