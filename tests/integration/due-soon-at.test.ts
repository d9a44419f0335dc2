import { Migrator, sql } from "kysely";
import { expect, it } from "vitest";
import { optimizeDatabase } from "../../db/connect";
import { migrateToLatest, migrations } from "../../db/migrate";
import { dueSoonAtOf, dueSoonMoment } from "../../app/sla/due-soon-at";
import { insertBareCase } from "../support/case-rows";
import { describeEachDialect } from "../support/databases";

const filedAt = Date.parse("2026-11-02T10:00:00+07:00");
const hour = 60 * 60 * 1000;
const day = 24 * hour;

describeEachDialect("cases.due_soon_at", (current) => {
  it("is backfilled by migration 0009 for open cases exactly as the rule computes it, with each clock's policy fraction", async () => {
    const { db } = current();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo("0008-sweep-candidate-indexes");
    expect(down.error).toBeUndefined();

    await insertBareCase(db, {}, filedAt);
    // Odd fractions and odd instants, so the rounding up to the millisecond is exercised.
    for (const [clock, fraction] of [["acknowledge", 0.9], ["first_response", 0.05], ["resolve", 0.33]] as const) {
      await db.insertInto("sla_policies").values({ id: `policy-${clock}`, category_id: "category-1", clock, amount: 3, unit: "calendar_days", due_soon_fraction: fraction }).execute();
    }
    const deadlines = { acknowledge_due_at: filedAt + 3 * day + 7, first_response_due_at: filedAt + 15 * day + 13, resolve_due_at: filedAt + 60 * day + 1 };
    const cases = [
      { id: "case-1", ...deadlines, next_due_at: deadlines.acknowledge_due_at },
      { id: "case-2", ...deadlines, status: "in_progress", acknowledged_at: filedAt + hour, next_due_at: deadlines.first_response_due_at },
      { id: "case-3", ...deadlines, status: "in_progress", acknowledged_at: filedAt + hour, first_response_at: filedAt + 2 * hour, next_due_at: deadlines.resolve_due_at },
      { id: "case-4", ...deadlines, status: "awaiting_reporter", acknowledged_at: filedAt + hour, first_response_at: filedAt + hour, paused_at: filedAt + hour, next_due_at: null },
      { id: "case-5", ...deadlines, status: "closed", closed_at: filedAt + day, next_due_at: null },
      // An executive's order ahead of every clock.
      { id: "case-6", ...deadlines, status: "in_progress", acknowledged_at: filedAt + hour, next_due_at: filedAt + day + 3 },
    ] as const;
    for (const [index, row] of cases.entries()) {
      if (index === 0) await db.updateTable("cases").set(row).where("id", "=", "case-1").execute();
      else {
        const original = await db.selectFrom("cases").selectAll().where("id", "=", "case-1").executeTakeFirstOrThrow();
        await db
          .insertInto("cases")
          .values({ ...original, acknowledged_at: null, first_response_at: null, paused_at: null, status: "new", ...row, reference: `PS-2569-00000${index + 1}`, tracking_lookup: `lookup-${index}` })
          .execute();
      }
    }
    await migrateToLatest(db);

    const fractions: Record<string, number> = { acknowledge: 0.9, first_response: 0.05, resolve: 0.33 };
    const rows = await db.selectFrom("cases").selectAll().orderBy("id").execute();
    const expected = rows.map((row) =>
      dueSoonAtOf({
        nextDueAt: row.next_due_at,
        createdAt: row.created_at,
        pausedAt: row.paused_at,
        deadlines: { acknowledgeDueAt: row.acknowledge_due_at, firstResponseDueAt: row.first_response_due_at, resolveDueAt: row.resolve_due_at },
        progress: { acknowledgedAt: row.acknowledged_at, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at },
        dueSoonFraction: (clock) => fractions[clock],
      }),
    );
    expect(rows.map((row) => row.due_soon_at)).toEqual(expected);
    expect(expected.slice(3, 5)).toEqual([null, null]);
    // The smallest fraction's clock comes first; a clock met or paused no longer counts.
    expect(expected[0]).toBe(dueSoonMoment(deadlines.first_response_due_at, filedAt, 5));
    expect(expected[2]).toBe(dueSoonMoment(deadlines.resolve_due_at, filedAt, 33));
  });

  it("gets fresh planner statistics on SQLite from optimizeDatabase, and it is harmless on PostgreSQL", async () => {
    const { db, dialect } = current();
    await insertBareCase(db, {}, filedAt);
    await db.selectFrom("cases").select("id").where("status", "=", "new").execute();
    await optimizeDatabase(db, dialect);
    if (dialect === "sqlite") {
      const statistics = await sql<{ tbl: string }>`select tbl from sqlite_stat1`.execute(db);
      expect(statistics.rows.map((row) => row.tbl)).toContain("cases");
    }
  });
});
