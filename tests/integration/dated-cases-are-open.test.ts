import { Migrator, sql, type Insertable, type Kysely } from "kysely";
import { expect, it } from "vitest";
import { listQueue } from "../../app/cases/queues.server";
import { finishedStatuses, openStatuses } from "../../app/cases/case-lifecycle";
import { migrateToLatest, migrations } from "../../db/migrate";
import type { CasesTable, Database } from "../../db/schema";
import { insertBareCase } from "../support/case-rows";
import { describeEachDialect } from "../support/databases";
import { planOf, queryRecorder } from "../support/query-recorder";

const filedAt = Date.parse("2026-11-02T10:00:00+07:00");
const hour = 60 * 60 * 1000;
const supervisor = { id: "staff-supervisor", role: "supervisor" as const, teamId: "team-1" };

/** Copies of the bare case: `dated` open ones, each with its own deadline, and `finished` closed ones with none. */
async function insertManyCases(db: Kysely<Database>, dated: number, finished: number): Promise<void> {
  await insertBareCase(db, {}, filedAt);
  const original = await db.selectFrom("cases").selectAll().where("id", "=", "case-1").executeTakeFirstOrThrow();
  const rows: Array<Insertable<CasesTable>> = [];
  for (let index = 0; index < dated + finished; index += 1) {
    const isDated = index < dated;
    rows.push({
      ...original,
      id: `case-bulk-${String(index).padStart(6, "0")}`,
      reference: `PS-2569-${String(index + 100).padStart(6, "0")}`,
      tracking_lookup: `lookup-bulk-${index}`,
      status: isDated ? "in_progress" : "closed",
      closed_at: isDated ? null : filedAt + hour,
      next_due_at: isDated ? filedAt + (index + 1) * hour : null,
    });
  }
  for (let start = 0; start < rows.length; start += 400) await db.insertInto("cases").values(rows.slice(start, start + 400)).execute();
}

describeEachDialect("a case with a next deadline is an open case (migration 0012)", (current) => {
  it("is a rule the database enforces on every insert and update", async () => {
    const { db } = current();
    await insertBareCase(db, { next_due_at: filedAt + hour }, filedAt);
    const original = await db.selectFrom("cases").selectAll().where("id", "=", "case-1").executeTakeFirstOrThrow();

    for (const [index, status] of finishedStatuses.entries()) {
      const row = { ...original, id: `case-finished-${status}`, reference: `PS-2569-00010${index}`, tracking_lookup: `lookup-${status}`, status };
      await expect(db.insertInto("cases").values(row).execute(), status).rejects.toThrow(/cases_dated_is_open/);
      await db.insertInto("cases").values({ ...row, next_due_at: null }).execute();
      await expect(db.updateTable("cases").set({ next_due_at: filedAt }).where("id", "=", row.id).execute(), status).rejects.toThrow(/cases_dated_is_open/);
    }
    await expect(db.updateTable("cases").set({ status: "closed" }).where("id", "=", "case-1").execute()).rejects.toThrow(/cases_dated_is_open/);
    // The refused writes left the case as it was.
    expect(await db.selectFrom("cases").select(["status", "next_due_at"]).where("id", "=", "case-1").executeTakeFirstOrThrow()).toEqual({ status: "new", next_due_at: filedAt + hour });

    for (const status of openStatuses) {
      await db.updateTable("cases").set({ status }).where("id", "=", "case-1").execute();
    }
    await db.updateTable("cases").set({ status: "closed", closed_at: filedAt + hour, next_due_at: null }).where("id", "=", "case-1").execute();
    expect(await db.selectFrom("cases").select(["status", "next_due_at"]).where("id", "=", "case-1").executeTakeFirstOrThrow()).toEqual({ status: "closed", next_due_at: null });
  });

  it("is established by the migration: a finished case that carried a deadline loses it", async () => {
    const { db } = current();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0011-report-indexes")).error).toBeUndefined();
    await insertBareCase(db, { status: "closed", closed_at: filedAt + hour, next_due_at: filedAt + 2 * hour, due_soon_at: filedAt + hour, is_overdue: 1 }, filedAt);
    await migrateToLatest(db);
    expect(await db.selectFrom("cases").select(["next_due_at", "due_soon_at", "is_overdue"]).where("id", "=", "case-1").executeTakeFirstOrThrow()).toEqual({
      next_due_at: null,
      due_soon_at: null,
      is_overdue: 1,
    });
    await expect(db.updateTable("cases").set({ next_due_at: filedAt }).where("id", "=", "case-1").execute()).rejects.toThrow(/cases_dated_is_open/);
  });

  it("lets a deep queue page walk the deadline index from its key instead of sorting every dated case", async () => {
    const { db, dialect } = current();
    await insertManyCases(db, 3000, 27000);
    // SQLite as a grown database stands before its next statistics refresh (none); PostgreSQL as
    // autovacuum leaves it, with statistics that show how few cases are open and dated.
    if (dialect === "postgres") await sql`analyze cases`.execute(db);
    const recorded = queryRecorder(db);
    let after: string | undefined;
    for (let page = 0; page < 40; page += 1) {
      const result = await listQueue(recorded.db, supervisor, "all", {}, { after, limit: 25 }, filedAt);
      expect(result.rows).toHaveLength(25);
      expect(result.rows[0]?.nextDueAt).toBe(filedAt + (page * 25 + 1) * hour);
      after = result.nextCursor ?? undefined;
    }
    const deepPage = recorded.compiled().at(-1)!;
    const explain = dialect === "sqlite" ? "explain query plan" : "explain";
    const plan = await planOf(db, explain, deepPage);
    expect(plan).toMatch(/cases_next_due_index/);
    expect(plan).not.toMatch(dialect === "sqlite" ? /TEMP B-TREE FOR ORDER BY/ : /Sort/);
  });
});
