import { setImmediate as nextTurnOfTheEventLoop } from "node:timers/promises";
import { SqliteAdapter, sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { BusinessCalendar } from "../calendar/thai-calendar";
import type { CaseKind, Queryable } from "../db.server";
import { pausesFromHistory, type PauseInterval } from "../sla/deadlines";
import { breakdownDimensions, metricIds, type BreakdownDimension, type BreakdownValue, type MetricValues } from "./metric-definitions";
import { periodsOfFiscalYear, type ReportGranularity, type ReportPeriodSlot } from "./report-periods";
import { businessDaysElapsed, durationSummary, ratioOf } from "./statistics";

/**
 * Computes every figure of metric-definitions.ts for each period of a fiscal year, from plaintext
 * metadata only — nothing is decrypted. The case figures and the reporter's messages are counted in
 * TypeScript from one read of each; escalations and decisions are SQL `GROUP BY` over the period
 * index, a `CASE` over period boundaries computed in TypeScript (decision 0003). Medians and
 * percentiles are taken in TypeScript over per-case business-day durations, because business days
 * need the agency's calendar and SQLite has no percentile function (decision 0012). A fixed number
 * of queries per report, whatever the number of cases or periods.
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

/** What the per-case figures read of a case: plaintext metadata and timestamps only. */
interface CaseFacts {
  id: string;
  kind: CaseKind;
  category_id: string;
  channel: string;
  is_anonymous: number;
  reporter_relation: string;
  status: string;
  outcome: string | null;
  referred_to: string | null;
  fiscal_year: number;
  created_at: number;
  acknowledged_at: number | null;
  first_response_at: number | null;
  completed_at: number | null;
  acknowledge_due_at: number | null;
  first_response_due_at: number | null;
  resolve_due_at: number | null;
  paused_at: number | null;
}

type ClockName = "acknowledge" | "firstResponse" | "resolve";

function clockOf(facts: CaseFacts, clock: ClockName): { happened: number | null; due: number | null } {
  switch (clock) {
    case "acknowledge":
      return { happened: facts.acknowledged_at, due: facts.acknowledge_due_at };
    case "firstResponse":
      return { happened: facts.first_response_at, due: facts.first_response_due_at };
    case "resolve":
      return { happened: facts.completed_at, due: facts.resolve_due_at };
  }
}

/** The case is open at `instant`: received before it and not completed before it (as the case stands now). */
function isOpenAt(facts: CaseFacts, instant: number): boolean {
  return facts.created_at < instant && (facts.completed_at === null || facts.completed_at >= instant);
}

/**
 * Some deadline had passed at `instant` without being met by then. A resolve clock stopped at
 * `instant` (the case awaited the reporter since before its deadline) is not late: while a wait
 * runs, `resolve_due_at` holds where the deadline stood when the wait began (decision 0010).
 */
function isOverdueAt(facts: CaseFacts, instant: number): boolean {
  const { acknowledge_due_at: acknowledgeDue, first_response_due_at: firstResponseDue, resolve_due_at: resolveDue, paused_at: pausedAt } = facts;
  return (
    (acknowledgeDue !== null && acknowledgeDue < instant && (facts.acknowledged_at === null || facts.acknowledged_at >= instant)) ||
    (firstResponseDue !== null && firstResponseDue < instant && (facts.first_response_at === null || facts.first_response_at >= instant)) ||
    (resolveDue !== null && resolveDue < instant && !(pausedAt !== null && pausedAt < instant && pausedAt < resolveDue))
  );
}

/** Met when what the clock measures happened by its deadline. */
function isMetOnTime(happened: number | null, due: number): boolean {
  return happened !== null && happened <= due;
}

/**
 * Clocks that never came to be judged: the case ended before the deadline without the event (a
 * case not accepted needs no first response), or, for the resolve clock, it awaits the reporter
 * since before its deadline, which stops the clock.
 */
function clockApplies(facts: CaseFacts, clock: ClockName, happened: number | null, due: number | null): due is number {
  if (due === null) return false;
  if (clock === "resolve") return !(facts.completed_at === null && facts.paused_at !== null && facts.paused_at < due);
  return !(happened === null && facts.completed_at !== null && facts.completed_at <= due);
}

/** How the case ended: its outcome when resolved or closed after resolving, otherwise the status that ended it. */
function completionOf(facts: CaseFacts): string {
  const completion = facts.status === "rejected" || facts.status === "referred" || facts.status === "merged" ? facts.status : (facts.outcome ?? "no_outcome");
  // A referral, whether the status that ended the case or the outcome it was resolved with, is one key.
  return completion === "referred" ? "referred_to_agency" : completion;
}

function referralAgencyOf(facts: CaseFacts): string | null {
  if (facts.status !== "referred") return null;
  return facts.referred_to === "nacc" || facts.referred_to === "pacc" || facts.referred_to === "ombudsman" ? facts.referred_to : "other";
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

export async function computeMetrics(db: Queryable, query: MetricsQuery, calendar: BusinessCalendar): Promise<MetricsReport> {
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
  const scope = (): Expression<SqlBool> =>
    sql<SqlBool>`1 = 1${query.teamId === undefined ? sql`` : sql` and cases.team_id = ${query.teamId}`}${query.categoryCode === undefined ? sql`` : sql` and cases.category_id = ${categoryId}`}${query.kind === undefined ? sql`` : sql` and cases.kind = ${query.kind}`}`;
  const valuesAt = (index: number): MetricValues => periods[index]!.values;
  const cutoffs = begun.map((slot) => Math.min(slot.end, now));

  await Promise.all([caseFigures(), escalationFigures(), reporterMessageFigures()]);
  return report;

  /**
   * Every figure about the cases themselves, from one pass: the cases that received, completed,
   * settled a clock or stopped a duration in the year, or were open at a period's end, are read
   * once (timestamps and plaintext dimensions only), and each figure applies its own rule to them.
   * Reading them once costs about what one GROUP BY over the year costs; the medians need the
   * per-case durations in TypeScript anyway, and one query per figure read the cases seven times.
   */
  async function caseFigures(): Promise<void> {
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
      .select([
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
      ])
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

    const samples = begun.map(() => ({ acknowledge: [] as number[], firstResponse: [] as number[], resolve: [] as number[], question: [] as number[] }));
    const onTime = begun.map(() => ({
      acknowledge: { met: 0, total: 0 },
      firstResponse: { met: 0, total: 0 },
      resolve: { met: 0, total: 0 },
      question: { met: 0, total: 0 },
    }));
    const clocks: ClockName[] = ["acknowledge", "firstResponse", "resolve"];
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
      const isCorruption = facts.kind === "corruption_tip";
      const received = facts.fiscal_year === fiscalYear ? periodOf(facts.created_at) : null;
      if (received !== null) {
        const values = valuesAt(received);
        values.received += 1;
        add(values.receivedByKind, facts.kind, 1);
        add(values.receivedByCategory, categoryCodeById.get(facts.category_id) ?? facts.category_id, 1);
        add(values.receivedByChannel, facts.channel, 1);
        add(values.receivedByAnonymity, Number(facts.is_anonymous) === 1 ? "anonymous" : "named", 1);
        add(values.receivedByReporterRelation, facts.reporter_relation, 1);
        if (isCorruption) {
          values.corruptionReceived += 1;
          add(values.corruptionReceivedByChannel, facts.channel, 1);
        }
      }

      const completed = periodOf(facts.completed_at);
      if (completed !== null) {
        const values = valuesAt(completed);
        values.completed += 1;
        add(values.completedByOutcome, completionOf(facts), 1);
        const agency = referralAgencyOf(facts);
        if (agency !== null) add(values.referredByAgency, agency, 1);
        if (isCorruption) values.corruptionCompleted += 1;
        samples[completed]!.resolve.push(businessDaysElapsed(facts.created_at, facts.completed_at!, calendar, pausesOf(facts.id)));
      }

      // Open, in progress and overdue at each period's end.
      cutoffs.forEach((cutoff, index) => {
        if (!isOpenAt(facts, cutoff)) return;
        const values = valuesAt(index);
        values.openAtEnd += 1;
        if (facts.acknowledged_at !== null && facts.acknowledged_at < cutoff) values.inProgressAtEnd += 1;
        if (isOverdueAt(facts, cutoff)) values.overdueAtEnd += 1;
        if (isCorruption) values.corruptionOpenAtEnd += 1;
      });

      // A clock counts where it settled: when what it measures happened, if by its deadline; otherwise at the deadline.
      for (const clock of clocks) {
        const { happened, due } = clockOf(facts, clock);
        if (!clockApplies(facts, clock, happened, due)) continue;
        const met = isMetOnTime(happened, due);
        const settled = periodOf(met ? happened : due);
        if (settled === null) continue;
        const tally = onTime[settled]!;
        tally[clock].total += 1;
        if (met) tally[clock].met += 1;
        if (clock === "firstResponse" && facts.kind === "question") {
          tally.question.total += 1;
          if (met) tally.question.met += 1;
        }
      }

      const acknowledged = periodOf(facts.acknowledged_at);
      if (acknowledged !== null) samples[acknowledged]!.acknowledge.push(businessDaysElapsed(facts.created_at, facts.acknowledged_at!, calendar));
      const firstResponse = periodOf(facts.first_response_at);
      if (firstResponse !== null) {
        const days = businessDaysElapsed(facts.created_at, facts.first_response_at!, calendar);
        samples[firstResponse]!.firstResponse.push(days);
        if (facts.kind === "question") samples[firstResponse]!.question.push(days);
      }
    }
    onTime.forEach((tally, index) => {
      const values = valuesAt(index);
      // A period where no clock settled keeps the empty ratio, as a period without rows did in SQL.
      if (tally.acknowledge.total > 0) values.acknowledgedOnTime = ratioOf(tally.acknowledge.met, tally.acknowledge.total);
      if (tally.resolve.total > 0) values.resolvedOnTime = ratioOf(tally.resolve.met, tally.resolve.total);
      if (tally.firstResponse.total > 0) {
        values.firstResponseOnTime = ratioOf(tally.firstResponse.met, tally.firstResponse.total);
        values.questionsAnsweredOnTime = ratioOf(tally.question.met, tally.question.total);
      }
    });
    samples.forEach((sample, index) => {
      const values = valuesAt(index);
      values.timeToAcknowledge = durationSummary(sample.acknowledge);
      values.timeToFirstResponse = durationSummary(sample.firstResponse);
      values.timeToResolve = durationSummary(sample.resolve);
      values.timeToAnswerQuestion = durationSummary(sample.question);
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

  /** A reporter's message is answered by the first staff message to the reporter on the same case after it, up to `now`. */
  async function reporterMessageFigures(): Promise<void> {
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
          .where("staff_message.created_at", "<=", now)
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
    waits.forEach((sample, index) => {
      valuesAt(index).timeToAnswerReporter = durationSummary(sample);
    });
  }
}
