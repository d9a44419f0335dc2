import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { generateCases, seededRandom } from "../../bench/generate";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { computeReport, foldReportFigures, keptFiguresRulesVersion } from "../../app/reports/kept-figures.server";
import { computeMetrics, computeMetricsFromKeptFigures, type MetricsQuery } from "../../app/reports/metrics.server";
import type { ReportGranularity } from "../../app/reports/report-periods";
import { prepareDatabase } from "../../app/startup.server";
import type { AppServices } from "../../app/services.server";
import { createTestDatabase, dialects } from "../support/databases";
import { testServices } from "../support/services";

/**
 * The kept figures (decision 0020) must give every report exactly what the pass over the cases
 * gives: generated histories of two fiscal years, reports at instants inside them (so cases and
 * deadlines after `now` exist), every granularity and scope, then the writes a case goes through —
 * completed, reopened, moved to another team or category, reclassified, a wait, messages both
 * ways, a holiday — each followed by the comparison.
 */

const run = promisify(execFile);
const granularities: ReportGranularity[] = ["month", "quarter", "half", "year"];
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

describe.each(dialects)("kept report figures [%s]", (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function generated(seed: number): Promise<AppServices> {
    const database = await createTestDatabase(dialect);
    cleanups.push(() => database.destroy());
    const services = testServices(database);
    await prepareDatabase(services, Date.UTC(2024, 8, 1));
    await generateCases(services, database.url, { cases: 400, now: Date.UTC(2026, 8, 30, 17), seed });
    return services;
  }

  /** Cases marked stale and not yet folded. */
  async function markedCases(services: AppServices): Promise<number> {
    const { count } = await services.db.selectFrom("report_stale_cases").select(sql<number>`count(*)`.as("count")).executeTakeFirstOrThrow();
    return Number(count);
  }

  async function scopesOf(services: AppServices): Promise<Array<Pick<MetricsQuery, "teamId" | "categoryCode" | "kind">>> {
    const category = await services.db.selectFrom("categories").select(["code", "team_id"]).orderBy("code").executeTakeFirstOrThrow();
    return [{}, { teamId: category.team_id }, { categoryCode: category.code }, { kind: "corruption_tip" }, { kind: "question" }];
  }

  async function expectSameReports(services: AppServices, now: number, fiscalYears: number[]): Promise<void> {
    const calendar = await loadBusinessCalendar(services.db);
    // Through the report's own door once, which folds…
    const query: MetricsQuery = { fiscalYear: fiscalYears[0]!, period: "month", now };
    expect(await computeReport(services, query, calendar)).toEqual(await computeMetrics(services.db, query, calendar));
    // …then straight from the kept figures, so that a fallback to the cases could not pass for them.
    for (const scope of await scopesOf(services)) {
      for (const fiscalYear of fiscalYears) {
        for (const period of granularities) {
          const query: MetricsQuery = { fiscalYear, period, now, ...scope };
          const kept = await computeMetricsFromKeptFigures(services.db, query);
          const counted = await computeMetrics(services.db, query, calendar);
          expect(kept, `${fiscalYear} by ${period}, ${JSON.stringify(scope)}, at ${new Date(now).toISOString()}`).toEqual(counted);
        }
      }
    }
    // Without durations (as /statistics asks): the same counts, and no duration either way.
    const countsOnly: MetricsQuery = { fiscalYear: fiscalYears[0]!, period: "half", now, durations: false };
    const keptCounts = await computeMetricsFromKeptFigures(services.db, countsOnly);
    expect(keptCounts).toEqual(await computeMetrics(services.db, countsOnly, calendar));
    expect(keptCounts!.periods.map((period) => period.values.timeToResolve.count)).toEqual([0, 0]);
    const state = await services.db.selectFrom("report_fold_state").select(["folded_until", "folding_until"]).executeTakeFirstOrThrow();
    expect({ foldedUntil: Number(state.folded_until), foldingUntil: state.folding_until }).toEqual({ foldedUntil: now, foldingUntil: null });
  }

  it("equal the pass over the cases at instants through two fiscal years", async () => {
    const services = await generated(11);
    for (const now of [Date.UTC(2025, 2, 10, 5), Date.UTC(2025, 11, 31, 20), Date.UTC(2026, 6, 14, 9, 30), Date.UTC(2026, 9, 2)]) {
      await expectSameReports(services, now, [2568, 2569]);
    }
  }, 240_000);

  it("stay equal through the writes a case goes through", async () => {
    const services = await generated(29);
    const random = seededRandom(29);
    let now = Date.UTC(2026, 3, 20, 3);
    await expectSameReports(services, now, [2569]);
    const categories = await services.db.selectFrom("categories").select(["id", "team_id", "kind"]).execute();
    const teams = await services.db.selectFrom("teams").select("id").execute();
    const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(random() * items.length)]!;

    for (let round = 0; round < 4; round += 1) {
      const before = now;
      now += Math.floor((1 + random() * 9) * dayMs);
      const known = await services.db.selectFrom("cases").select(["id", "created_at", "resolved_at", "closed_at", "status"]).where("created_at", "<", before).execute();
      const instant = () => before + Math.floor(random() * (now - before));
      for (let change = 0; change < 25; change += 1) {
        const target = pick(known);
        const at = instant();
        switch (change % 7) {
          case 0:
            // Completed now, if open; reopened, if completed.
            if (target.resolved_at === null && target.closed_at === null) await services.db.updateTable("cases").set({ status: "resolved", outcome: "substantiated", resolved_at: at, next_due_at: null, due_soon_at: null }).where("id", "=", target.id).execute();
            else await services.db.updateTable("cases").set({ status: "reopened", resolved_at: null, closed_at: null, outcome: null }).where("id", "=", target.id).execute();
            break;
          case 1:
            await services.db.updateTable("cases").set({ team_id: pick(teams).id }).where("id", "=", target.id).execute();
            break;
          case 2: {
            const category = pick(categories);
            await services.db.updateTable("cases").set({ category_id: category.id, kind: category.kind }).where("id", "=", target.id).execute();
            break;
          }
          case 3:
            await services.db.insertInto("messages").values({ id: `reporter-${round}-${change}`, case_id: target.id, author_type: "reporter", author_id: null, visibility: "reporter_thread", body_encrypted: "sealed", created_at: at }).execute();
            break;
          case 4:
            await services.db.insertInto("messages").values({ id: `staff-${round}-${change}`, case_id: target.id, author_type: "staff", author_id: null, visibility: "reporter_thread", body_encrypted: "sealed", created_at: at }).execute();
            break;
          case 5:
            // A wait for the reporter that ended: it comes off the time to resolve.
            await services.db
              .insertInto("case_events")
              .values({ id: `wait-${round}-${change}`, case_id: target.id, type: "reporter_replied", actor_type: "reporter", actor_id: null, from_status: null, to_status: null, is_visible_to_reporter: 1, data: JSON.stringify({ pausedMs: Math.floor(random() * 3 * dayMs) }), created_at: at })
              .execute();
            break;
          case 6:
            // A deadline moved into the days ahead: it passes between this report and the next.
            await services.db.updateTable("cases").set({ resolve_due_at: now - Math.floor(random() * dayMs), paused_at: null }).where("id", "=", target.id).where("resolved_at", "is", null).where("closed_at", "is", null).execute();
            break;
        }
      }
      if (round === 2) {
        // A holiday inside many durations: they shorten by a business day.
        await services.db.insertInto("holidays").values({ date: "2025-12-15", name_th: "วันหยุดพิเศษ", name_en: "Special holiday", created_at: before }).execute();
      }
      await expectSameReports(services, now, [2569]);
    }
  }, 240_000);

  it("stay equal when a wait or a reporter-thread message is edited, moved or removed (migration 0021)", async () => {
    const services = await generated(23);
    const now = Date.UTC(2026, 6, 1, 3);
    const resolved = await services.db
      .selectFrom("cases")
      .select(["id", "created_at", "resolved_at"])
      .where("resolved_at", ">=", Date.UTC(2025, 9, 1))
      .where("resolved_at", "<", now)
      .orderBy("id")
      .limit(8)
      .execute();
    expect(resolved).toHaveLength(8);
    // Waits inside each case's time to resolve, as the reporter's replies write them.
    await services.db
      .insertInto("case_events")
      .values(
        resolved.map((row, index) => ({
          id: `wait-${index}`,
          case_id: row.id,
          type: "reporter_replied",
          actor_type: "reporter",
          actor_id: null,
          from_status: null,
          to_status: null,
          is_visible_to_reporter: 1,
          data: JSON.stringify({ pausedMs: 2 * dayMs }),
          created_at: Math.floor((Number(row.created_at) + Number(row.resolved_at)) / 2),
        })),
      )
      .execute();
    await expectSameReports(services, now, [2569]);

    await services.db.updateTable("case_events").set({ data: JSON.stringify({ pausedMs: 5 * dayMs }) }).where("id", "=", "wait-0").execute();
    await services.db.updateTable("case_events").set({ data: JSON.stringify({ note: "no wait after all" }) }).where("id", "=", "wait-1").execute();
    await services.db.deleteFrom("case_events").where("id", "=", "wait-2").execute();
    await services.db.updateTable("case_events").set({ case_id: resolved[7]!.id }).where("id", "=", "wait-3").execute();
    await expectSameReports(services, now + hourMs, [2569]);

    const thread = await services.db
      .selectFrom("messages")
      .select(["id", "case_id", "created_at"])
      .where("visibility", "=", "reporter_thread")
      .where("author_type", "=", "reporter")
      .where("created_at", ">=", Date.UTC(2025, 9, 1))
      .where("created_at", "<", now)
      .orderBy("id")
      .limit(4)
      .execute();
    expect(thread).toHaveLength(4);
    await services.db.updateTable("messages").set({ created_at: Number(thread[0]!.created_at) - 45 * dayMs }).where("id", "=", thread[0]!.id).execute();
    await services.db.updateTable("messages").set({ visibility: "internal_note" }).where("id", "=", thread[1]!.id).execute();
    await services.db.updateTable("messages").set({ author_type: "staff" }).where("id", "=", thread[2]!.id).execute();
    await services.db.updateTable("messages").set({ case_id: resolved[7]!.id }).where("id", "=", thread[3]!.id).execute();
    await expectSameReports(services, now + 2 * hourMs, [2569]);
  }, 240_000);

  it("are folded by a report while filings keep coming, without waiting for them to stop, and without leaving a mark from before it", async () => {
    const services = await generated(3);
    const ids = (await services.db.selectFrom("cases").select("id").orderBy("id").limit(50).execute()).map((row) => row.id);
    const before = await services.db.selectFrom("report_stale_cases").select((eb) => eb.fn.max("sequence").as("greatest")).executeTakeFirstOrThrow();
    let writing = true;
    let writes = 0;
    // A write between every two batches of the fold, as a busy server's requests come between them.
    const writer = (async () => {
      while (writing) {
        await services.db.updateTable("cases").set({ channel: "phone" }).where("id", "=", ids[writes % ids.length]!).execute();
        writes += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const now = Date.UTC(2026, 4, 1);
    const until = await foldReportFigures(services.db, now);
    writing = false;
    await writer;
    expect(until).toBe(now);
    expect(writes).toBeGreaterThan(0);
    const left = await services.db.selectFrom("report_stale_cases").select((eb) => eb.fn.countAll<number>().as("count")).where("sequence", "<=", Number(before.greatest)).executeTakeFirstOrThrow();
    expect(Number(left.count)).toBe(0);
    // What was written during the fold is folded by the next one; the figures then agree again.
    await expectSameReports(services, now + hourMs, [2569]);
  }, 240_000);

  it("are folded again from the start when the rules change", async () => {
    const services = await generated(17);
    const now = Date.UTC(2026, 2, 1);
    await expectSameReports(services, now, [2569]);
    // A sum the rules of today would never add, as sums folded by older rules would look.
    await services.db.updateTable("report_month_sums").set({ total: 999 }).execute();
    await services.db.updateTable("report_fold_state").set({ rules_version: keptFiguresRulesVersion - 1 }).execute();
    await expectSameReports(services, now + hourMs, [2569]);
    const state = await services.db.selectFrom("report_fold_state").select("rules_version").executeTakeFirstOrThrow();
    expect(state.rules_version).toBe(keptFiguresRulesVersion);

    // Kept by newer rules (a node already upgraded): this older code neither empties nor folds them, and reads the cases.
    await services.db.updateTable("report_fold_state").set({ rules_version: keptFiguresRulesVersion + 1 }).execute();
    await services.db.updateTable("cases").set({ channel: "phone" }).where("id", "in", services.db.selectFrom("cases").select("id").orderBy("id").limit(3)).execute();
    const keptBefore = await services.db.selectFrom("report_month_sums").select(sql<number>`sum(abs(total))`.as("total")).executeTakeFirstOrThrow();
    expect(await foldReportFigures(services.db, now + 2 * hourMs)).toBeNull();
    const query: MetricsQuery = { fiscalYear: 2569, period: "month", now: now + 2 * hourMs };
    const calendar = await loadBusinessCalendar(services.db);
    expect(await computeReport(services, query, calendar)).toEqual(await computeMetrics(services.db, query, calendar));
    const after = await services.db.selectFrom("report_fold_state").select(["rules_version", "folded_until"]).executeTakeFirstOrThrow();
    expect({ rulesVersion: after.rules_version, foldedUntil: Number(after.folded_until) }).toEqual({ rulesVersion: keptFiguresRulesVersion + 1, foldedUntil: now + hourMs });
    expect(await services.db.selectFrom("report_month_sums").select(sql<number>`sum(abs(total))`.as("total")).executeTakeFirstOrThrow()).toEqual(keptBefore);
    const stale = await markedCases(services);
    expect(stale).toBe(3);
  }, 240_000);

  it("are folded by several folds at once, and a report asked about an instant before them reads the cases", async () => {
    const services = await generated(5);
    const calendar = await loadBusinessCalendar(services.db);
    const now = Date.UTC(2026, 4, 1);
    const reached = await Promise.all([foldReportFigures(services.db, now), foldReportFigures(services.db, now + hourMs)]);
    expect(Math.max(...reached.map(Number))).toBe(now + hourMs);
    await expectSameReports(services, now + 2 * hourMs, [2569]);
    const earlier: MetricsQuery = { fiscalYear: 2569, period: "month", now: now - dayMs };
    expect(await computeReport(services, earlier, calendar)).toEqual(await computeMetrics(services.db, earlier, calendar));
    const stale = await markedCases(services);
    expect(stale).toBe(0);
  }, 240_000);

  it("are folded ahead of a server's start by `npm run report:fold`", async () => {
    const database = await createTestDatabase(dialect);
    cleanups.push(() => database.destroy());
    const services = testServices(database);
    await prepareDatabase(services, Date.UTC(2024, 8, 1));
    await generateCases(services, database.url, { cases: 200, now: Date.UTC(2026, 8, 30, 17), seed: 3 });
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-fold-"));
    cleanups.push(async () => fs.rmSync(dataDirectory, { recursive: true, force: true }));
    const before = Date.now();
    const { stdout } = await run("npx", ["tsx", "scripts/fold-report-figures.ts"], {
      env: { ...process.env, DATABASE_URL: database.url, APP_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dataDirectory },
    });
    const state = await services.db.selectFrom("report_fold_state").selectAll().executeTakeFirstOrThrow();
    const foldedUntil = Number(state.folded_until);
    expect(stdout).toContain(`Report figures folded up to ${new Date(foldedUntil).toISOString()}`);
    expect(foldedUntil).toBeGreaterThanOrEqual(before);
    expect(foldedUntil).toBeLessThanOrEqual(Date.now());
    expect({ rulesVersion: state.rules_version, foldingUntil: state.folding_until }).toEqual({ rulesVersion: keptFiguresRulesVersion, foldingUntil: null });
    const stale = await markedCases(services);
    expect(stale).toBe(0);
    // What a server's first report then reads without folding: the figures at the script's instant.
    const query: MetricsQuery = { fiscalYear: 2569, period: "quarter", now: foldedUntil };
    expect(await computeMetricsFromKeptFigures(services.db, query)).toEqual(await computeMetrics(services.db, query, await loadBusinessCalendar(services.db)));
  }, 240_000);
});
