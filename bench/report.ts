import { sql, type CompiledQuery } from "kysely";
import { loadBusinessCalendar } from "../app/calendar/business-calendar.server";
import type { BusinessCalendar } from "../app/calendar/thai-calendar";
import { computeReport, foldReportFigures } from "../app/reports/kept-figures.server";
import { computeMetrics } from "../app/reports/metrics.server";
import { loadStatistics } from "../app/statistics/statistics.server";
import type { AppServices } from "../app/services.server";
import { queryRecorder } from "../tests/support/query-recorder";
import { analyzeAfterBulkLoad } from "./databases";
import { distributionOf, ms, ratio, report, sample, timed, type Distribution } from "./measure";

const runs = 7;

/**
 * The floor a fiscal-year report is compared with: one hand-written pass over the year's cases,
 * grouped by every plaintext dimension the report breaks down, with the on-time tallies summed in
 * the same pass.
 */
function oneGroupByPass(services: AppServices, fiscalYear: number) {
  return sql`
    select kind, category_id, channel, is_anonymous, reporter_relation, status, count(*) as cases,
           sum(case when acknowledged_at is not null and acknowledged_at <= acknowledge_due_at then 1 else 0 end) as acknowledged_on_time,
           sum(case when first_response_at is not null and first_response_at <= first_response_due_at then 1 else 0 end) as answered_on_time,
           sum(case when coalesce(resolved_at, closed_at) <= resolve_due_at then 1 else 0 end) as resolved_on_time
    from cases
    where fiscal_year = ${fiscalYear}
    group by kind, category_id, channel, is_anonymous, reporter_relation, status`.execute(services.db);
}

/** `runs` calls after a first one; over a few seconds a call, the first says enough (and keeps the run within the hour). */
async function sampleSlowly(task: () => Promise<unknown>) {
  const first = await timed(task);
  return first.ms > 5_000 ? distributionOf([first.ms]) : sample(task, runs, 0);
}

function shown(distribution: Distribution): string {
  return distribution.runs === 1 ? `${ms(distribution.p50)} (one call)` : ms(distribution.p50);
}

/**
 * Where a report's time goes: its own statements replayed one after another, once with their rows
 * as the driver hands them over and once counted inside the database (`count(*)` over the same
 * statement: the scan and the filters, no row leaves the database). The gap between the two is
 * what turning rows into JavaScript objects costs, which no index can take away.
 */
async function statementsBreakdown(services: AppServices, label: string, dialect: string, fiscalYear: number, now: number, calendar: BusinessCalendar) {
  const recorder = queryRecorder(services.db);
  await computeMetrics(recorder.db, { fiscalYear, period: "month", now }, calendar);
  const statements = recorder.compiled().filter((query) => /^\s*select\b/i.test(query.sql));
  const counted = statements.map((query): CompiledQuery => ({ ...query, sql: `select count(*) as rows_counted from (${query.sql}) as counted` }));
  let rowsRead = 0;
  const read = await sampleSlowly(async () => {
    rowsRead = 0;
    for (const query of statements) rowsRead += (await services.db.executeQuery(query)).rows.length;
  });
  const inDatabase = await sampleSlowly(async () => {
    for (const query of counted) await services.db.executeQuery(query);
  });
  report({ dialect, benchmark: label, measure: `computeMetrics's ${statements.length} statements, one after another: ${rowsRead.toLocaleString("en")} rows read p50`, value: shown(read) });
  report({ dialect, benchmark: label, measure: "the same statements counted in the database (scan and filters, no rows out) p50", value: shown(inDatabase) });
  report({ dialect, benchmark: label, measure: "rows read ÷ counted in the database", value: ratio(read.p50 / inDatabase.p50) });
}

/**
 * What the rest of the server gets while a long report runs: the public /statistics page (thirty
 * reports) computed through the reports' connection, while this process keeps a 5-ms timer and a
 * one-row read of the main connection going, as a filing or a queue page would. The longest wait of
 * the timer is the longest the server answered nobody (docs/decisions/0012, "A report must not stop
 * the rest of the server").
 */
async function serverWhileStatistics(services: AppServices, now: number) {
  let last = performance.now();
  let longestWait = 0;
  const ticker = setInterval(() => {
    const at = performance.now();
    longestWait = Math.max(longestWait, at - last);
    last = at;
  }, 5);
  let running = true;
  let answered = 0;
  const pinger = (async () => {
    while (running) {
      await services.db.selectFrom("settings").select("key").limit(1).execute();
      if (running) answered += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const start = performance.now();
  await loadStatistics(services, now);
  const took = performance.now() - start;
  running = false;
  clearInterval(ticker);
  await pinger;
  return { took, longestWait: Math.max(longestWait, performance.now() - last), answered };
}

export async function benchReport(services: AppServices, dialect: string, totalCases: number): Promise<void> {
  const fiscalYear = 2569;
  const now = Date.now();
  const calendar = await loadBusinessCalendar(services.db);
  const { count } = await services.db
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirstOrThrow();
  const label = `FY ${fiscalYear} report (${Number(count).toLocaleString("en")} of ${totalCases.toLocaleString("en")} cases in the year)`;
  // Every generated case is stale, as every case is after migration 0019: the fold a server runs at start-up.
  const { ms: foldMs } = await timed(() => foldReportFigures(services.db, now));
  report({ dialect, benchmark: label, measure: `fold of all ${totalCases.toLocaleString("en")} cases (start-up after migration 0019)`, value: `${ms(foldMs)} (${Math.round(totalCases / (foldMs / 1000)).toLocaleString("en")} cases/s)` });
  // The fold is a bulk load of the kept tables: as after the generator's, vacuumed as autovacuum would within a minute.
  await analyzeAfterBulkLoad(services);
  for (const period of ["month", "year"] as const) {
    const kept = await sample(() => computeReport(services, { fiscalYear, period, now }, calendar), runs, 1);
    const baseline = await sample(() => oneGroupByPass(services, fiscalYear), runs, 1);
    report({ dialect, benchmark: label, measure: `computeReport (kept figures) by ${period} p50 / p95`, value: `${ms(kept.p50)} / ${ms(kept.p95)}`, goal: "< 1 s", met: kept.p95 < 1000 });
    report({ dialect, benchmark: label, measure: "one GROUP BY pass p50", value: ms(baseline.p50) });
    const measured = kept.p50 / baseline.p50;
    report({ dialect, benchmark: label, measure: `computeReport by ${period} ÷ GROUP BY pass`, value: ratio(measured), goal: "≤ 1.5×", met: measured <= 1.5 });
  }
  // A minute's writes at a busy agency, and more: the report folds them before it reads.
  const staleCases = 1_000;
  const backlogRuns: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await sql`update cases set channel = channel where id in (select id from cases order by id limit ${staleCases})`.execute(services.db);
    backlogRuns.push((await timed(() => computeReport(services, { fiscalYear, period: "month", now }, calendar))).ms);
  }
  const backlog = distributionOf(backlogRuns);
  report({ dialect, benchmark: label, measure: `computeReport by month after ${staleCases.toLocaleString("en")} cases were written (folds them first) p50 / p95`, value: `${ms(backlog.p50)} / ${ms(backlog.p95)}` });
  // For comparison: the pass over the cases that the kept figures replace (and that a report about a past instant still takes).
  const pass = await sampleSlowly(() => computeMetrics(services.reportDb, { fiscalYear, period: "month", now }, calendar));
  report({ dialect, benchmark: label, measure: "for comparison: computeMetrics (the pass over the cases) by month p50", value: shown(pass) });
  await statementsBreakdown(services, label, dialect, fiscalYear, now, calendar);
  const statistics = await serverWhileStatistics(services, now);
  report({ dialect, benchmark: label, measure: "public /statistics (30 reports), computed once", value: ms(statistics.took) });
  report({
    dialect,
    benchmark: label,
    measure: "meanwhile: longest wait of a 5-ms timer; reads of the main connection answered (one every 20 ms)",
    value: `${ms(statistics.longestWait)}; ${statistics.answered}`,
  });
}
