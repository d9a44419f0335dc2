import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from "kysely";
import { can, permissionTable, type CaseReach, type StaffActionWithoutCase, type StaffUserForPermissions } from "../auth/permissions";
import { caseKinds, type CaseChannel, type CaseKind, type CaseStatus, type Database, type Queryable, type SlaClock } from "../db.server";
import { defaultDueSoonFraction, dueSoonPercent } from "../sla/countdown";
import { hasControlCharacter } from "../security/route-id";
import { openStatuses } from "./case-lifecycle";

/*
 * Staff work queues (ARCHITECTURE §3): open cases within the reader's reach, soonest deadline first,
 * read with keyset pagination so a queue of a million cases is an index scan that stops after a
 * page. Recusal is part of every query, never a filter applied afterwards: a recused officer cannot
 * even count a case.
 */

export const queues = ["mine", "team", "unassigned", "due_soon", "overdue", "awaiting_reporter", "all"] as const;
export type Queue = (typeof queues)[number];

/**
 * The permissions a queue needs. The deadline and waiting views list cases across both of a
 * handler's reaches (own team, assigned to self), so they need both queue permissions.
 */
const queuePermissions: Readonly<Record<Queue, readonly StaffActionWithoutCase[]>> = {
  mine: ["queue.mine"],
  team: ["queue.team"],
  unassigned: ["queue.unassigned"],
  due_soon: ["queue.mine", "queue.team"],
  overdue: ["queue.mine", "queue.team"],
  awaiting_reporter: ["queue.mine", "queue.team"],
  all: ["queue.all"],
};

export function queuePermissionsOf(queue: Queue): readonly StaffActionWithoutCase[] {
  return queuePermissions[queue];
}

export function mayViewQueue(staff: StaffUserForPermissions, queue: Queue): boolean {
  return queuePermissions[queue].every((action) => can(staff, action));
}

/** The queues a member of staff may open, in the order the workspace shows them. */
export function queuesFor(staff: StaffUserForPermissions): Queue[] {
  return queues.filter((queue) => mayViewQueue(staff, queue));
}

/** Thrown, not returned: a route that asks for a queue its user lacks is our bug, and must fail closed. */
export class QueueForbiddenError extends Error {
  constructor(queue: Queue, role: string) {
    super(`the ${role} role may not list the ${queue} queue`);
    this.name = "QueueForbiddenError";
  }
}

export interface QueueFilters {
  kind?: CaseKind;
  categoryId?: string;
  status?: CaseStatus;
  channel?: CaseChannel;
  fiscalYear?: number;
}

export interface QueuePage {
  /** The `nextCursor` of the previous page; absent (or unreadable) for the first page. */
  after?: string;
  limit: number;
}

export interface QueueRow {
  id: string;
  reference: string;
  kind: CaseKind;
  categoryNameTh: string;
  categoryNameEn: string;
  channel: CaseChannel;
  createdAt: number;
  status: CaseStatus;
  assigneeName: string | null;
  /** Null while nothing is due: waiting for the reporter (the clock is paused), or no clock left. */
  nextDueAt: number | null;
  nextClock: SlaClock | null;
  /** When the next clock started, for its countdown: every clock starts at filing. */
  clockStartedAt: number;
  /** Since when the case has waited for the reporter, when it does. */
  waitingSince: number | null;
  isOverdue: boolean;
}

export interface QueueResult {
  rows: QueueRow[];
  nextCursor: string | null;
}

export interface QueueOptions {
  /** Fraction of a clock elapsed from which a case is due soon (the countdown uses the same rule). */
  dueSoonFraction?: number;
}

export const maxQueuePageSize = 100;

type CasesExpressions = ExpressionBuilder<Database, "cases">;

/*
 * A queue is read in phases, each one ordered by (key, id) on an index: first every case with a
 * deadline, soonest first, then those with none (oldest first). Two phases instead of one
 * `ORDER BY … NULLS LAST`, because SQLite and PostgreSQL put nulls at opposite ends and SQLite
 * cannot scan an index in NULLS LAST order. The waiting queue has no running clock: it lists the
 * longest wait first.
 */
type Phase = "due" | "undated" | "waiting";

/**
 * The waiting queue's rule, worded as the predicate of its partial index (migration 0013). A
 * literal, so that the query's text alone shows the index covers it: both planners also prove it
 * from a bound value when they plan with the value, as they do for this app's statements, but a
 * reused prepared statement's generic plan on PostgreSQL has none, and sorts instead.
 */
const awaitingReporter = sql<SqlBool>`${sql.ref("cases.status")} = ${sql.lit("awaiting_reporter")}`;

function phasesOf(queue: Queue): readonly Phase[] {
  if (queue === "awaiting_reporter") return ["waiting"];
  if (queue === "due_soon" || queue === "overdue") return ["due"];
  return ["due", "undated"];
}

function phaseKey(phase: Phase): RawBuilder<number> {
  switch (phase) {
    case "due":
      return sql<number>`${sql.ref("cases.next_due_at")}`;
    case "undated":
      return sql<number>`${sql.ref("cases.created_at")}`;
    case "waiting":
      // The expression of `cases_waiting_index` (migration 0013), word for word: the planners match
      // an index's expression by its form, so the two change together.
      return sql<number>`coalesce(${sql.ref("cases.paused_at")}, ${sql.ref("cases.updated_at")})`;
  }
}

function phaseCondition(eb: CasesExpressions, phase: Phase): Expression<SqlBool> {
  switch (phase) {
    case "due":
      return eb("cases.next_due_at", "is not", null);
    case "undated":
      return eb("cases.next_due_at", "is", null);
    case "waiting":
      return awaitingReporter;
  }
}

interface Cursor {
  phase: Phase;
  key: number;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.phase, cursor.key, cursor.id]), "utf8").toString("base64url");
}

/** The position a cursor names, or null for anything this service did not write. */
function decodeCursor(text: string | undefined, queue: Queue): Cursor | null {
  if (!text || text.length > 512) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [phase, key, id] = value as unknown[];
    if (!phasesOf(queue).some((candidate) => candidate === phase)) return null;
    // A control character names no case, and PostgreSQL refuses a NUL outright (a 500, not the first page).
    if (typeof key !== "number" || !Number.isSafeInteger(key) || typeof id !== "string" || id.length === 0 || id.length > 100 || hasControlCharacter(id)) return null;
    return { phase: phase as Phase, key, id };
  } catch {
    return null;
  }
}

const never = sql<SqlBool>`1 = 0`;

function reachCondition(eb: CasesExpressions, staff: StaffUserForPermissions, reach: CaseReach): Expression<SqlBool> {
  switch (reach) {
    case "own_team":
      return staff.teamId === null ? never : eb("cases.team_id", "=", staff.teamId);
    case "assigned_to_self":
      return eb("cases.assignee_id", "=", staff.id);
    case "unassigned_triage":
      return eb.and([eb("cases.assignee_id", "is", null), eb("cases.kind", "<>", "corruption_tip")]);
    case "escalated_to_role":
      // Escalations have their own inbox; a queue never lists a case only because it was escalated.
      return never;
  }
}

/** The kinds of case a reach lets a queue list: `reachCondition`'s rule, by kind. */
function kindsOfReach(reach: CaseReach): readonly CaseKind[] {
  switch (reach) {
    case "own_team":
    case "assigned_to_self":
      return caseKinds;
    case "unassigned_triage":
      return caseKinds.filter((kind) => kind !== "corruption_tip");
    case "escalated_to_role":
      return [];
  }
}

/**
 * What a queue's own condition says of a reach: every member of the queue is within it ("implied":
 * the team queue and `own_team`), none is ("excluded": the unassigned queue and `assigned_to_self`),
 * or it has to be asked of each case ("needed").
 */
function reachInQueue(reach: CaseReach, queue: Queue): "implied" | "excluded" | "needed" {
  switch (reach) {
    case "own_team":
      return queue === "team" ? "implied" : "needed";
    case "assigned_to_self":
      return queue === "mine" ? "implied" : queue === "unassigned" ? "excluded" : "needed";
    case "unassigned_triage":
      return queue === "mine" ? "excluded" : "needed";
    case "escalated_to_role":
      return "excluded";
  }
}

/**
 * The cases of a queue the role may read, from the permission table's `case.view` grant, without
 * the reaches the queue's own condition already answers. The same cases either way; but with the
 * team queue's `team_id = ? and (team_id = ? or assignee_id = ?)`, PostgreSQL joined two bitmaps,
 * reading every open case of the team to count a hundred (25,096 index entries at 10⁶ cases, 4.6 ms),
 * where `team_id = ?` alone walks `cases_team_status_index` and stops at the cap
 * (docs/BENCHMARKS.md, finding 1). `undefined` when the queue's condition is reach enough.
 */
function readableCases(eb: CasesExpressions, staff: StaffUserForPermissions, queue: Queue): Expression<SqlBool> | undefined {
  const reaches = permissionTable[staff.role].onCase["case.view"] ?? [];
  if (reaches.some((reach) => reachInQueue(reach, queue) === "implied")) return undefined;
  const needed = reaches.filter((reach) => reachInQueue(reach, queue) === "needed");
  return needed.length === 0 ? never : eb.or(needed.map((reach) => reachCondition(eb, staff, reach)));
}

function notRecused(eb: CasesExpressions, staffUserId: string): Expression<SqlBool> {
  return eb.not(
    eb.exists(
      eb
        .selectFrom("conflicts")
        .select(sql.lit(1).as("recused"))
        .whereRef("conflicts.case_id", "=", "cases.id")
        .where("conflicts.staff_user_id", "=", staffUserId),
    ),
  );
}

function queueMembership(eb: CasesExpressions, staff: StaffUserForPermissions, queue: Queue, now: number, dueSoonFraction: number): Expression<SqlBool> {
  const percent = dueSoonPercent(dueSoonFraction);
  switch (queue) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "mine":
      return eb("cases.assignee_id", "=", staff.id);
    case "team":
      return staff.teamId === null ? never : eb("cases.team_id", "=", staff.teamId);
    case "unassigned":
      return eb("cases.assignee_id", "is", null);
    case "due_soon":
      // The countdown's rule (`isDueSoon`), in integers so both dialects compute it exactly.
      return eb.and([
        eb("cases.next_due_at", ">", now),
        sql<SqlBool>`${sql.ref("cases.next_due_at")} * ${sql.lit(percent)} + ${sql.ref("cases.created_at")} * ${sql.lit(100 - percent)} <= ${sql.lit(now * 100)}`,
      ]);
    case "overdue":
      return eb("cases.next_due_at", "<=", now);
    case "awaiting_reporter":
      return awaitingReporter;
  }
}

function filterConditions(eb: CasesExpressions, filters: QueueFilters): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filters.kind !== undefined) conditions.push(eb("cases.kind", "=", filters.kind));
  if (filters.categoryId !== undefined) conditions.push(eb("cases.category_id", "=", filters.categoryId));
  if (filters.status !== undefined) conditions.push(eb("cases.status", "=", filters.status));
  if (filters.channel !== undefined) conditions.push(eb("cases.channel", "=", filters.channel));
  if (filters.fiscalYear !== undefined) conditions.push(eb("cases.fiscal_year", "=", filters.fiscalYear));
  return conditions;
}

/**
 * Open cases, of one phase when `phase` is given. A case with a deadline is open by the schema's own
 * rule (migration 0012), so the dated phase says `next_due_at is not null` alone: with the status
 * list beside it, both planners take the two for independent, expect a few dozen rows past a deep
 * page's key where there are thousands, and read and sort them all instead of walking
 * `cases_next_due_index` from the key (docs/BENCHMARKS.md, finding 1); SQLite without statistics
 * made that choice on every page.
 *
 * The waiting phase says `status = 'awaiting_reporter'` alone, an open status. Beside the status
 * list, which both planners apply to the leading status column of `cases_waiting_index`, they read
 * that index out of order and sort what they find instead of walking it: SQLite with statistics on
 * every page, PostgreSQL on every page after the first.
 */
function openCasesOf(eb: CasesExpressions, phase: Phase | undefined): Expression<SqlBool>[] {
  if (phase === "due" || phase === "waiting") return [phaseCondition(eb, phase)];
  const open = eb("cases.status", "in", openStatuses);
  return phase === undefined ? [open] : [open, phaseCondition(eb, phase)];
}

function inQueue(eb: CasesExpressions, staff: StaffUserForPermissions, queue: Queue, filters: QueueFilters, now: number, dueSoonFraction: number, phase?: Phase): Expression<SqlBool> {
  // `all` is the supervisor's view of every team: its reach is the permission itself.
  const reach = queue === "all" ? undefined : readableCases(eb, staff, queue);
  return eb.and([
    ...openCasesOf(eb, phase),
    ...(reach === undefined ? [] : [reach]),
    queueMembership(eb, staff, queue, now, dueSoonFraction),
    notRecused(eb, staff.id),
    ...filterConditions(eb, filters),
  ]);
}

function assertMayView(staff: StaffUserForPermissions, queue: Queue): void {
  if (!mayViewQueue(staff, queue)) throw new QueueForbiddenError(queue, staff.role);
}

interface ClockColumns {
  next_due_at: number | null;
  acknowledge_due_at: number | null;
  first_response_due_at: number | null;
  resolve_due_at: number | null;
  acknowledged_at: number | null;
  first_response_at: number | null;
  resolved_at: number | null;
}

/** The clock whose deadline `next_due_at` is: the earliest one whose moment has not happened yet. */
export function nextClockOf(row: ClockColumns): SlaClock | null {
  if (row.next_due_at === null) return null;
  const clocks: Array<[SlaClock, number | null, number | null]> = [
    ["acknowledge", row.acknowledge_due_at, row.acknowledged_at],
    ["first_response", row.first_response_due_at, row.first_response_at],
    ["resolve", row.resolve_due_at, row.resolved_at],
  ];
  return clocks.find(([, dueAt, metAt]) => dueAt === row.next_due_at && metAt === null)?.[0] ?? null;
}

async function readPhase(
  db: Queryable,
  staff: StaffUserForPermissions,
  queue: Queue,
  filters: QueueFilters,
  phase: Phase,
  after: Cursor | null,
  limit: number,
  now: number,
  dueSoonFraction: number,
) {
  const key = phaseKey(phase);
  return db
    .selectFrom("cases")
    .innerJoin("categories", "categories.id", "cases.category_id")
    .leftJoin("staff_users as assignee", "assignee.id", "cases.assignee_id")
    .select([
      "cases.id",
      "cases.reference",
      "cases.kind",
      "cases.channel",
      "cases.created_at",
      "cases.updated_at",
      "cases.status",
      "cases.next_due_at",
      "cases.acknowledge_due_at",
      "cases.first_response_due_at",
      "cases.resolve_due_at",
      "cases.acknowledged_at",
      "cases.first_response_at",
      "cases.resolved_at",
      "cases.paused_at",
      "cases.is_overdue",
      "categories.name_th as category_name_th",
      "categories.name_en as category_name_en",
      "assignee.display_name as assignee_name",
      key.as("sort_key"),
    ])
    .where((eb) => {
      const conditions = [inQueue(eb, staff, queue, filters, now, dueSoonFraction, phase)];
      // `key >= k` as well as the tie-break: it gives the index scan its starting point.
      if (after) conditions.push(eb(key, ">=", after.key), eb.or([eb(key, ">", after.key), eb("cases.id", ">", after.id)]));
      return eb.and(conditions);
    })
    .orderBy(key)
    .orderBy("cases.id")
    .limit(limit)
    .execute();
}

/**
 * One page of a queue. Throws `QueueForbiddenError` when the role may not see the queue, whatever
 * the caller checked. `nextCursor` is null on the last page.
 */
export async function listQueue(
  db: Queryable,
  staff: StaffUserForPermissions,
  queue: Queue,
  filters: QueueFilters,
  page: QueuePage,
  now: number,
  options: QueueOptions = {},
): Promise<QueueResult> {
  assertMayView(staff, queue);
  const limit = Math.min(Math.max(Math.trunc(page.limit), 1), maxQueuePageSize);
  const dueSoonFraction = options.dueSoonFraction ?? defaultDueSoonFraction;
  const queuePhases = phasesOf(queue);
  const cursor = decodeCursor(page.after, queue);
  const firstPhase = cursor ? queuePhases.indexOf(cursor.phase) : 0;

  const rows: Array<QueueRow & { sortKey: number; phase: Phase }> = [];
  let more = false;
  for (const phase of queuePhases.slice(firstPhase)) {
    const wanted = limit - rows.length;
    // One row beyond the page tells whether another page exists.
    const found = await readPhase(db, staff, queue, filters, phase, cursor?.phase === phase ? cursor : null, wanted + 1, now, dueSoonFraction);
    for (const row of found.slice(0, wanted)) {
      rows.push({
        id: row.id,
        reference: row.reference,
        kind: row.kind,
        categoryNameTh: row.category_name_th,
        categoryNameEn: row.category_name_en,
        channel: row.channel,
        createdAt: row.created_at,
        status: row.status,
        assigneeName: row.assignee_name,
        nextDueAt: row.next_due_at,
        nextClock: nextClockOf(row),
        clockStartedAt: row.created_at,
        waitingSince: row.status === "awaiting_reporter" ? (row.paused_at ?? row.updated_at) : null,
        isOverdue: row.is_overdue === 1 || (row.next_due_at !== null && row.next_due_at <= now),
        sortKey: row.sort_key,
        phase,
      });
    }
    if (found.length > wanted) {
      more = true;
      break;
    }
  }
  // A full page whose phase ran out exactly may still have a later phase: the cursor moves on to it.
  const last = rows.at(-1);
  const nextCursor = last && (more || (rows.length === limit && last.phase !== queuePhases.at(-1))) ? encodeCursor({ phase: last.phase, key: last.sortKey, id: last.id }) : null;
  return { rows: rows.map(({ sortKey: _sortKey, phase: _phase, ...row }) => row), nextCursor };
}

/**
 * The largest count a queue tab spells out; beyond it the tab reads "99+". Counting every open case
 * of a supervisor's five tabs took seconds at a million cases (docs/BENCHMARKS.md), and nobody
 * works from the difference between 4,012 and 4,013: the exact size of a large queue belongs to
 * the reports, not to every page load.
 */
export const queueCountCap = 99;

export interface QueueCountOptions extends QueueOptions {
  /** Counts stop one above this; `queueCountCap` unless a test wants a small one. */
  cap?: number;
}

function countCapOf(options: QueueCountOptions): number {
  return Math.max(Math.trunc(options.cap ?? queueCountCap), 0);
}

/**
 * How many cases each queue the role may open holds now: the same rules and recusal as `listQueue`,
 * counted up to `cap + 1` — a value above `cap` means "more than cap", nothing more exact. Each
 * count reads at most `cap + 1` rows of its queue, so the page's cost does not grow with the
 * number of open cases. The counts are the scalar subqueries of one statement: on PostgreSQL each
 * statement is a round trip and a plan of its own, and seven of them took about twice as long as
 * the counting itself (docs/BENCHMARKS.md, finding 1).
 */
export async function queueCounts(db: Queryable, staff: StaffUserForPermissions, now: number, options: QueueCountOptions = {}): Promise<Partial<Record<Queue, number>>> {
  const countable = queuesFor(staff);
  if (countable.length === 0) return {};
  const row: Partial<Record<Queue, number | string | bigint | null>> = await db
    .selectNoFrom(countable.map((queue) => queueCountQuery(db, staff, queue, now, options).as(queue)))
    .executeTakeFirstOrThrow();
  return Object.fromEntries(countable.map((queue) => [queue, Number(row[queue])]));
}

/** One queue's capped count, as `queueCounts` asks for it among the others. */
export function queueCountQuery(db: Queryable, staff: StaffUserForPermissions, queue: Queue, now: number, options: QueueCountOptions = {}) {
  const dueSoonFraction = options.dueSoonFraction ?? defaultDueSoonFraction;
  return db
    .selectFrom((inner) =>
      inner
        .selectFrom("cases")
        .select(sql.lit(1).as("member"))
        .where((eb) => inQueue(eb, staff, queue, {}, now, dueSoonFraction))
        .limit(countCapOf(options) + 1)
        .as("members"),
    )
    .select((eb) => eb.fn.countAll<number>().as("count"));
}

export interface QueueTab {
  queue: Queue;
  /** The count, never above the cap. */
  count: number;
  /** True when the queue holds more than `count`: the tab reads "99+". */
  isCapped: boolean;
}

/** The tabs of the queue page, in the order the workspace shows them, each with its capped count. */
export async function queueTabs(db: Queryable, staff: StaffUserForPermissions, now: number, options: QueueCountOptions = {}): Promise<QueueTab[]> {
  const cap = countCapOf(options);
  const counts = await queueCounts(db, staff, now, options);
  return queuesFor(staff).map((queue) => {
    const count = counts[queue] ?? 0;
    return { queue, count: Math.min(count, cap), isCapped: count > cap };
  });
}

/**
 * The kinds of case the member of staff can find in any queue they may open: everything for the
 * supervisors' `all` queue, otherwise what their `case.view` reaches allow (the intake desk never
 * sees a corruption tip). Nothing for a role without queues.
 */
export function queueKindsFor(staff: StaffUserForPermissions): CaseKind[] {
  if (queuesFor(staff).length === 0) return [];
  if (mayViewQueue(staff, "all")) return [...caseKinds];
  const reaches = permissionTable[staff.role].onCase["case.view"] ?? [];
  return caseKinds.filter((kind) => reaches.some((reach) => kindsOfReach(reach).includes(kind)));
}

export interface QueueCategory {
  id: string;
  code: string;
  kind: CaseKind;
  nameTh: string;
  nameEn: string;
  isActive: boolean;
}

/**
 * The categories a queue may be filtered by: those of the kinds the staff member can find in their
 * queues, in the order admins set. Inactive categories stay: open cases may still be filed under them.
 */
export async function listQueueCategories(db: Queryable, staff: StaffUserForPermissions): Promise<QueueCategory[]> {
  const kinds = queueKindsFor(staff);
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom("categories")
    .select(["id", "code", "kind", "name_th", "name_en", "is_active"])
    .where("kind", "in", kinds)
    .orderBy("sort_order")
    .orderBy("code")
    .execute();
  return rows.map((row) => ({ id: row.id, code: row.code, kind: row.kind, nameTh: row.name_th, nameEn: row.name_en, isActive: row.is_active === 1 }));
}
