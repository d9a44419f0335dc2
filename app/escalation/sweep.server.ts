import { randomUUID } from "node:crypto";
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import { loadBusinessCalendar } from "../calendar/business-calendar.server";
import { openStatuses } from "../cases/case-lifecycle";
import type { CaseRow } from "../cases/case-transitions.server";
import { staffCasePath } from "../cases/case-workspace.server";
import { optimizeDatabase, type Database, type Queryable } from "../db.server";
import { formatDateTime } from "../i18n/format";
import { enqueueEmailToEach } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { slaBreachedEmail } from "../../emails/sla-breached";
import { slaDueSoonEmail } from "../../emails/sla-due-soon";
import { recordEscalation } from "./escalations.server";
import { hasSteps, ladderSteps, pendingSteps, type AlertStep, type AutomaticEscalationRule, type LadderCase, type LadderContext } from "./ladder";
import { enqueueAlert } from "../alerts/enqueue-alert.server";
import { sendPreviousMonthSummaryIfDue } from "./monthly-summary.server";
import { caseFactsOf, type LadderEvent } from "./ladder-events";
import { caseHolders, recusedStaffIdsOf, teamSupervisors } from "./recipients.server";
import { repeatInBackground } from "../background-task.server";

/**
 * The SLA sweep (ARCHITECTURE §4): finds the open cases whose clocks are due soon or breached, and
 * the open cases an escalation rule names, and climbs the ladder for each — once per case and step
 * however often and on however many nodes it runs. Each step is a row under a unique constraint
 * (sla_alerts per case, clock, level and deadline; escalations per case and rule): a step exists,
 * with its event, audit entry and e-mails, exactly when its row does.
 *
 * On PostgreSQL a session advisory lock lets one sweep run at a time across the nodes; a sweep that
 * finds it taken does nothing and says so. Skipping rather than waiting: sweeps come every minute,
 * the next one does whatever this one would have done, and waiting sweeps would only pile up
 * behind a slow one. The lock saves work; the constraints are what make it correct (SQLite, a
 * database without the lock, or a lock lost with its connection).
 */

export interface SweepResult {
  /** True when another sweep held the lock: this one did nothing. */
  skipped: boolean;
  casesChecked: number;
  dueSoonAlerts: number;
  breachAlerts: number;
  escalations: number;
  /** The SLA breaches and escalations recorded, for outbound alerts (see `emit` in `sweepCase`). */
  events: LadderEvent[];
}

export interface SweepOptions {
  /** Cases read per query. */
  pageSize?: number;
  /** PostgreSQL only; tests turn it off to show the constraints alone keep every step single. */
  useAdvisoryLock?: boolean;
}

/** The advisory lock's key: any constant that no other part of Prongsai uses. */
const sweepLockKey = 727_100_001;
const defaultPageSize = 200;

const ladderColumns = [
  "id",
  "kind",
  "status",
  "priority",
  "names_senior_official",
  "category_id",
  "created_at",
  "paused_at",
  "next_due_at",
  "due_soon_at",
  "acknowledge_due_at",
  "first_response_due_at",
  "resolve_due_at",
  "acknowledged_at",
  "first_response_at",
  "resolved_at",
] as const;

type LadderRow = Pick<CaseRow, (typeof ladderColumns)[number]>;

function ladderCaseOf(row: LadderRow): LadderCase {
  return {
    kind: row.kind,
    status: row.status,
    priority: row.priority,
    namesSeniorOfficial: row.names_senior_official === 1,
    createdAt: row.created_at,
    pausedAt: row.paused_at,
    acknowledgeDueAt: row.acknowledge_due_at,
    firstResponseDueAt: row.first_response_due_at,
    resolveDueAt: row.resolve_due_at,
    acknowledgedAt: row.acknowledged_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
  };
}

interface SweepContext {
  services: AppServices;
  now: number;
  /** The ladder's context for one case: its category's due-soon fractions. */
  ladderFor(categoryId: string): LadderContext;
}

async function sweepContext(services: AppServices, now: number): Promise<SweepContext> {
  const [calendar, policies] = await Promise.all([
    loadBusinessCalendar(services.db),
    services.db.selectFrom("sla_policies").select(["category_id", "clock", "due_soon_fraction"]).execute(),
  ]);
  const fractions = new Map(policies.map((policy) => [`${policy.category_id}:${policy.clock}`, Number(policy.due_soon_fraction)]));
  const settings = services.config.sla;
  return {
    services,
    now,
    ladderFor: (categoryId) => ({ settings, calendar, dueSoonFraction: (clock) => fractions.get(`${categoryId}:${clock}`) }),
  };
}

type CasesExpressions = ExpressionBuilder<Database, "cases">;

/**
 * The candidate sets, each an index scan over open cases only (a finished case has no next
 * deadline, and its status is not open), each read by keyset on its ordering:
 * - breached: the earliest running deadline has passed (any breached clock implies it);
 * - due soon: the stored due-soon bound has come (`due_soon_at`, app/sla/due-soon-at.ts: never later
 *   than any running clock's due-soon instant under its policy) and nothing is breached yet — a
 *   range of `cases_status_due_soon_index`, so the set grows with due cases, not with open ones;
 * - critical priority and senior official: only cases without that escalation yet.
 */
type CandidateSet = "breached" | "due_soon" | "critical_priority" | "senior_official";

interface Cursor {
  key: number | null;
  id: string;
}

function candidateCondition(eb: CasesExpressions, set: CandidateSet, context: SweepContext): Expression<SqlBool> {
  const { now } = context;
  const open = eb("cases.status", "in", openStatuses);
  const withoutEscalation = (rule: AutomaticEscalationRule) =>
    eb.not(eb.exists(eb.selectFrom("escalations").select(sql.lit(1).as("escalated")).whereRef("escalations.case_id", "=", "cases.id").where("escalations.rule", "=", rule)));
  switch (set) {
    case "breached":
      return eb.and([open, eb("cases.next_due_at", "<=", now)]);
    case "due_soon":
      return eb.and([open, eb("cases.due_soon_at", "<=", now), eb("cases.next_due_at", ">", now)]);
    case "critical_priority":
      return eb.and([open, eb("cases.priority", "=", "critical"), withoutEscalation("critical_priority")]);
    case "senior_official":
      return eb.and([open, eb("cases.kind", "=", "corruption_tip"), eb("cases.names_senior_official", "=", 1), withoutEscalation("senior_official")]);
  }
}

function candidateSets(context: SweepContext): CandidateSet[] {
  const settings = context.services.config.sla;
  const sets: CandidateSet[] = [];
  if (settings.alertBreached || settings.escalateResolveBreached) sets.push("breached");
  if (settings.alertDueSoon) sets.push("due_soon");
  if (settings.escalateCriticalPriority) sets.push("critical_priority");
  if (settings.escalateSeniorOfficial) sets.push("senior_official");
  return sets;
}

/** The column a set is read in order of, with the id: the one its index range is on; by id alone otherwise. */
function orderingColumn(set: CandidateSet): "cases.next_due_at" | "cases.due_soon_at" | null {
  if (set === "breached") return "cases.next_due_at";
  if (set === "due_soon") return "cases.due_soon_at";
  return null;
}

function keyOf(set: CandidateSet, row: LadderRow): number | null {
  if (set === "breached") return row.next_due_at;
  if (set === "due_soon") return row.due_soon_at;
  return null;
}

export function candidatePageQuery(db: Queryable, set: CandidateSet, context: SweepContext, after: Cursor | null, limit: number) {
  const ordering = orderingColumn(set);
  return db
    .selectFrom("cases")
    .select(ladderColumns.map((column) => `cases.${column}` as const))
    .where((eb) => {
      const conditions = [candidateCondition(eb, set, context)];
      if (after && ordering && after.key !== null) {
        conditions.push(eb(ordering, ">=", after.key), eb.or([eb(ordering, ">", after.key), eb("cases.id", ">", after.id)]));
      } else if (after) {
        conditions.push(eb("cases.id", ">", after.id));
      }
      return eb.and(conditions);
    })
    .$if(ordering !== null, (query) => query.orderBy(ordering!))
    .orderBy("cases.id")
    .limit(limit);
}

/** What is already recorded for a page of cases, in two indexed reads. */
async function doneStepsOf(db: Queryable, caseIds: string[]) {
  const [alerts, escalations] = await Promise.all([
    db.selectFrom("sla_alerts").select(["case_id", "clock", "level", "due_at"]).where("case_id", "in", caseIds).execute(),
    db.selectFrom("escalations").select(["case_id", "rule"]).where("case_id", "in", caseIds).execute(),
  ]);
  const done = new Map(caseIds.map((id) => [id, { alertKeys: new Set<string>(), rules: new Set<string>() }]));
  for (const alert of alerts) done.get(alert.case_id)?.alertKeys.add(`${alert.clock}:${alert.level}:${Number(alert.due_at)}`);
  for (const escalation of escalations) done.get(escalation.case_id)?.rules.add(escalation.rule);
  return done;
}

const emptyResult = (): SweepResult => ({ skipped: false, casesChecked: 0, dueSoonAlerts: 0, breachAlerts: 0, escalations: 0, events: [] });

/** One sweep at `now`. Safe to run concurrently with itself, on one node or many. */
export async function runSlaSweep(services: AppServices, now: number, options: SweepOptions = {}): Promise<SweepResult> {
  const { useAdvisoryLock = true } = options;
  if (services.dialect !== "postgres" || !useAdvisoryLock) return sweep(services, now, options);
  return services.db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${sweepLockKey}) as locked`.execute(connection);
    if (!rows[0]?.locked) return { ...emptyResult(), skipped: true };
    try {
      return await sweep(services, now, options);
    } finally {
      await sql`select pg_advisory_unlock(${sweepLockKey})`.execute(connection);
    }
  });
}

async function sweep(services: AppServices, now: number, { pageSize = defaultPageSize }: SweepOptions): Promise<SweepResult> {
  const context = await sweepContext(services, now);
  const result = emptyResult();
  // A case can be in several sets (breached and critical): its transaction already did everything.
  const swept = new Set<string>();
  for (const set of candidateSets(context)) {
    let after: Cursor | null = null;
    for (;;) {
      const page: LadderRow[] = await candidatePageQuery(services.db, set, context, after, pageSize).execute();
      if (page.length === 0) break;
      const done = await doneStepsOf(
        services.db,
        page.map((row) => row.id),
      );
      for (const row of page) {
        if (swept.has(row.id)) continue;
        swept.add(row.id);
        result.casesChecked += 1;
        const pending = pendingSteps(ladderSteps(ladderCaseOf(row), now, context.ladderFor(row.category_id)), done.get(row.id)!);
        if (hasSteps(pending)) await sweepCase(context, row.id, result);
      }
      const last: LadderRow = page[page.length - 1]!;
      after = { key: keyOf(set, last), id: last.id };
      if (page.length < pageSize) break;
    }
  }
  return result;
}

/**
 * Climbs the ladder for one case in one transaction, from the case as it is now (locked on
 * PostgreSQL, so two sweeps of the same case take turns): each step whose row is new gets its
 * event, audit entry and e-mails; a step another sweep recorded first is left alone.
 */
async function sweepCase(context: SweepContext, caseId: string, result: SweepResult): Promise<void> {
  const { services, now } = context;
  const outcome = await services.db.transaction().execute(async (transaction) => {
    const row = await transaction
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", caseId)
      .$if(services.dialect === "postgres", (query) => query.forUpdate())
      .executeTakeFirst();
    const recorded = emptyResult();
    if (!row) return recorded;
    const steps = ladderSteps(ladderCaseOf(row), now, context.ladderFor(row.category_id));
    if (!hasSteps(steps)) return recorded;
    const recused = await recusedStaffIdsOf(transaction, row.id);
    const category = await transaction.selectFrom("categories").select("code").where("id", "=", row.category_id).executeTakeFirstOrThrow();
    const facts = caseFactsOf(row, category.code);
    // The one place the sweep's breaches and escalations leave for the outside world: outbound
    // alerts (webhooks, LINE) are written from here, in this transaction, next to what they report.
    const emit = async (event: LadderEvent) => {
      recorded.events.push(event);
      await enqueueAlert(transaction, services, event, now);
    };
    for (const alert of steps.alerts) {
      if (!(await insertAlert(transaction, row.id, alert, now))) continue;
      if (alert.level === "due_soon") {
        await alertDueSoon(transaction, services, row, alert, recused, now);
        recorded.dueSoonAlerts += 1;
      } else {
        await alertBreached(transaction, services, row, alert, recused, now);
        recorded.breachAlerts += 1;
        await emit({ type: "sla_breach", ...facts, clock: alert.clock, dueAt: alert.dueAt });
      }
    }
    for (const rule of steps.escalations) {
      const escalation = await recordEscalation(transaction, services, { caseId: row.id, reference: row.reference, rule, reason: rule, actor: { type: "system", id: null }, recused }, now);
      if (!escalation) continue;
      recorded.escalations += 1;
      await emit({ type: "escalation", ...facts, rule, routedToRole: escalation.routedToRole, escalatedAt: now });
    }
    return recorded;
  });
  result.dueSoonAlerts += outcome.dueSoonAlerts;
  result.breachAlerts += outcome.breachAlerts;
  result.escalations += outcome.escalations;
  result.events.push(...outcome.events);
}

/** True when this sweep recorded the alert; false when it already was (by this sweep or another). */
async function insertAlert(transaction: Transaction<Database>, caseId: string, alert: AlertStep, now: number): Promise<boolean> {
  const inserted = await transaction
    .insertInto("sla_alerts")
    .values({ id: randomUUID(), case_id: caseId, clock: alert.clock, level: alert.level, due_at: alert.dueAt, created_at: now })
    .onConflict((conflict) => conflict.columns(["case_id", "clock", "level", "due_at"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

async function recordAlertEvent(transaction: Transaction<Database>, caseId: string, type: "sla_due_soon" | "sla_breached", alert: AlertStep, recipients: number, now: number): Promise<void> {
  const data = { clock: alert.clock, dueAt: alert.dueAt };
  await transaction
    .insertInto("case_events")
    .values({ id: randomUUID(), case_id: caseId, type, actor_type: "system", actor_id: null, from_status: null, to_status: null, data: JSON.stringify(data), is_visible_to_reporter: 0, created_at: now })
    .execute();
  await appendAuditEntry(transaction, { actorType: "system", action: `case.${type}`, targetType: "case", targetId: caseId, details: { ...data, recipients }, occurredAt: now });
}

function formattedDeadline(dueAt: number): { th: string; en: string } {
  return { th: formatDateTime(dueAt, "th"), en: formatDateTime(dueAt, "en") };
}

async function alertDueSoon(transaction: Transaction<Database>, services: AppServices, row: CaseRow, alert: AlertStep, recused: ReadonlySet<string>, now: number): Promise<void> {
  const recipients = await caseHolders(transaction, row, recused);
  await recordAlertEvent(transaction, row.id, "sla_due_soon", alert, recipients.length, now);
  const email = slaDueSoonEmail({ reference: row.reference, clock: alert.clock, dueBy: formattedDeadline(alert.dueAt), caseUrl: `${services.config.publicBaseUrl}${staffCasePath(row.id)}` });
  await enqueueEmailToEach(transaction, services.secrets.keyring, recipients, email, now);
}

async function alertBreached(transaction: Transaction<Database>, services: AppServices, row: CaseRow, alert: AlertStep, recused: ReadonlySet<string>, now: number): Promise<void> {
  if (row.is_overdue === 0) {
    await transaction.updateTable("cases").set({ is_overdue: 1 }).where("id", "=", row.id).execute();
    row.is_overdue = 1;
  }
  const recipients = await teamSupervisors(transaction, row.team_id, recused);
  await recordAlertEvent(transaction, row.id, "sla_breached", alert, recipients.length, now);
  const email = slaBreachedEmail({ reference: row.reference, clock: alert.clock, dueAt: formattedDeadline(alert.dueAt), caseUrl: `${services.config.publicBaseUrl}${staffCasePath(row.id)}` });
  await enqueueEmailToEach(transaction, services.secrets.keyring, recipients, email, now);
}

/** How often the sweeper refreshes SQLite's planner statistics: SQLite advises every few hours. */
export const optimizeIntervalMs = 3 * 60 * 60 * 1000;

/**
 * The in-process sweep of a running server: a pass every `SLA_SWEEP_INTERVAL_SECONDS` unless
 * `SLA_SWEEP_IN_PROCESS=false` (cron runs `npm run sla:sweep` instead). Like the mail dispatcher,
 * the next pass is scheduled when the last one ended, the timer never keeps the process alive, and
 * a failing pass is logged, not thrown.
 *
 * Every `optimizeIntervalMs` a pass also runs `PRAGMA optimize` (`optimizeDatabase`; nothing on
 * PostgreSQL): the sweeper is the server's one periodic task that owns the database, and the
 * statistics live in the database file, so this also serves every other connection. With the
 * sweep in cron, each `npm run sla:sweep` opens the database afresh, which optimizes it already.
 */
export function startSlaSweeper(services: AppServices): { stop(): void } {
  const { sweepInProcess, sweepIntervalSeconds } = services.config.sla;
  if (!sweepInProcess) return { stop() {} };
  // The connection was optimized when it opened (db/connect.ts).
  let optimizedAt = Date.now();
  return repeatInBackground({
    logger: services.logger,
    failureMessage: "SLA sweep failed",
    intervalMs: sweepIntervalSeconds * 1000,
    runAtStart: false,
    pass: async () => {
      const result = await runSlaSweep(services, Date.now());
      if (Date.now() - optimizedAt >= optimizeIntervalMs) {
        optimizedAt = Date.now();
        await optimizeDatabase(services.db, services.dialect);
      }
      const summary = await sendPreviousMonthSummaryIfDue(services, Date.now());
      if (summary.sent) services.logger.info({ recipients: summary.recipients }, "Monthly summary to executives queued");
      if (result.dueSoonAlerts + result.breachAlerts + result.escalations > 0) {
        services.logger.info({ casesChecked: result.casesChecked, dueSoonAlerts: result.dueSoonAlerts, breachAlerts: result.breachAlerts, escalations: result.escalations }, "SLA sweep");
      }
    },
  });
}
