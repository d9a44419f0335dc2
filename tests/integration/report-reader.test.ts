import { sql } from "kysely";
import pg from "pg";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { createReportReader } from "../../app/db.server";
import { fileCase } from "../../app/intake/intake.server";
import { computeReport } from "../../app/reports/kept-figures.server";
import { computeMetrics, computeMetricsFromKeptFigures } from "../../app/reports/metrics.server";
import { prepareDatabase } from "../../app/startup.server";
import { createTestDatabase, postgresAdmin } from "../support/databases";
import { testServices } from "../support/services";

/**
 * On SQLite the reports read through a read-only connection of their own, and their pass over the
 * cases lets the event loop turn every thousand rows: a fiscal-year report no longer holds the one
 * connection and the one thread every request needs (db/connect.ts `createReportReader`,
 * `rowsBetweenTurns` in app/reports/metrics.server.ts). Measured in turns, not in time: while one
 * report runs, the main connection answers and commits at every turn of the loop.
 */
describe("the reports' own SQLite connection", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A file database with `count` cases: one filed through intake, the rest copies of it with their own ids. */
  async function databaseWithCases(count: number) {
    const database = await createTestDatabase("sqlite");
    cleanups.push(() => database.destroy());
    const services = testServices(database);
    const filedAt = Date.UTC(2026, 0, 15, 3);
    await prepareDatabase(services, filedAt);
    const filed = await fileCase(services, { kind: "complaint", categoryCode: "complaint.service_quality", narrative: "รอคิวนานกว่าสามชั่วโมง", details: {}, reporterRelation: "unknown", files: [] }, { channel: "web" }, filedAt);
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const columns = (await sql<{ name: string }>`select name from pragma_table_info('cases')`.execute(database.db)).rows.map((row) => row.name);
    const copied = columns.map((column) => {
      // The unique columns get the copy's number; each copy is filed a minute after the one before.
      if (column === "id" || column === "reference" || column === "tracking_lookup") return sql`${sql.ref(column)} || '-' || n.i`;
      if (column === "created_at") return sql`created_at + n.i * 60000`;
      return sql.ref(column);
    });
    await sql`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count - 1})
      insert into cases (${sql.join(columns.map((column) => sql.ref(column)))})
      select ${sql.join(copied)} from cases, n where cases.id = ${filed.receipt.caseId}`.execute(database.db);
    const reader = createReportReader(database.url)!;
    cleanups.push(() => reader.destroy());
    return { services: { ...services, reportDb: reader }, now: filedAt + (count + 10) * 60_000 };
  }

  it("answers the main connection, and commits its writes, at every turn while a report runs", async () => {
    const { services, now } = await databaseWithCases(6_000);
    const calendar = await loadBusinessCalendar(services.db);
    const query = { fiscalYear: 2569, period: "month" as const, now };

    let reportDone = false;
    const report = computeMetrics(services.reportDb, query, calendar).finally(() => {
      reportDone = true;
    });
    let answeredMeanwhile = 0;
    while (!reportDone) {
      await services.db.insertInto("settings").values({ key: `turn-${answeredMeanwhile}`, value: "{}", updated_at: now }).execute();
      await services.db.selectFrom("settings").select("key").where("key", "=", `turn-${answeredMeanwhile}`).executeTakeFirstOrThrow();
      if (!reportDone) answeredMeanwhile += 1;
      await nextTurn();
    }
    const figures = await report;
    // Six thousand rows are six turns of the pass; on the one connection, without turns, none of this ran meanwhile.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(5);
    expect(figures.periods.reduce((sum, period) => sum + period.values.received, 0)).toBe(6_000);
    // The same figures as through the main connection.
    expect(figures).toEqual(await computeMetrics(services.db, query, calendar));
  });

  it("lets the event loop turn between the statements of reports queued on it, as /statistics queues thirty", async () => {
    // Few cases, so no pass is long enough to turn by itself: the turns here are the driver's, one a statement.
    const { services, now } = await databaseWithCases(50);
    const calendar = await loadBusinessCalendar(services.db);
    let reportsDone = false;
    const reports = Promise.all(
      (["month", "quarter", "half", "year"] as const).flatMap((period) => (["complaint", "question"] as const).map((kind) => computeMetrics(services.reportDb, { fiscalYear: 2569, period, kind, now }, calendar))),
    ).finally(() => {
      reportsDone = true;
    });
    let answeredMeanwhile = 0;
    while (!reportsDone) {
      await services.db.selectFrom("settings").select("key").limit(1).execute();
      if (!reportsDone) answeredMeanwhile += 1;
      await nextTurn();
    }
    await reports;
    // Eight reports of five statements each; handed from one statement to the next in microtasks, they answered 1.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(20);
  });

  it("reads the kept figures in a snapshot of its own, after the main connection folded them", async () => {
    const { services, now } = await databaseWithCases(600);
    const calendar = await loadBusinessCalendar(services.db);
    const query = { fiscalYear: 2569, period: "month" as const, now };
    const report = await computeReport(services, query, calendar);
    expect(report).toEqual(await computeMetrics(services.db, query, calendar));
    expect(await computeMetricsFromKeptFigures(services.reportDb, query)).toEqual(report);
    expect(report.periods.reduce((total, period) => total + period.values.received, 0)).toBe(600);
  });

  it("is read-only, and an in-memory database has none", async () => {
    const { services, now } = await databaseWithCases(1);
    await expect(services.reportDb.insertInto("settings").values({ key: "from-the-reader", value: "{}", updated_at: now }).execute()).rejects.toThrow(/readonly/);
    expect(createReportReader("file::memory:")).toBeNull();
  });
});

describe("the reports' own PostgreSQL pool", () => {
  it("leaves the app's pool free while reports wait, however many", async () => {
    const database = await createTestDatabase("postgres");
    const reader = createReportReader(database.url)!;
    const locker = new pg.Client({ connectionString: database.url });
    try {
      const services = testServices(database);
      const now = Date.now();
      await prepareDatabase(services, now);
      const calendar = await loadBusinessCalendar(services.db);
      // Every report's first read (the categories) waits behind this lock, so the reports hold their
      // connections for as long as the test says: twelve reports, more than the app's pool of five.
      await locker.connect();
      await locker.query("begin");
      await locker.query("lock table categories in access exclusive mode");
      const reports = Promise.all(Array.from({ length: 12 }, () => computeMetrics(reader, { fiscalYear: 2569, period: "month", now }, calendar)));
      // Asked on another connection: inside the locker's transaction pg_stat_activity would stay as first read.
      const databaseName = new URL(database.url).pathname.slice(1);
      const waiting = async () => (await postgresAdmin().query("select count(*)::int as waiting from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'", [databaseName])).rows[0].waiting as number;
      await expect.poll(waiting, { timeout: 10_000 }).toBe(2);
      // The app's reads are answered meanwhile: on the app's own pool they waited for the reports.
      const answers = await Promise.all(Array.from({ length: 10 }, () => sql<{ answer: number }>`select 42 as answer`.execute(services.db)));
      expect(answers.map((answer) => answer.rows[0]!.answer)).toEqual(Array(10).fill(42));
      await locker.query("commit");
      expect((await reports).length).toBe(12);
    } finally {
      await locker.end();
      await reader.destroy();
      await database.destroy();
    }
  });
});
