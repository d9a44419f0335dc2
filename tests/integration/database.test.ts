import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/connect";
import { migrateToLatest, migrations } from "../../db/migrate";
import { insertBareCase } from "../support/case-rows";
import { createTestDatabase, describeEachDialect, dialects, postgresAdmin } from "../support/databases";

describeEachDialect("the database", (current) => {
  it("stores timestamps as numbers and reads them back as numbers", async () => {
    const { db } = current();
    const at = Date.UTC(2026, 10, 25, 8, 30, 15, 123);
    await db.insertInto("settings").values({ key: "probe", value: "{}", updated_at: at }).execute();
    const row = await db.selectFrom("settings").selectAll().where("key", "=", "probe").executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(at);
    expect(typeof row.updated_at).toBe("number");
  });

  it("stores flags as 0 and 1 and counts as numbers", async () => {
    const { db } = current();
    await db.insertInto("teams").values({ id: "t1", code: "a", name_th: "ก", name_en: "A", is_active: 1, created_at: 1 }).execute();
    await db.insertInto("teams").values({ id: "t2", code: "b", name_th: "ข", name_en: "B", is_active: 0, created_at: 2 }).execute();
    const active = await db.selectFrom("teams").select("id").where("is_active", "=", 1).execute();
    expect(active.map((team) => team.id)).toEqual(["t1"]);
    const { count } = await db.selectFrom("teams").select((expression) => expression.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
    expect(count).toBe(2);
  });

  it("enforces foreign keys", async () => {
    const { db } = current();
    await expect(
      db.insertInto("categories").values({ id: "c1", code: "x", kind: "complaint", name_th: "x", name_en: "x", team_id: "missing", is_active: 1, sort_order: 0, created_at: 1 }).execute(),
    ).rejects.toThrow();
  });

  it("keeps one escalation per case and rule", async () => {
    const { db } = current();
    await insertBareCase(db, { id: "case1" });
    const escalation = { case_id: "case1", rule: "resolve_breached", reason_encrypted: null, escalated_by_id: null, routed_to_role: "executive" as const, created_at: 1, decision: null, decision_note_encrypted: null, decided_by_id: null, decided_at: null, action_due_at: null };
    await db.insertInto("escalations").values({ id: "e1", ...escalation }).execute();
    await expect(db.insertInto("escalations").values({ id: "e2", ...escalation }).execute()).rejects.toThrow();
  });
});

describe("migrations", () => {
  for (const dialect of dialects) {
    it(`run from empty and again without change [${dialect}]`, async () => {
      const database = await createTestDatabase(dialect);
      try {
        // The template is already migrated: running again must find nothing to do.
        const again = await migrateToLatest(database.db);
        expect(again.results).toEqual([]);
        const executed = await database.db.selectFrom("kysely_migration" as never).select("name" as never).execute();
        expect(executed.map((row) => (row as { name: string }).name)).toEqual(Object.keys(migrations));
      } finally {
        await database.destroy();
      }
    });
  }

  it("create every table on an empty SQLite file", async () => {
    const { db } = createDb("file::memory:");
    try {
      await migrateToLatest(db);
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
      expect(tables.rows.map((row) => row.name)).toEqual(
        expect.arrayContaining(["cases", "case_events", "messages", "attachments", "staff_users", "sessions", "teams", "categories", "sla_policies", "holidays", "escalations", "conflicts", "audit_log", "outbox", "settings"]),
      );
    } finally {
      await db.destroy();
    }
  });
});

describe("a PostgreSQL connection that breaks", () => {
  it("is reported and replaced, not an uncaught error that stops the node", async () => {
    const database = await createTestDatabase("postgres");
    const errors: Error[] = [];
    const { db } = createDb(database.url, { poolSize: 1, onConnectionError: (error) => errors.push(error) });
    try {
      await sql`select 1`.execute(db);
      const databaseName = new URL(database.url).pathname.slice(1);
      await postgresAdmin().query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [databaseName]);
      await expect.poll(() => errors.length).toBeGreaterThan(0);
      const result = await sql<{ answer: number }>`select 42 as answer`.execute(db);
      expect(result.rows[0]?.answer).toBe(42);
    } finally {
      await db.destroy();
      await database.destroy();
    }
  });
});
