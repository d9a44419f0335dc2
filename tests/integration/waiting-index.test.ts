import { sql, type CompiledQuery, type Insertable, type Kysely } from "kysely";
import { expect, it } from "vitest";
import { listQueue } from "../../app/cases/queues.server";
import type { CasesTable, Database } from "../../db/schema";
import { insertBareCase } from "../support/case-rows";
import { describeEachDialect } from "../support/databases";
import { planOf, queryRecorder } from "../support/query-recorder";

const filedAt = Date.parse("2026-11-02T10:00:00+07:00");
const now = filedAt + 1000 * 24 * 60 * 60 * 1000;
const minute = 60 * 1000;
const hour = 60 * minute;
const supervisor = { id: "staff-supervisor", role: "supervisor" as const, teamId: "team-1" };

interface WaitingCase {
  id: string;
  pausedAt: number | null;
  updatedAt: number;
}

/**
 * Copies of the bare case: the `waiting` ones as given, then `others` that do not wait — open with a
 * deadline (the rule of migration 0012 kept), or closed without one.
 */
async function insertCases(db: Kysely<Database>, waiting: readonly WaitingCase[], others: number): Promise<void> {
  await insertBareCase(db, { status: "closed", closed_at: filedAt + hour }, filedAt);
  const original = await db.selectFrom("cases").selectAll().where("id", "=", "case-1").executeTakeFirstOrThrow();
  const copy = (index: number, fields: Partial<Insertable<CasesTable>>): Insertable<CasesTable> => ({
    ...original,
    reference: `PS-2569-${String(index + 100).padStart(6, "0")}`,
    tracking_lookup: `lookup-bulk-${index}`,
    ...fields,
  });
  const rows: Array<Insertable<CasesTable>> = waiting.map((spec, index) =>
    copy(index, { id: spec.id, status: "awaiting_reporter", closed_at: null, paused_at: spec.pausedAt, updated_at: spec.updatedAt }),
  );
  for (let index = 0; index < others; index += 1) {
    const isOpen = index % 3 === 0;
    rows.push(
      copy(waiting.length + index, {
        id: `case-other-${String(index).padStart(6, "0")}`,
        status: isOpen ? "in_progress" : "closed",
        closed_at: isOpen ? null : filedAt + hour,
        next_due_at: isOpen ? filedAt + (index + 1) * minute : null,
        updated_at: filedAt + index * minute,
      }),
    );
  }
  for (let start = 0; start < rows.length; start += 400) await db.insertInto("cases").values(rows.slice(start, start + 400)).execute();
}

/** Every page of the waiting queue, following the cursors. */
async function waitingPages(db: Kysely<Database>, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | undefined;
  for (;;) {
    const { rows, nextCursor } = await listQueue(db, supervisor, "awaiting_reporter", {}, { after, limit }, now);
    pages.push(rows.map((row) => row.id));
    if (nextCursor === null) return pages;
    expect(pages.length).toBeLessThan(100);
    after = nextCursor;
  }
}

/**
 * PostgreSQL's plan for the query as a reused prepared statement's: made once for any parameters,
 * without their values. The statements node-postgres sends are planned with their values, so only
 * this plan shows whether the query's own text proves the partial index's predicate.
 */
async function genericPlanOf(db: Kysely<Database>, query: CompiledQuery): Promise<string> {
  const values = query.parameters.map((value) => (typeof value === "number" ? String(value) : `'${String(value).replaceAll("'", "''")}'`));
  return db.connection().execute(async (connection) => {
    await sql`set plan_cache_mode = force_generic_plan`.execute(connection);
    await sql.raw(`prepare waiting_page as ${query.sql}`).execute(connection);
    const plan = await planOf(connection, "explain", { ...query, sql: `execute waiting_page(${values.join(", ")})`, parameters: [] });
    await sql`deallocate waiting_page`.execute(connection);
    await sql`reset plan_cache_mode`.execute(connection);
    return plan;
  });
}

describeEachDialect("the waiting queue's index (migration 0013)", (current) => {
  it("lists every waiting case exactly once across pages, longest wait first, the id breaking ties", async () => {
    const { db } = current();
    // Waiting since the pause, or since the last change when no pause moment is kept; a, b, c and d
    // wait from the same moment, by either column, and come in the order of their ids.
    const waiting: WaitingCase[] = [
      { id: "case-wait-e", pausedAt: filedAt + 5 * hour, updatedAt: filedAt + 9 * hour },
      { id: "case-wait-c", pausedAt: null, updatedAt: filedAt + 2 * hour },
      { id: "case-wait-a", pausedAt: filedAt + 2 * hour, updatedAt: filedAt + 8 * hour },
      { id: "case-wait-g", pausedAt: null, updatedAt: filedAt + hour },
      { id: "case-wait-b", pausedAt: filedAt + 2 * hour, updatedAt: filedAt + 3 * hour },
      { id: "case-wait-f", pausedAt: filedAt + 4 * hour, updatedAt: filedAt + 4 * hour },
      { id: "case-wait-d", pausedAt: null, updatedAt: filedAt + 2 * hour },
    ];
    await insertCases(db, waiting, 12);
    const expected = ["case-wait-g", "case-wait-a", "case-wait-b", "case-wait-c", "case-wait-d", "case-wait-f", "case-wait-e"];
    for (const limit of [1, 2, 3, 7, 100]) {
      const pages = await waitingPages(db, limit);
      expect(pages.flat(), `pages of ${limit}`).toEqual(expected);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
    const { rows } = await listQueue(db, supervisor, "awaiting_reporter", {}, { limit: 2 }, now);
    expect(rows.map((row) => row.waitingSince)).toEqual([filedAt + hour, filedAt + 2 * hour]);
  });

  it("lets a page walk the index from its cursor instead of reading and sorting every waiting case", async () => {
    const { db, dialect } = current();
    const waiting = Array.from({ length: 3000 }, (_, index) => ({
      id: `case-wait-${String(index).padStart(6, "0")}`,
      // Every fifth case without a pause moment, so both arguments of the coalesce count.
      pausedAt: index % 5 === 0 ? null : filedAt + index * minute,
      updatedAt: filedAt + index * minute,
    }));
    await insertCases(db, waiting, 27000);
    if (dialect === "postgres") await sql`analyze cases`.execute(db);
    const recorded = queryRecorder(db);
    let after: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await listQueue(recorded.db, supervisor, "awaiting_reporter", {}, { after, limit: 100 }, now);
      expect(result.rows.map((row) => row.id)).toEqual(waiting.slice(page * 100, page * 100 + 100).map((spec) => spec.id));
      after = result.nextCursor ?? undefined;
    }
    const pages = [recorded.compiled().at(0)!, recorded.compiled().at(-1)!];

    const plans: Array<{ label: string; plan: string }> = [];
    if (dialect === "sqlite") {
      // As a grown database stands before its next statistics refresh (none), then after it.
      for (const statistics of ["without statistics", "with statistics"]) {
        if (statistics === "with statistics") await sql`analyze`.execute(db);
        for (const page of pages) plans.push({ label: `${statistics}: ${page.sql}`, plan: await planOf(db, "explain query plan", page) });
      }
    } else {
      for (const page of pages) {
        plans.push({ label: `as sent: ${page.sql}`, plan: await planOf(db, "explain", page) });
        plans.push({ label: `generic: ${page.sql}`, plan: await genericPlanOf(db, page) });
      }
    }
    for (const { label, plan } of plans) {
      expect(plan, label).toMatch(/cases_waiting_index/);
      expect(plan, label).not.toMatch(dialect === "sqlite" ? /TEMP B-TREE FOR ORDER BY/ : /Sort/);
    }
  });
});
