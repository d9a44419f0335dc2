import { sql } from "kysely";
import { expect, it } from "vitest";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { fileCase } from "../../app/intake/intake.server";
import { computeMetrics } from "../../app/reports/metrics.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { planOf, queryRecorder } from "../support/query-recorder";
import { testServices } from "../support/services";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const reportTime = bangkok("2026-03-16T12:00:00");

async function fileOldCase(services: AppServices): Promise<string> {
  const result = await fileCase(
    services,
    { kind: "complaint", categoryCode: "complaint.staff_conduct", narrative: "รายละเอียดของเรื่อง", details: {}, reporterRelation: "outside", files: [] },
    { channel: "web" },
    bangkok("2025-09-01T09:00:00"),
  );
  if (!("receipt" in result)) throw new Error(JSON.stringify(result));
  return result.receipt.caseId;
}

describeEachDialect("the report's indexes (migration 0011)", (current) => {
  it("exist", async () => {
    const { db, dialect } = current();
    const indexes =
      dialect === "sqlite"
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(db)).rows.map((row) => row.name)
        : (await sql<{ name: string }>`select indexname as name from pg_indexes`.execute(db)).rows.map((row) => row.name);
    expect(indexes).toEqual(expect.arrayContaining(["cases_report_index", "messages_reporter_thread_index"]));
  });

  it("serve the case pass and the reporter messages, so neither scans its table", async () => {
    const database = current();
    const services = testServices(database);
    await prepareDatabase(services, bangkok("2024-10-01T00:00:00"));
    const { db, compiled } = queryRecorder(services.db);
    await computeMetrics(db, { fiscalYear: 2569, period: "month", now: reportTime }, await loadBusinessCalendar(services.db));
    const plans = await services.db.transaction().execute(async (transaction) => {
      // An empty table is cheapest to scan: this asks whether the index can serve the query, which
      // it cannot when the query's expression drifts from the migration's.
      if (database.dialect === "postgres") await sql`set local enable_seqscan = off`.execute(transaction);
      const explained: string[] = [];
      for (const query of compiled()) {
        const explain = database.dialect === "sqlite" ? "explain query plan" : "explain";
        explained.push(`${query.sql}\n${await planOf(transaction, explain, query)}`);
      }
      return explained;
    });
    const casePass = plans.filter((plan) => plan.includes('"cases"."paused_at"') && !plan.includes("case_events"));
    expect(casePass).toHaveLength(1);
    expect(casePass[0]).toMatch(database.dialect === "sqlite" ? /USING COVERING INDEX cases_report_index/ : /Index Only Scan using cases_report_index/);
    const reporterMessages = plans.filter((plan) => plan.includes("reporter_message"));
    // One read of them: the figures are counted from its rows.
    expect(reporterMessages).toHaveLength(1);
    for (const plan of reporterMessages) expect(plan).toContain("messages_reporter_thread_index");
  });

  it("still find a case completed before the year whose acknowledgement or first response came in it", async () => {
    const services = testServices(current());
    await prepareDatabase(services, bangkok("2024-10-01T00:00:00"));
    const acknowledgedLate = await fileOldCase(services);
    const answeredLate = await fileOldCase(services);
    // Odd histories, set directly: each case rejected in FY 2568 with every deadline in it, and one
    // stamp of it in FY 2569 (October 2025) — the only instant that puts it in the year.
    for (const [caseId, column] of [
      [acknowledgedLate, "acknowledged_at"],
      [answeredLate, "first_response_at"],
    ] as const) {
      await services.db
        .updateTable("cases")
        .set({
          status: "rejected",
          closed_at: bangkok("2025-09-05T09:00:00"),
          next_due_at: null,
          acknowledge_due_at: bangkok("2025-09-04T09:00:00"),
          first_response_due_at: bangkok("2025-09-22T09:00:00"),
          resolve_due_at: bangkok("2025-09-26T09:00:00"),
          [column]: bangkok("2025-10-20T09:00:00"),
        })
        .where("id", "=", caseId)
        .execute();
    }
    const report = await computeMetrics(services.db, { fiscalYear: 2569, period: "month", now: reportTime }, await loadBusinessCalendar(services.db));
    const october = report.periods[0]!.values;
    expect(october.received).toBe(0);
    expect(october.completed).toBe(0);
    expect(october.timeToAcknowledge.count).toBe(1);
    expect(october.timeToFirstResponse.count).toBe(1);
  });
});
