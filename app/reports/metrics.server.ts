import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { BusinessCalendar } from "../calendar/thai-calendar";
import type { CaseKind, Queryable } from "../db.server";
import { pausesFromHistory, type PauseInterval } from "../sla/deadlines";
import { breakdownDimensions, metricIds, type BreakdownDimension, type BreakdownValue, type MetricValues } from "./metric-definitions";
import { periodsOfFiscalYear, type ReportGranularity, type ReportPeriodSlot } from "./report-periods";
import { businessDaysElapsed, durationSummary, ratioOf } from "./statistics";

/**
 * Computes every figure of metric-definitions.ts for each period of a fiscal year, from plaintext
 * metadata only — nothing is decrypted. Counts are SQL `GROUP BY` over the period index, which is a
 * `CASE` over period boundaries computed in TypeScript (decision 0003); medians and percentiles are
 * taken in TypeScript over per-case business-day durations, because business days need the agency's
 * calendar and SQLite has no percentile function (decision 0012). A fixed number of queries per
 * report, whatever the number of cases or periods.
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

const clockColumns = {
  acknowledge: { happened: sql<number | null>`cases.acknowledged_at`, due: sql<number | null>`cases.acknowledge_due_at` },
  firstResponse: { happened: sql<number | null>`cases.first_response_at`, due: sql<number | null>`cases.first_response_due_at` },
  resolve: { happened: completedAt, due: sql<number | null>`cases.resolve_due_at` },
} as const;
type ClockName = keyof typeof clockColumns;

/** 0 for the first period, 1 for the second…: the boundaries are the starts of the periods after the first. */
function periodIndexOf(instant: RawBuilder<unknown>, slots: readonly ReportPeriodSlot[]): RawBuilder<number> {
  if (slots.length <= 1) return sql<number>`0`;
  const branches = slots.slice(1).map((slot, index) => sql`when ${instant} < ${slot.start} then ${sql.lit(index)}`);
  return sql<number>`case ${sql.join(branches, sql` `)} else ${sql.lit(slots.length - 1)} end`;
}

function within(instant: RawBuilder<unknown>, range: { start: number; end: number }): RawBuilder<SqlBool> {
  return sql<SqlBool>`${instant} >= ${range.start} and ${instant} < ${range.end}`;
}

/** The case is open at `instant`: received before it and not completed before it (as the case stands now). */
function openAt(instant: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`cases.created_at < ${instant} and (${completedAt} is null or ${completedAt} >= ${instant})`;
}

/**
 * Some deadline had passed at `instant` without being met by then. A resolve clock stopped at
 * `instant` (the case awaited the reporter since before its deadline) is not late: while a wait
 * runs, `resolve_due_at` holds where the deadline stood when the wait began (decision 0010).
 */
function overdueAt(instant: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`(
    (cases.acknowledge_due_at < ${instant} and (cases.acknowledged_at is null or cases.acknowledged_at >= ${instant}))
    or (cases.first_response_due_at < ${instant} and (cases.first_response_at is null or cases.first_response_at >= ${instant}))
    or (cases.resolve_due_at < ${instant} and not (cases.paused_at is not null and cases.paused_at < ${instant} and cases.paused_at < cases.resolve_due_at))
  )`;
}

/**
 * When a clock is settled: when what it measures happened, if by its deadline; otherwise at the
 * deadline, when it was missed.
 */
function settledAt(clock: ClockName): RawBuilder<number> {
  const { happened, due } = clockColumns[clock];
  return sql<number>`case when ${happened} is not null and ${happened} <= ${due} then ${happened} else ${due} end`;
}

function metOnTime(clock: ClockName): RawBuilder<number> {
  const { happened, due } = clockColumns[clock];
  return sql<number>`case when ${happened} is not null and ${happened} <= ${due} then 1 else 0 end`;
}

/**
 * Clocks that never came to be judged: the case ended before the deadline without the event (a
 * case not accepted needs no first response), or, for the resolve clock, it awaits the reporter
 * since before its deadline, which stops the clock.
 */
function clockApplies(clock: ClockName): RawBuilder<SqlBool> {
  const { happened, due } = clockColumns[clock];
  if (clock === "resolve") {
    return sql<SqlBool>`${due} is not null and not (${completedAt} is null and cases.paused_at is not null and cases.paused_at < ${due})`;
  }
  return sql<SqlBool>`${due} is not null and not (${happened} is null and ${completedAt} is not null and ${completedAt} <= ${due})`;
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

/** A ratio accumulated from grouped rows, turned into a `RatioValue` at the end. */
interface Tally {
  met: number;
  total: number;
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

  await Promise.all([
    receivedFigures(),
    completedFigures(),
    figuresAtPeriodEnds(),
    onTimeFigures("acknowledge"),
    onTimeFigures("firstResponse"),
    onTimeFigures("resolve"),
    durationFigures(),
    escalationFigures(),
    reporterMessageFigures(),
  ]);
  return report;

  async function receivedFigures(): Promise<void> {
    const received = db
      .selectFrom("cases")
      .select([
        periodIndexOf(sql`cases.created_at`, slots).as("period_index"),
        "cases.kind",
        "cases.category_id",
        "cases.channel",
        "cases.is_anonymous",
        "cases.reporter_relation",
      ])
      // The fiscal year is where the index starts; the time range is what counts.
      .where("cases.fiscal_year", "=", fiscalYear)
      .where(within(sql`cases.created_at`, flow))
      .where(scope());
    const rows = await db
      .selectFrom(received.as("received"))
      .select(["period_index", "kind", "category_id", "channel", "is_anonymous", "reporter_relation", sql<number>`count(*)`.as("count")])
      .groupBy(["period_index", "kind", "category_id", "channel", "is_anonymous", "reporter_relation"])
      .execute();
    for (const row of rows) {
      const values = valuesAt(Number(row.period_index));
      const count = Number(row.count);
      values.received += count;
      add(values.receivedByKind, row.kind, count);
      add(values.receivedByCategory, categoryCodeById.get(row.category_id) ?? row.category_id, count);
      add(values.receivedByChannel, row.channel, count);
      add(values.receivedByAnonymity, Number(row.is_anonymous) === 1 ? "anonymous" : "named", count);
      add(values.receivedByReporterRelation, row.reporter_relation, count);
      if (row.kind === "corruption_tip") {
        values.corruptionReceived += count;
        add(values.corruptionReceivedByChannel, row.channel, count);
      }
    }
  }

  async function completedFigures(): Promise<void> {
    const completed = db
      .selectFrom("cases")
      .select([
        periodIndexOf(completedAt, slots).as("period_index"),
        "cases.kind",
        // How the case ended: its outcome when resolved or closed after resolving, otherwise the status that ended it.
        sql<string>`case
          when cases.status in ('rejected', 'referred', 'merged') then cases.status
          when cases.outcome is null then 'no_outcome'
          else cases.outcome end`.as("completion"),
        sql<string | null>`case
          when cases.status <> 'referred' then null
          when cases.referred_to in ('nacc', 'pacc', 'ombudsman') then cases.referred_to
          else 'other' end`.as("agency"),
      ])
      .where(within(completedAt, flow))
      .where(scope());
    const rows = await db
      .selectFrom(completed.as("completed"))
      .select(["period_index", "kind", "completion", "agency", sql<number>`count(*)`.as("count")])
      .groupBy(["period_index", "kind", "completion", "agency"])
      .execute();
    for (const row of rows) {
      const values = valuesAt(Number(row.period_index));
      const count = Number(row.count);
      values.completed += count;
      add(values.completedByOutcome, row.completion === "referred" ? "referred_to_agency" : row.completion, count);
      if (row.agency !== null) add(values.referredByAgency, row.agency, count);
      if (row.kind === "corruption_tip") values.corruptionCompleted += count;
    }
  }

  /** Open, in progress and overdue at each period's end: one pass, one column per period and figure. */
  async function figuresAtPeriodEnds(): Promise<void> {
    const columns = cutoffs.flatMap((cutoff, index) => [
      sql<number>`sum(case when ${openAt(cutoff)} then 1 else 0 end)`.as(`open_${index}`),
      sql<number>`sum(case when ${openAt(cutoff)} and cases.acknowledged_at < ${cutoff} then 1 else 0 end)`.as(`in_progress_${index}`),
      sql<number>`sum(case when ${openAt(cutoff)} and ${overdueAt(cutoff)} then 1 else 0 end)`.as(`overdue_${index}`),
    ]);
    const rows = (await db
      .selectFrom("cases")
      .select(["cases.kind", ...columns])
      .where("cases.created_at", "<", Math.max(...cutoffs))
      .where(sql<SqlBool>`(${completedAt} is null or ${completedAt} >= ${Math.min(...cutoffs)})`)
      .where(scope())
      .groupBy("cases.kind")
      .execute()) as Array<Record<string, unknown> & { kind: CaseKind }>;
    for (const row of rows) {
      cutoffs.forEach((_, index) => {
        const values = valuesAt(index);
        const open = Number(row[`open_${index}`] ?? 0);
        values.openAtEnd += open;
        values.inProgressAtEnd += Number(row[`in_progress_${index}`] ?? 0);
        values.overdueAtEnd += Number(row[`overdue_${index}`] ?? 0);
        if (row.kind === "corruption_tip") values.corruptionOpenAtEnd += open;
      });
    }
  }

  async function onTimeFigures(clock: ClockName): Promise<void> {
    const settled = db
      .selectFrom("cases")
      .select([periodIndexOf(settledAt(clock), slots).as("period_index"), "cases.kind", metOnTime(clock).as("on_time")])
      .where(clockApplies(clock))
      .where(within(settledAt(clock), flow))
      .where(scope());
    const rows = await db
      .selectFrom(settled.as("settled"))
      .select(["period_index", "kind", sql<number>`count(*)`.as("total"), sql<number>`sum(on_time)`.as("met")])
      .groupBy(["period_index", "kind"])
      .execute();
    const tallies = new Map<number, { all: Tally; questions: Tally }>();
    for (const row of rows) {
      const index = Number(row.period_index);
      const tally = tallies.get(index) ?? { all: { met: 0, total: 0 }, questions: { met: 0, total: 0 } };
      tally.all.met += Number(row.met);
      tally.all.total += Number(row.total);
      if (row.kind === "question") {
        tally.questions.met += Number(row.met);
        tally.questions.total += Number(row.total);
      }
      tallies.set(index, tally);
    }
    for (const [index, tally] of tallies) {
      const values = valuesAt(index);
      const ratio = ratioOf(tally.all.met, tally.all.total);
      if (clock === "acknowledge") values.acknowledgedOnTime = ratio;
      if (clock === "resolve") values.resolvedOnTime = ratio;
      if (clock === "firstResponse") {
        values.firstResponseOnTime = ratio;
        values.questionsAnsweredOnTime = ratioOf(tally.questions.met, tally.questions.total);
      }
    }
  }

  /**
   * Per-case durations for the medians and percentiles: only the timestamps are read, for the cases
   * whose clock stopped within the year, and the waits for the reporter of those completed in it.
   */
  async function durationFigures(): Promise<void> {
    const [rows, pauseEvents] = await Promise.all([
      db
        .selectFrom("cases")
        .select(["cases.id", "cases.kind", "cases.created_at", "cases.acknowledged_at", "cases.first_response_at", completedAt.as("completed_at")])
        .where((eb) => eb.or([within(sql`cases.acknowledged_at`, flow), within(sql`cases.first_response_at`, flow), within(completedAt, flow)]))
        .where(scope())
        .execute(),
      db
        .selectFrom("case_events")
        .innerJoin("cases", "cases.id", "case_events.case_id")
        .select(["case_events.case_id", "case_events.created_at", "case_events.data"])
        .where(within(completedAt, flow))
        .where("case_events.data", "like", '%"pausedMs"%')
        .where(scope())
        .execute(),
    ]);
    const eventsByCase = new Map<string, Array<{ createdAt: number; data: string | null }>>();
    for (const event of pauseEvents) {
      const events = eventsByCase.get(event.case_id) ?? [];
      events.push({ createdAt: event.created_at, data: event.data });
      eventsByCase.set(event.case_id, events);
    }
    const pausesOf = (caseId: string): PauseInterval[] => pausesFromHistory(eventsByCase.get(caseId) ?? [], null);

    const periodOf = (instant: number | null): number | null => {
      if (instant === null || instant < flow.start || instant >= flow.end) return null;
      const index = begun.findIndex((slot) => instant >= slot.start && instant < slot.end);
      return index === -1 ? null : index;
    };
    const samples = begun.map(() => ({ acknowledge: [] as number[], firstResponse: [] as number[], resolve: [] as number[], question: [] as number[] }));
    for (const row of rows) {
      const acknowledged = periodOf(row.acknowledged_at);
      if (acknowledged !== null) samples[acknowledged]!.acknowledge.push(businessDaysElapsed(row.created_at, row.acknowledged_at!, calendar));
      const firstResponse = periodOf(row.first_response_at);
      if (firstResponse !== null) {
        const days = businessDaysElapsed(row.created_at, row.first_response_at!, calendar);
        samples[firstResponse]!.firstResponse.push(days);
        if (row.kind === "question") samples[firstResponse]!.question.push(days);
      }
      const completed = periodOf(row.completed_at);
      if (completed !== null) samples[completed]!.resolve.push(businessDaysElapsed(row.created_at, row.completed_at!, calendar, pausesOf(row.id)));
    }
    samples.forEach((sample, index) => {
      const values = valuesAt(index);
      values.timeToAcknowledge = durationSummary(sample.acknowledge);
      values.timeToFirstResponse = durationSummary(sample.firstResponse);
      values.timeToResolve = durationSummary(sample.resolve);
      values.timeToAnswerQuestion = durationSummary(sample.question);
    });
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
    const withAnswer = db
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
      .where("reporter_message.author_type", "=", "reporter")
      .where("reporter_message.visibility", "=", "reporter_thread")
      .where(within(sql`reporter_message.created_at`, flow))
      .where(scope());
    const [counts, answered] = await Promise.all([
      db
        .selectFrom(withAnswer.as("reporter_messages"))
        .select(["period_index", sql<number>`count(*)`.as("total"), sql<number>`count(answered_at)`.as("answered")])
        .groupBy("period_index")
        .execute(),
      db.selectFrom(withAnswer.as("reporter_messages")).select(["period_index", "created_at", "answered_at"]).where("answered_at", "is not", null).execute(),
    ]);
    for (const row of counts) {
      const values = valuesAt(Number(row.period_index));
      values.reporterMessages = Number(row.total);
      values.reporterMessagesAnswered = ratioOf(Number(row.answered), Number(row.total));
    }
    const waits = begun.map(() => [] as number[]);
    for (const row of answered) waits[Number(row.period_index)]!.push(businessDaysElapsed(row.created_at, Number(row.answered_at), calendar));
    waits.forEach((sample, index) => {
      valuesAt(index).timeToAnswerReporter = durationSummary(sample);
    });
  }
}
