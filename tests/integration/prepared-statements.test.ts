import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, preparedStatement, type Database } from "../../app/db.server";
import { fileCase } from "../../app/intake/intake.server";
import { prepareDatabase } from "../../app/startup.server";
import { createTestDatabase, describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/*
 * Named prepared statements (decision 0023): what `preparedStatement` marks is parsed once per
 * PostgreSQL connection and planned no more once a generic plan is chosen; nothing else is kept.
 * The pools here hold one connection, so pg_prepared_statements (which shows the asking session's
 * statements only) sees the statements the tests ran.
 */

interface PreparedRow {
  statement: string;
  generic_plans: number;
  custom_plans: number;
}

async function preparedOnConnection(db: Kysely<Database>): Promise<PreparedRow[]> {
  const { rows } = await sql<PreparedRow>`select statement, generic_plans, custom_plans from pg_prepared_statements order by statement`.execute(db);
  return rows;
}

const teamCode = (db: Kysely<Database>, code: string) => db.selectFrom("teams").select("code").where("code", "=", code);

describe("prepared statements on PostgreSQL", () => {
  async function singleConnection() {
    const database = await createTestDatabase("postgres");
    const { db } = createDb(database.url, { poolSize: 1 });
    return {
      db,
      async destroy() {
        await db.destroy();
        await database.destroy();
      },
    };
  }

  it("keep a marked statement on the connection, planned once and then no more, and nothing unmarked", async () => {
    const { db, destroy } = await singleConnection();
    try {
      await db.insertInto("teams").values([1, 2, 3, 4, 5, 6, 7].map((index) => ({ id: `t${index}`, code: `team${index}`, name_th: "ทีม", name_en: "Team", is_active: 1, created_at: index }))).execute();
      for (let index = 1; index <= 7; index += 1) {
        const { rows } = await db.executeQuery(preparedStatement(teamCode(db, `team${index}`)));
        expect(rows).toEqual([{ code: `team${index}` }]);
        // The same query unmarked, for contrast: it must leave nothing behind.
        expect(await teamCode(db, `team${index}`).execute()).toEqual([{ code: `team${index}` }]);
      }
      const prepared = await preparedOnConnection(db);
      expect(prepared).toHaveLength(1);
      expect(prepared[0]!.statement).toBe(`/* prepared */ ${teamCode(db, "").compile().sql}`);
      // Seven runs: PostgreSQL plans the first five for their values, then settles on the generic plan.
      expect(prepared[0]!.custom_plans + prepared[0]!.generic_plans).toBe(7);
      expect(prepared[0]!.generic_plans).toBeGreaterThan(0);
    } finally {
      await destroy();
    }
  });

  it("keep at most 64 texts per connection; past that, marked texts still run, unnamed", async () => {
    const { db, destroy } = await singleConnection();
    try {
      for (let width = 1; width <= 70; width += 1) {
        // An IN list of `width` values: a different text each time, as a mistaken mark would give.
        const codes = Array.from({ length: width }, (_, index) => `code${index}`);
        const { rows } = await db.executeQuery(preparedStatement(db.selectFrom("teams").select("code").where("code", "in", codes)));
        expect(rows).toEqual([]);
      }
      expect(await preparedOnConnection(db)).toHaveLength(64);
    } finally {
      await destroy();
    }
  });

  it("hold a filing's three statements: the category, then the reference and audit head, then the case", async () => {
    const { db, destroy } = await singleConnection();
    try {
      const services = testServices({ db, dialect: "postgres" });
      await prepareDatabase(services, Date.parse("2026-01-01T00:00:00+07:00"));
      const submission = { kind: "corruption_tip" as const, categoryCode: "corruption.bribery", narrative: "เจ้าหน้าที่เรียกรับเงิน", details: {}, reporterRelation: "outside" as const, files: [] };
      for (let filing = 0; filing < 2; filing += 1) {
        const result = await fileCase(services, submission, { channel: "web" }, Date.parse("2026-11-25T10:00:00+07:00") + filing);
        expect("receipt" in result).toBe(true);
      }
      const prepared = await preparedOnConnection(db);
      const statements = prepared.map((row) => row.statement);
      expect(statements).toHaveLength(3);
      expect(statements.some((text) => text.includes(`from "categories"`))).toBe(true);
      expect(statements.some((text) => text.includes(`"reference_counters"`) && text.includes(`"audit_head"`))).toBe(true);
      expect(statements.some((text) => text.includes(`insert into "cases"`) && text.includes(`insert into "audit_log"`))).toBe(true);
      for (const row of prepared) expect(row.custom_plans + row.generic_plans).toBe(2);
    } finally {
      await destroy();
    }
  });
});

describeEachDialect("a statement marked for preparing", (current) => {
  it("runs like any other statement", async () => {
    const { db } = current();
    await db.insertInto("teams").values({ id: "t1", code: "team1", name_th: "ทีม", name_en: "Team", is_active: 1, created_at: 1 }).execute();
    const { rows } = await db.executeQuery(preparedStatement(teamCode(db, "team1")));
    expect(rows).toEqual([{ code: "team1" }]);
  });
});
