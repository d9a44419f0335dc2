import { sql } from "kysely";
import { expect, it } from "vitest";
import { candidatePageQuery } from "../../app/escalation/sweep.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

type SweepContext = Parameters<typeof candidatePageQuery>[2];

describeEachDialect("the sweep's escalation and due-soon candidates", (current) => {
  it("have their own indexes (migrations 0008 and 0009)", async () => {
    const { db, dialect } = current();
    const indexes =
      dialect === "sqlite"
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'cases'`.execute(db)).rows.map((row) => row.name)
        : (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'cases'`.execute(db)).rows.map((row) => row.name);
    expect(indexes).toEqual(expect.arrayContaining(["cases_priority_status_index", "cases_senior_official_index", "cases_status_due_soon_index"]));
  });

  it("are read through those indexes, not by a scan of every open case (SQLite's plan)", async () => {
    const database = current();
    if (database.dialect !== "sqlite") return;
    const services = testServices(database);
    const context: SweepContext = {
      services,
      now: Date.UTC(2026, 10, 25),
      ladderFor: () => {
        throw new Error("the query never asks for a ladder");
      },
    };
    const plans: Record<string, string> = {};
    for (const set of ["critical_priority", "senior_official", "due_soon"] as const) {
      const compiled = candidatePageQuery(database.db, set, context, null, 200).compile();
      const { rows } = await database.db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
      plans[set] = rows.map((row) => row.detail).join(" / ");
    }
    expect(plans.critical_priority).toContain("cases_priority_status_index");
    expect(plans.senior_official).toContain("cases_senior_official_index");
    // A range of the stored due-soon bound, not every open case with a future deadline (finding 3).
    expect(plans.due_soon).toContain("cases_status_due_soon_index (status=? AND due_soon_at<?)");
  });
});
