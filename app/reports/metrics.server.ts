import { setImmediate as nextTurnOfTheEventLoop } from "node:timers/promises";
import { SqliteAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { BusinessCalendar } from "../calendar/thai-calendar";
import type { CaseKind, Database, Queryable } from "../db.server";
import { pausesFromHistory, type PauseInterval } from "../sla/deadlines";
import { contributeCase, countedBreakdowns, countedFigures, receiptFigures, stockFigures, type CaseFacts, type ContributionSink, type CountedBreakdown, type CountedFigure, type DurationFigure, type StockFigure } from "./case-contributions";
import { breakdownDimensions, metricIds, type BreakdownDimension, type BreakdownValue, type MetricValues } from "./metric-definitions";
import { periodsOfFiscalYear, type ReportGranularity, type ReportPeriodSlot } from "./report-periods";
import { businessDaysElapsed, durationSummary, ratioOf, roundTo } from "./statistics";

/**
 * Computes every figure of metric-definitions.ts for each period of a fiscal year, from plaintext
 * metadata only — nothing is decrypted — in one of two ways that give the same figures:
 * - from the cases (`computeMetrics`): the case figures and the reporter's messages counted in
 *   TypeScript from one read of each, medians and percentiles over per-case business-day durations
 *   (decision 0012). The reference, and what a report about a past instant reads;
 * - from the kept figures (`computeMetricsFromKeptFigures`, decision 0020): monthly sums and stored
 *   durations, which a fold (kept-figures.server.ts) has brought up to the report's instant, with
 *   the medians and percentiles in SQL. What the pages read, through `computeReports`.
 * Escalations and decisions are SQL `GROUP BY` over the period index either way, a `CASE` over period
 * boundaries computed in TypeScript (decision 0003).
 */

export interface MetricsQuery {
  /** B.E., e.g. 2569. */
  fiscalYear: number;
  period: ReportGranularity;
  teamId?: string;
  categoryCode?: string;
  /** Only cases of this kind (as the case stands now): /statistics splits every figure by kind this way. */
  kind?: CaseKind;
  /** The time of the report: nothing after it counts, and a period not yet over is measured up to it. */
  now: number;
  /**
   * False: the durations (medians, 90th percentiles) stay empty. /statistics publishes none, and on
   * the kept figures they are the one part of a report that grows with the number of cases.
   */
  durations?: boolean;
}

export interface PeriodMetrics extends ReportPeriodSlot {
  /** The period has not begun at `now`: every figure is zero. */
  isFuture: boolean;
  /** Where the "at the end of the period" figures are taken: the period's end, or `now` if earlier. */
  measuredAt: number;
  values: MetricValues;
}

export interface MetricsReport {
  fiscalYear: number;
  granularity: ReportGranularity;
  teamId: string | null;
  categoryCode: string | null;
  computedAt: number;
  /** The categories of the by-category breakdown, in the admins' order. */
  categories: Array<{ code: string; nameTh: string; nameEn: string }>;
  periods: PeriodMetrics[];
}

/** A case is completed at the first of resolving (with an outcome) or closing, rejecting, referring or merging it. */
const completedAt = sql<number | null>`coalesce(cases.resolved_at, cases.closed_at)`;

/** What the figures read of a case (`CaseFacts`): the pass over the cases reads them, and so does the fold of the kept figures. */
export const caseFactsColumns = [
  "cases.id",
  "cases.kind",
  "cases.category_id",
  "cases.channel",
  "cases.is_anonymous",
  "cases.reporter_relation",
  "cases.status",
  "cases.outcome",
  "cases.referred_to",
  "cases.fiscal_year",
  "cases.created_at",
  "cases.acknowledged_at",
  "cases.first_response_at",
  completedAt.as("completed_at"),
  "cases.acknowledge_due_at",
  "cases.first_response_due_at",
  "cases.resolve_due_at",
  "cases.paused_at",
] as const;

/**
 * The median and the 90th percentile of a column, interpolated between the closest ranks as
 * `percentile()` in statistics.ts does: SQLite 3.53's `percentile_cont(x, p)` (built into
 * better-sqlite3 12) and PostgreSQL's ordered-set aggregate compute the same formula.
 */
function percentilesOf(db: Queryable, column: RawBuilder<number>) {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    // Two columns, not one JSON array, whose text would keep 15 digits and could round a figure the other way.
    return [sql<number>`percentile_cont(${column}, 0.5)`.as("median"), sql<number>`percentile_cont(${column}, 0.9)`.as("percentile90")];
  }
  // Both in one sort.
  const both = sql<number[]>`percentile_cont(array[0.5, 0.9]::double precision[]) within group (order by ${column})`;
  return [sql<number>`(${both})[1]`.as("median"), sql<number>`(${both})[2]`.as("percentile90")];
}

const isStockFigure = (figure: string): figure is StockFigure => stockFigures.has(figure);
const isCountedFigure = (figure: string): figure is CountedFigure => countedFigures.has(figure);
const isCountedBreakdown = (figure: string): figure is CountedBreakdown => countedBreakdowns.has(figure);

const durationFigures: readonly DurationFigure[] = ["timeToAcknowledge", "timeToFirstResponse", "timeToResolve", "timeToAnswerQuestion"];

/** Rows a PostgreSQL cursor fetches at a time for the case pass (SQLite steps through them one by one). */
const streamChunkRows = 10_000;

/**
 * Rows of the case pass between two turns of the event loop (about 10–15 ms of work here). On
 * SQLite the rows arrive synchronously, each `await` of the stream resolving at once, so a pass
 * that never yielded held the server's only thread from its first row to its last: no request
 * answered, no timer fired — 5.7 s for the public /statistics at 10⁵ cases (docs/BENCHMARKS.md,
 * finding 2). With the reports on a connection of their own (`AppServices.reportDb`), the requests
 * in between are served.
 */
const rowsBetweenTurns = 1_000;

/** Where an open case stands in cases_report_index: after every instant. */
const neverCompleted = Number.MAX_SAFE_INTEGER;

/**
 * The latest instant of a case: the greatest of its receipt, its completion (never, while open)
 * and its clocks' events and deadlines. Every case a figure of a year can count has it at or after
 * the year's start, since each figure counts one of these instants in the year or an open case.
 * Written exactly as the leading expression of cases_report_index (migration 0011), which either
 * planner uses only for the same expression; SQLite's max() is null when any argument is.
 */
function latestInstant(db: Queryable): RawBuilder<number> {
  const greatest = db.getExecutor().adapter instanceof SqliteAdapter ? sql.raw("max") : sql.raw("greatest");
  return sql<number>`(${greatest}(
    created_at,
    coalesce(resolved_at, closed_at, ${sql.lit(neverCompleted)}),
    coalesce(acknowledged_at, 0),
    coalesce(first_response_at, 0),
    coalesce(acknowledge_due_at, 0),
    coalesce(first_response_due_at, 0),
    coalesce(resolve_due_at, 0)))`;
}

/** 0 for the first period, 1 for the second…: the boundaries are the starts of the periods after the first. */
function periodIndexOf(instant: RawBuilder<unknown>, slots: readonly ReportPeriodSlot[]): RawBuilder<number> {
  if (slots.length <= 1) return sql<number>`0`;
  const branches = slots.slice(1).map((slot, index) => sql`when ${instant} < ${slot.start} then ${sql.lit(index)}`);
  return sql<number>`case ${sql.join(branches, sql` `)} else ${sql.lit(slots.length - 1)} end`;
}

function within(instant: RawBuilder<unknown>, range: { start: number; end: number }): RawBuilder<SqlBool> {
  return sql<SqlBool>`${instant} >= ${range.start} and ${instant} < ${range.end}`;
}

function zeroBreakdown(keys: readonly string[]): BreakdownValue {
  return Object.fromEntries(keys.map((key) => [key, 0]));
}

function fixedKeys(dimension: Exclude<BreakdownDimension, "category">): readonly string[] {
  return breakdownDimensions[dimension].keys;
}

function emptyValues(categoryCodes: readonly string[]): MetricValues {
  const zeroRatio = () => ratioOf(0, 0);
  const zeroDuration = () => durationSummary([]);
  const values: MetricValues = {
    received: 0,
    receivedByKind: zeroBreakdown(fixedKeys("kind")),
    receivedByCategory: zeroBreakdown(categoryCodes),
    receivedByChannel: zeroBreakdown(fixedKeys("channel")),
    receivedByAnonymity: zeroBreakdown(fixedKeys("anonymity")),
    receivedByReporterRelation: zeroBreakdown(fixedKeys("reporterRelation")),
    completed: 0,
    completedByOutcome: zeroBreakdown(fixedKeys("completion")),
    referredByAgency: zeroBreakdown(fixedKeys("agency")),
    openAtEnd: 0,
    inProgressAtEnd: 0,
    overdueAtEnd: 0,
    acknowledgedOnTime: zeroRatio(),
    firstResponseOnTime: zeroRatio(),
    resolvedOnTime: zeroRatio(),
    timeToAcknowledge: zeroDuration(),
    timeToFirstResponse: zeroDuration(),
    timeToResolve: zeroDuration(),
    escalations: 0,
    escalationsByRule: zeroBreakdown(fixedKeys("escalationRule")),
    executiveDecisions: 0,
    executiveDecisionsByDecision: zeroBreakdown(fixedKeys("decision")),
    reporterMessages: 0,
    reporterMessagesAnswered: zeroRatio(),
    timeToAnswerReporter: zeroDuration(),
    corruptionReceived: 0,
    corruptionCompleted: 0,
    corruptionOpenAtEnd: 0,
    corruptionReceivedByChannel: zeroBreakdown(fixedKeys("channel")),
    questionsAnsweredOnTime: zeroRatio(),
    timeToAnswerQuestion: zeroDuration(),
  };
  // Every figure of the definitions is present: a definition added without a value fails here, not on a page.
  for (const id of metricIds) if (!(id in values)) throw new Error(`no value for metric ${id}`);
  return values;
}

function add(breakdown: BreakdownValue, key: string, count: number): void {
  breakdown[key] = (breakdown[key] ?? 0) + count;
}

/** The report from the cases themselves: one pass over the year's cases and messages. */
export async function computeMetrics(db: Queryable, query: MetricsQuery, calendar: BusinessCalendar): Promise<MetricsReport> {
  return (await metricsFrom(db, query, { from: "cases", calendar }))!;
}

/**
 * The report from the kept figures (decision 0020, app/reports/kept-figures.server.ts), read in one
 * snapshot in which a fold brought them to exactly `query.now`. Null when they stand elsewhere in
 * that snapshot (a fold runs, or reached a later instant): the caller folds again.
 */
export async function computeMetricsFromKeptFigures(db: Kysely<Database>, query: MetricsQuery): Promise<MetricsReport | null> {
  return metricsFrom(db, query, { from: "kept" });
}

/** The cases need the calendar for their business-day durations; the kept figures stored theirs. */
type MetricsSource = { from: "cases"; calendar: BusinessCalendar } | { from: "kept" };

async function metricsFrom(db: Queryable, query: MetricsQuery, source: MetricsSource): Promise<MetricsReport | null> {
  const { fiscalYear, now } = query;
  const slots = periodsOfFiscalYear(fiscalYear, query.period);
  const yearStart = slots[0]!.start;
  const yearEnd = slots[slots.length - 1]!.end;
  // Periods that have begun by `now`; later ones are all zero.
  const begun = slots.filter((slot) => slot.start < now);
  const flow = { start: yearStart, end: Math.min(yearEnd, now) };

  const categoryRows = await db.selectFrom("categories").select(["id", "code", "name_th", "name_en"]).orderBy("sort_order").orderBy("code").execute();
  const scopedCategories = query.categoryCode === undefined ? categoryRows : categoryRows.filter((category) => category.code === query.categoryCode);
  const categoryCodeById = new Map(categoryRows.map((category) => [category.id, category.code]));
  const categoryCodes = scopedCategories.map((category) => category.code);

  const periods: PeriodMetrics[] = slots.map((slot) => ({
    ...slot,
    isFuture: slot.start >= now,
    measuredAt: Math.min(slot.end, Math.max(slot.start, now)),
    values: emptyValues(categoryCodes),
  }));
  const report: MetricsReport = {
    fiscalYear,
    granularity: query.period,
    teamId: query.teamId ?? null,
    categoryCode: query.categoryCode ?? null,
    computedAt: now,
    categories: scopedCategories.map((category) => ({ code: category.code, nameTh: category.name_th, nameEn: category.name_en })),
    periods,
  };
  // An unknown category has no case; the year before the first case has none either.
  if (begun.length === 0 || (query.categoryCode !== undefined && scopedCategories.length === 0)) return report;

  const categoryId = scopedCategories[0]?.id;
  // The kept tables hold the case's team, category and kind as the case stands now, as `cases` does.
  const scope = (table = "cases"): Expression<SqlBool> =>
    sql<SqlBool>`1 = 1${query.teamId === undefined ? sql`` : sql` and ${sql.ref(`${table}.team_id`)} = ${query.teamId}`}${query.categoryCode === undefined ? sql`` : sql` and ${sql.ref(`${table}.category_id`)} = ${categoryId}`}${query.kind === undefined ? sql`` : sql` and ${sql.ref(`${table}.kind`)} = ${query.kind}`}`;
  const valuesAt = (index: number): MetricValues => periods[index]!.values;
  const cutoffs = begun.map((slot) => Math.min(slot.end, now));

  if (source.from === "kept") {
    const [kept] = await Promise.all([keptFigures(db as Kysely<Database>), escalationFigures()]);
    return kept ? report : null;
  }
  await Promise.all([caseFigures(source.calendar), escalationFigures(), reporterMessageFigures(source.calendar)]);
  return report;

  /**
   * The case and reporter-message figures from the monthly sums and the stored durations, which
   * hold exactly what caseFigures and reporterMessageFigures count, as of the fold (decision 0020).
   * A few hundred sums and one index range per duration figure, whatever the number of cases.
   */
  async function keptFigures(reader: Kysely<Database>): Promise<boolean> {
    return reader
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (snapshot) => {
        const state = await snapshot.selectFrom("report_fold_state").select(["folded_until", "folding_until"]).where("id", "=", 1).executeTakeFirstOrThrow();
        if (state.folding_until !== null || Number(state.folded_until) !== now) return false;
        const sums = await snapshot
          .selectFrom("report_month_sums")
          .select(["month_start", "figure", "item", sql<number>`sum(total)`.as("total")])
          .where("month_start", "<", flow.end)
          .where(scope("report_month_sums"))
          .groupBy(["month_start", "figure", "item"])
          .execute();
        const onTime = begun.map(() => new Map<string, { met: number; total: number }>());
        for (const row of sums) {
          const monthStart = Number(row.month_start);
          const total = Number(row.total);
          if (total === 0) continue;
          const figure = row.figure;
          if (isStockFigure(figure)) {
            // A stock counts at every cut-off after the month of its +1 or −1: every instant of the month is before it.
            cutoffs.forEach((cutoff, index) => {
              if (monthStart < cutoff) valuesAt(index)[figure] += total;
            });
            continue;
          }
          const index = periodOf(monthStart);
          if (index === null) continue;
          const values = valuesAt(index);
          if (isCountedFigure(figure)) values[figure] += total;
          else if (isCountedBreakdown(figure)) add(values[figure], figure === "receivedByCategory" ? (categoryCodeById.get(row.item) ?? row.item) : row.item, total);
          else {
            const tally = onTime[index]!.get(figure) ?? { met: 0, total: 0 };
            if (row.item === "met") tally.met += total;
            else tally.total += total;
            onTime[index]!.set(figure, tally);
          }
        }
        onTime.forEach((tallies, index) => {
          const values = valuesAt(index);
          const ratio = (figure: string) => {
            const tally = tallies.get(figure);
            return tally === undefined || tally.total === 0 ? null : ratioOf(tally.met, tally.total);
          };
          values.acknowledgedOnTime = ratio("acknowledgedOnTime") ?? values.acknowledgedOnTime;
          values.resolvedOnTime = ratio("resolvedOnTime") ?? values.resolvedOnTime;
          const firstResponse = ratio("firstResponseOnTime");
          if (firstResponse !== null) {
            values.firstResponseOnTime = firstResponse;
            const questions = tallies.get("questionsAnsweredOnTime") ?? { met: 0, total: 0 };
            values.questionsAnsweredOnTime = ratioOf(questions.met, questions.total);
          }
          const messages = tallies.get("reporterMessages");
          if (messages !== undefined && messages.total > 0) {
            values.reporterMessages = messages.total;
            values.reporterMessagesAnswered = ratioOf(messages.met, messages.total);
          }
        });
        // One range of report_durations_figure_index per figure and period, not one GROUP BY over a CASE of the
        // periods: at 10⁶ cases the CASE evaluated for every duration cost more than the ranges (docs/BENCHMARKS.md).
        for (const figure of query.durations === false ? [] : [...durationFigures, "timeToAnswerReporter" as const]) {
          for (const [index, slot] of begun.entries()) {
            const row = await snapshot
              .selectFrom("report_durations")
              .select([sql<number>`count(*)`.as("count"), ...percentilesOf(snapshot, sql`business_days`)])
              .where("figure", "=", figure)
              .where(within(sql`counted_at`, { start: slot.start, end: Math.min(slot.end, now) }))
              .where(scope("report_durations"))
              .executeTakeFirstOrThrow();
            if (Number(row.count) === 0) continue;
            valuesAt(index)[figure] = { count: Number(row.count), median: roundTo(Number(row.median), 2), percentile90: roundTo(Number(row.percentile90), 2) };
          }
        }
        return true;
      });
  }

  /**
   * Every figure about the cases themselves, from one pass: the cases that received, completed,
   * settled a clock or stopped a duration in the year, or were open at a period's end, are read
   * once (timestamps and plaintext dimensions only), and each figure applies its own rule to them.
   * Reading them once costs about what one GROUP BY over the year costs; the medians need the
   * per-case durations in TypeScript anyway, and one query per figure read the cases seven times.
   */
  async function caseFigures(calendar: BusinessCalendar): Promise<void> {
    // The waits first: the pass below needs a case's waits as it counts the case.
    const pauseEvents = await db
      .selectFrom("case_events")
      .innerJoin("cases", "cases.id", "case_events.case_id")
      .select(["case_events.case_id", "case_events.created_at", "case_events.data"])
      .where(within(completedAt, flow))
      // Literal, not a parameter: it is the predicate of case_events_pause_index (migration 0010).
      .where(sql<SqlBool>`case_events.data like '%"pausedMs"%'`)
      .where(scope())
      .execute();
    const eventsByCase = new Map<string, Array<{ createdAt: number; data: string | null }>>();
    for (const event of pauseEvents) {
      const events = eventsByCase.get(event.case_id) ?? [];
      events.push({ createdAt: event.created_at, data: event.data });
      eventsByCase.set(event.case_id, events);
    }
    const pausesOf = (caseId: string): PauseInterval[] => pausesFromHistory(eventsByCase.get(caseId) ?? [], null);

    const cases = db
      .selectFrom("cases")
      .select(caseFactsColumns)
      // Implied by the condition below, and what makes it a range of cases_report_index (migration 0011), which
      // holds every column read here: the table itself, with each case's encrypted texts, is not read. Bounded
      // on both sides although no instant reaches the upper bound: otherwise SQLite's planner may estimate a
      // one-sided range too wide to be worth the index.
      .where(sql<SqlBool>`${latestInstant(db)} between ${flow.start} and ${sql.lit(neverCompleted)}`)
      // Every instant a figure can count in the year, or open at some period's end (the last cutoff is the flow's end).
      .where((eb) =>
        eb.or([
          within(sql`cases.created_at`, flow),
          within(completedAt, flow),
          within(sql`cases.acknowledged_at`, flow),
          within(sql`cases.first_response_at`, flow),
          within(sql`cases.acknowledge_due_at`, flow),
          within(sql`cases.first_response_due_at`, flow),
          within(sql`cases.resolve_due_at`, flow),
          sql<SqlBool>`cases.created_at < ${flow.end} and (${completedAt} is null or ${completedAt} >= ${Math.min(...cutoffs)})`,
        ]),
      )
      .where(scope());

    const samples = begun.map(() => ({ timeToAcknowledge: [] as number[], timeToFirstResponse: [] as number[], timeToResolve: [] as number[], timeToAnswerQuestion: [] as number[] }));
    const onTime = begun.map(() => ({
      acknowledgedOnTime: { met: 0, total: 0 },
      firstResponseOnTime: { met: 0, total: 0 },
      resolvedOnTime: { met: 0, total: 0 },
      questionsAnsweredOnTime: { met: 0, total: 0 },
    }));
    // Whether the case in hand counts where it was received: in its own fiscal year only.
    let countsReceipt = false;
    const countedIn = (instant: number, figure: CountedFigure | CountedBreakdown): number | null =>
      !countsReceipt && receiptFigures.has(figure) ? null : periodOf(instant);
    const sink: ContributionSink = {
      count(instant, figure) {
        const index = countedIn(instant, figure);
        if (index !== null) valuesAt(index)[figure] += 1;
      },
      countUnder(instant, figure, key) {
        const index = countedIn(instant, figure);
        if (index !== null) add(valuesAt(index)[figure], figure === "receivedByCategory" ? (categoryCodeById.get(key) ?? key) : key, 1);
      },
      stock(figure, from, until) {
        cutoffs.forEach((cutoff, index) => {
          if (from < cutoff && (until === null || cutoff <= until)) valuesAt(index)[figure] += 1;
        });
      },
      settle(instant, clock, met) {
        const index = periodOf(instant);
        if (index === null) return;
        const tally = onTime[index]![clock];
        tally.total += 1;
        if (met) tally.met += 1;
      },
      duration(instant, figure, businessDays) {
        const index = periodOf(instant);
        if (index !== null) samples[index]![figure].push(businessDays);
      },
    };
    // Streamed, a chunk at a time, not collected: at 10⁶ cases the pass reads ≈ 680,000 rows, and holding them
    // all until the loop ended kept the garbage collector busy: a quarter to a third of SQLite's report time
    // (docs/BENCHMARKS.md, finding 2). Memory holds a chunk, not the year.
    let rowsSinceTurn = 0;
    for await (const facts of cases.stream(streamChunkRows) as AsyncIterableIterator<CaseFacts>) {
      rowsSinceTurn += 1;
      if (rowsSinceTurn === rowsBetweenTurns) {
        rowsSinceTurn = 0;
        await nextTurnOfTheEventLoop();
      }
      countsReceipt = facts.fiscal_year === fiscalYear;
      contributeCase(facts, calendar, () => pausesOf(facts.id), sink);
    }
    onTime.forEach((tally, index) => {
      const values = valuesAt(index);
      // A period where no clock settled keeps the empty ratio, as a period without rows did in SQL.
      if (tally.acknowledgedOnTime.total > 0) values.acknowledgedOnTime = ratioOf(tally.acknowledgedOnTime.met, tally.acknowledgedOnTime.total);
      if (tally.resolvedOnTime.total > 0) values.resolvedOnTime = ratioOf(tally.resolvedOnTime.met, tally.resolvedOnTime.total);
      if (tally.firstResponseOnTime.total > 0) {
        values.firstResponseOnTime = ratioOf(tally.firstResponseOnTime.met, tally.firstResponseOnTime.total);
        values.questionsAnsweredOnTime = ratioOf(tally.questionsAnsweredOnTime.met, tally.questionsAnsweredOnTime.total);
      }
    });
    if (query.durations === false) return;
    samples.forEach((sample, index) => {
      const values = valuesAt(index);
      for (const figure of durationFigures) values[figure] = durationSummary(sample[figure]);
    });
  }

  /** The begun period an instant falls in, or null when it is outside the year up to `now`. */
  function periodOf(instant: number | null): number | null {
    if (instant === null || instant < flow.start || instant >= flow.end) return null;
    const index = begun.findIndex((slot) => instant >= slot.start && instant < slot.end);
    return index === -1 ? null : index;
  }

  async function escalationFigures(): Promise<void> {
    const escalated = db
      .selectFrom("escalations")
      .innerJoin("cases", "cases.id", "escalations.case_id")
      .select([
        periodIndexOf(sql`escalations.created_at`, slots).as("period_index"),
        sql<string>`case
          when escalations.rule like 'manual%' then 'manual'
          when escalations.rule in ('resolve_breached', 'critical_priority', 'senior_official') then escalations.rule
          else 'other' end`.as("rule"),
      ])
      .where(within(sql`escalations.created_at`, flow))
      .where(scope());
    const decided = db
      .selectFrom("escalations")
      .innerJoin("cases", "cases.id", "escalations.case_id")
      .select([periodIndexOf(sql`escalations.decided_at`, slots).as("period_index"), "escalations.decision"])
      .where(within(sql`escalations.decided_at`, flow))
      .where(scope());
    const [escalationRows, decisionRows] = await Promise.all([
      db.selectFrom(escalated.as("escalated")).select(["period_index", "rule", sql<number>`count(*)`.as("count")]).groupBy(["period_index", "rule"]).execute(),
      db.selectFrom(decided.as("decided")).select(["period_index", "decision", sql<number>`count(*)`.as("count")]).groupBy(["period_index", "decision"]).execute(),
    ]);
    for (const row of escalationRows) {
      const values = valuesAt(Number(row.period_index));
      values.escalations += Number(row.count);
      add(values.escalationsByRule, row.rule, Number(row.count));
    }
    for (const row of decisionRows) {
      const values = valuesAt(Number(row.period_index));
      values.executiveDecisions += Number(row.count);
      add(values.executiveDecisionsByDecision, row.decision ?? "other", Number(row.count));
    }
  }

  /** A reporter's message is answered by the first staff message to the reporter on the same case after it, before `now`. */
  async function reporterMessageFigures(calendar: BusinessCalendar): Promise<void> {
    // One read of the messages, counted here: the correlated lookup of each answer is the costly part, and
    // a GROUP BY beside this read would repeat it for every message.
    const rows = await db
      .selectFrom("messages as reporter_message")
      .innerJoin("cases", "cases.id", "reporter_message.case_id")
      .select((eb) => [
        periodIndexOf(sql`reporter_message.created_at`, slots).as("period_index"),
        "reporter_message.created_at",
        eb
          .selectFrom("messages as staff_message")
          .select((inner) => inner.fn.min("staff_message.created_at").as("answered_at"))
          .whereRef("staff_message.case_id", "=", "reporter_message.case_id")
          .where("staff_message.author_type", "=", "staff")
          .where("staff_message.visibility", "=", "reporter_thread")
          .whereRef("staff_message.created_at", ">", "reporter_message.created_at")
          // Before `now`, as every instant the report counts: an answer is known once it is sent (decision 0020).
          .where("staff_message.created_at", "<", now)
          .as("answered_at"),
      ])
      // Literals, not parameters: they are the predicate of messages_reporter_thread_index (migration 0011).
      .where(sql<SqlBool>`reporter_message.author_type = 'reporter' and reporter_message.visibility = 'reporter_thread'`)
      .where(within(sql`reporter_message.created_at`, flow))
      .where(scope())
      .execute();
    const totals = begun.map(() => ({ total: 0, answered: 0 }));
    const waits = begun.map(() => [] as number[]);
    for (const row of rows) {
      const index = Number(row.period_index);
      totals[index]!.total += 1;
      if (row.answered_at === null) continue;
      totals[index]!.answered += 1;
      waits[index]!.push(businessDaysElapsed(row.created_at, Number(row.answered_at), calendar));
    }
    totals.forEach((tally, index) => {
      // A period without a message keeps the empty figures, as a period without rows did in SQL.
      if (tally.total === 0) return;
      const values = valuesAt(index);
      values.reporterMessages = tally.total;
      values.reporterMessagesAnswered = ratioOf(tally.answered, tally.total);
    });
    if (query.durations === false) return;
    waits.forEach((sample, index) => {
      valuesAt(index).timeToAnswerReporter = durationSummary(sample);
    });
  }
}
