import { randomUUID } from "node:crypto";
import { sql, type ExpressionBuilder, type Transaction } from "kysely";
import { z } from "zod";
import { appendAuditEntry } from "../audit/audit-log.server";
import { can, type CaseContext } from "../auth/permissions";
import { loadBusinessCalendar } from "../calendar/business-calendar.server";
import { bangkokDateKey, isValidDateKey, startOfBangkokDay } from "../calendar/thai-calendar";
import { decryptText, encryptText } from "../crypto/envelope.server";
import { caseKinds, caseOutcomes, casePriorities, type Database, type Queryable, type StaffRole } from "../db.server";
import type { ReporterIdentity } from "../intake/intake.server";
import { insertMessage, type MessageVisibility } from "../messaging/messages.server";
import { enqueueEmail } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { recomputeCaseDeadlines } from "../sla/case-deadlines.server";
import { renderEmail, type RenderedEmail } from "../../emails/layout";
import { newMessageEmail } from "../../emails/new-message";
import { applySeniorOfficialMark, recordManualEscalation } from "../escalation/manual-escalation.server";
import { rerouteUndecidedEscalations } from "../escalation/escalations.server";
import { recusedStaffIdsOf } from "../escalation/recipients.server";
import { escalationRoles } from "../escalation/routing";
import { caseContextOf } from "./case-access.server";
import { caseCommandFields, caseCommandRules, caseCommandTypes, lifecycleStateOf, mayMergeInto, nobodyHoldsTheCase, statusAllows, type CaseCommandField, type CaseCommandFieldName, type CaseCommandType } from "./case-commands";
import type { CaseAction } from "./case-lifecycle";
import { isOpen } from "./case-lifecycle";
import { applyCaseAction, type Actor, type CaseRow } from "./case-transitions.server";
import { caseFieldContext, recordCaseAccessDenied, staffCasePath, type StaffMember } from "./case-workspace.server";

/**
 * Everything an officer does from the case page, as one service: permission (`can`, refusals
 * audited), validation (values, not exceptions), then one transaction that locks the case, applies
 * the lifecycle where the command changes status, makes the command's own writes, and records the
 * audit entry and any notification — so each exists if and only if the change does.
 */

export const referralAgencies = ["nacc", "pacc", "ombudsman", "other"] as const;
export type ReferralAgency = (typeof referralAgencies)[number];


/**
 * The rule of each form field, by the names in `caseCommandFields`: a command's schema is its
 * fields' rules, so the page's forms and this service cannot disagree on a field.
 */
const fieldRules = {
  assigneeId: z.string().trim().min(1).max(100),
  /** Who held the case on the page the assignment was made from (`nobodyHoldsTheCase` for nobody): a change since then is refused. */
  expectedAssigneeId: z.string().trim().max(100).optional(),
  recusedStaffId: z.string().trim().min(1).max(100),
  kind: z.enum(caseKinds).optional(),
  categoryCode: z.string().trim().min(1).max(100).optional(),
  priority: z.enum(casePriorities).optional(),
  message: z.string().trim().min(1).max(20_000),
  intoReference: z.string().trim().min(1).max(40),
  reason: z.string().trim().min(1).max(4_000),
  agency: z.enum(referralAgencies),
  agencyName: z.string().trim().min(1).max(200).optional(),
  /** 'YYYY-MM-DD' in Asia/Bangkok: when the referral letter went out, if not today. */
  referredOn: z.string().refine(isValidDateKey, "invalid_date").optional(),
  outcome: z.enum(caseOutcomes),
  namesSeniorOfficial: z.enum(["yes", "no"]),
} satisfies Record<CaseCommandFieldName, z.ZodTypeAny>;

type CommandSchema<Command extends CaseCommandType> = z.ZodObject<{ type: z.ZodLiteral<Command> } & Pick<typeof fieldRules, CaseCommandField<Command>>>;
type AnyCommandSchema = { [Command in CaseCommandType]: CommandSchema<Command> }[CaseCommandType];

function commandSchema(type: CaseCommandType): AnyCommandSchema {
  const fields: readonly CaseCommandFieldName[] = caseCommandFields[type];
  // Built from the list at run time; the type says what the list holds for this command.
  return z.object({ type: z.literal(type), ...Object.fromEntries(fields.map((field) => [field, fieldRules[field]])) }) as unknown as AnyCommandSchema;
}

export const caseCommandSchema = z
  .discriminatedUnion("type", caseCommandTypes.map((type) => commandSchema(type)) as [AnyCommandSchema, AnyCommandSchema, ...AnyCommandSchema[]])
  .superRefine((command, issues) => {
    if (command.type === "reclassify" && command.kind === undefined && command.categoryCode === undefined && command.priority === undefined) {
      issues.addIssue({ code: "custom", path: ["categoryCode"], message: "nothing_to_change" });
    }
    if (command.type === "refer" && command.agency === "other" && command.agencyName === undefined) {
      issues.addIssue({ code: "custom", path: ["agencyName"], message: "required" });
    }
  });

export type CaseCommand = z.input<typeof caseCommandSchema>;
type ParsedCommand = z.output<typeof caseCommandSchema>;

export interface InputIssue {
  /** The field, e.g. "message" or "agencyName". */
  field: string;
  /** zod's issue code, or our own for custom rules ("nothing_to_change", "required", "invalid_date", "category_required", "in_the_future"). */
  code: string;
}

export type CaseActionProblem =
  | { problem: "not_found" }
  | { problem: "forbidden" }
  | { problem: "not_allowed_in_status" }
  | { problem: "reopen_window_passed" }
  | { problem: "invalid_input"; issues: InputIssue[] }
  | { problem: "unknown_category" }
  | { problem: "assignee_not_eligible" }
  | { problem: "assignee_changed" }
  | { problem: "merge_target_not_found" }
  | { problem: "merge_target_not_open" }
  | { problem: "merge_target_not_corruption_tip" }
  | { problem: "recused_staff_not_eligible" }
  | { problem: "cannot_recuse_self" };

export type CaseActionResult = { done: true } | CaseActionProblem;

const done = { done: true } as const;

function invalidInput(error: z.ZodError): CaseActionProblem {
  return { problem: "invalid_input", issues: error.issues.map((issue) => ({ field: issue.path.join("."), code: issue.code === "custom" ? issue.message : issue.code })) };
}

/** What every handler works with: the locked case row, its context, who acts and when. */
interface CommandScope {
  services: AppServices;
  transaction: Transaction<Database>;
  staff: StaffMember;
  actor: Actor;
  row: CaseRow;
  context: CaseContext;
  now: number;
}

/**
 * Performs one command of the case page. `command` is what the route parsed from the form; it is
 * validated here again, so no caller can skip a rule.
 */
export async function performCaseAction(services: AppServices, staff: StaffMember, caseId: string, command: unknown, now: number): Promise<CaseActionResult> {
  const typeOnly = z.object({ type: z.enum(caseCommandTypes) }).safeParse(command);
  if (!typeOnly.success) return invalidInput(typeOnly.error);
  const commandType = typeOnly.data.type;
  const parsed = caseCommandSchema.safeParse(command);

  return services.db.transaction().execute(async (transaction): Promise<CaseActionResult> => {
    const row = await transaction
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", caseId)
      .$if(services.dialect === "postgres", (query) => query.forUpdate())
      .executeTakeFirst();
    if (!row) return { problem: "not_found" };
    const context = (await caseContextOf(transaction, caseId))!;
    const { permission } = caseCommandRules[commandType];
    if (!can(staff, permission, context)) {
      await recordCaseAccessDenied(transaction, staff, caseId, permission, now);
      return { problem: "forbidden" };
    }
    if (!parsed.success) return invalidInput(parsed.error);
    // An anonymized case is an archive of metadata: nothing more is written to it, not even a note.
    if (row.anonymized_at !== null) return { problem: "not_allowed_in_status" };
    const statusCheck = statusAllows(commandType, lifecycleStateOf(row), now, services.config.cases.reopenWindowMs);
    if (statusCheck !== true) return { problem: statusCheck };
    return perform({ services, transaction, staff, actor: { type: "staff", id: staff.id }, row, context, now }, parsed.data);
  });
}

/**
 * Each handler checks everything it needs before its first write: a problem returned after a write
 * would commit half a command.
 */
function perform(scope: CommandScope, command: ParsedCommand): Promise<CaseActionResult> {
  switch (command.type) {
    case "acknowledge":
    case "start_work":
    case "close":
      return applyLifecycle(scope, { type: command.type });
    case "reopen":
      return applyLifecycle(scope, { type: "reopen", reopenWindowMs: scope.services.config.cases.reopenWindowMs });
    case "resolve":
      return applyLifecycle(scope, { type: "resolve", outcome: command.outcome });
    case "ask_reporter":
      return writeToReporter(scope, "ask_reporter", command.message);
    case "reply":
      return writeToReporter(scope, "staff_replied", command.message);
    case "internal_note":
      return addInternalNote(scope, command.message);
    case "reject":
      return rejectCase(scope, command.reason);
    case "refer":
      return referCase(scope, command);
    case "merge":
      return mergeCase(scope, command.intoReference);
    case "assign":
      return assignCase(scope, command.assigneeId, command.expectedAssigneeId);
    case "reclassify":
      return reclassifyCase(scope, command);
    case "declare_conflict":
      return declareConflict(scope, command.reason);
    case "recuse_staff":
      return recuseStaff(scope, command.recusedStaffId, command.reason);
    case "escalate":
      return escalateByHand(scope, command.reason);
    case "mark_senior_official":
      return markSeniorOfficial(scope, command.namesSeniorOfficial === "yes");
  }
}

async function applyLifecycle(scope: CommandScope, action: CaseAction): Promise<CaseActionResult> {
  // With the services, the transition also tells a named complainant of the new status (outbox).
  const applied = await applyCaseAction(scope.transaction, scope.row, action, scope.actor, scope.now, scope.services);
  if ("refused" in applied) return { problem: applied.refused === "reopen_window_passed" ? "reopen_window_passed" : "not_allowed_in_status" };
  return done;
}

async function escalateByHand(scope: CommandScope, reason: string): Promise<CaseActionResult> {
  await recordManualEscalation(scope.transaction, scope.services, scope.staff, scope, reason, scope.now);
  return done;
}

async function markSeniorOfficial(scope: CommandScope, namesSeniorOfficial: boolean): Promise<CaseActionResult> {
  await applySeniorOfficialMark(scope.transaction, scope.services, scope.staff, scope, namesSeniorOfficial, scope.now);
  return done;
}

async function insertEvent(scope: CommandScope, event: { caseId?: string; type: string; data?: Record<string, unknown> }): Promise<void> {
  await scope.transaction
    .insertInto("case_events")
    .values({
      id: randomUUID(),
      case_id: event.caseId ?? scope.row.id,
      type: event.type,
      actor_type: "staff",
      actor_id: scope.staff.id,
      from_status: null,
      to_status: null,
      data: event.data ? JSON.stringify(event.data) : null,
      is_visible_to_reporter: 0,
      created_at: scope.now,
    })
    .execute();
}

async function audit(scope: CommandScope, action: string, details: Record<string, unknown>): Promise<void> {
  await appendAuditEntry(scope.transaction, { actorType: "staff", actorId: scope.staff.id, action, targetType: "case", targetId: scope.row.id, details, occurredAt: scope.now });
}

function insertStaffMessage(scope: CommandScope, visibility: MessageVisibility, body: string): Promise<string> {
  return insertMessage(scope.transaction, scope.services.secrets.keyring, { caseId: scope.row.id, author: { type: "staff", id: scope.staff.id }, visibility, body }, scope.now);
}

/** A named reporter with an address hears that there is news — never what it is (ARCHITECTURE §8). */
async function tellReporterThereIsNews(scope: CommandScope): Promise<void> {
  const { row, services } = scope;
  if (row.reporter_identity_encrypted === null) return;
  const identity = JSON.parse(decryptText(services.secrets.keyring, row.reporter_identity_encrypted, caseFieldContext("reporter_identity_encrypted", row.id))) as ReporterIdentity;
  if (!identity.email) return;
  const email = newMessageEmail({ reference: row.reference, trackUrl: `${services.config.publicBaseUrl}/track` });
  await enqueueEmail(scope.transaction, services.secrets.keyring, { to: identity.email, ...email }, scope.now);
}

/** Asking the reporter pauses the resolve clock; a reply is a response. Either way the message joins the thread. */
async function writeToReporter(scope: CommandScope, lifecycle: "ask_reporter" | "staff_replied", body: string): Promise<CaseActionResult> {
  const applied = await applyLifecycle(scope, { type: lifecycle });
  if (!("done" in applied)) return applied;
  await insertStaffMessage(scope, "reporter_thread", body);
  await tellReporterThereIsNews(scope);
  return done;
}

async function addInternalNote(scope: CommandScope, body: string): Promise<CaseActionResult> {
  const messageId = await insertStaffMessage(scope, "internal_note", body);
  await insertEvent(scope, { type: "internal_note" });
  await audit(scope, "case.internal_note", { messageId });
  return done;
}

/** The reason stays with the staff, as an internal note: the reporter sees the status only. */
async function rejectCase(scope: CommandScope, reason: string): Promise<CaseActionResult> {
  const applied = await applyLifecycle(scope, { type: "reject" });
  if (!("done" in applied)) return applied;
  await insertStaffMessage(scope, "internal_note", reason);
  return done;
}

async function referCase(scope: CommandScope, command: Extract<ParsedCommand, { type: "refer" }>): Promise<CaseActionResult> {
  let referredAt = scope.now;
  if (command.referredOn !== undefined) {
    referredAt = startOfBangkokDay(command.referredOn);
    const filedOn = startOfBangkokDay(bangkokDateKey(scope.row.created_at));
    if (referredAt > scope.now) return { problem: "invalid_input", issues: [{ field: "referredOn", code: "in_the_future" }] };
    if (referredAt < filedOn) return { problem: "invalid_input", issues: [{ field: "referredOn", code: "before_filing" }] };
  }
  // Agency names are public bodies, not personal data: they stay in plaintext for the reports.
  const agency = command.agency === "other" ? `other:${command.agencyName ?? ""}` : command.agency;
  const applied = await applyLifecycle(scope, { type: "refer", agency });
  if (!("done" in applied)) return applied;
  if (referredAt !== scope.now) await scope.transaction.updateTable("cases").set({ referred_at: referredAt }).where("id", "=", scope.row.id).execute();
  return done;
}

/**
 * A duplicate joins the case it repeats. The target must be one the officer may see (so a reference
 * cannot be probed through this form), of a kind the case may join (`mayMergeInto`: a tip only
 * into a tip) and still open; its timeline records the arrival.
 */
async function mergeCase(scope: CommandScope, intoReference: string): Promise<CaseActionResult> {
  const { transaction, row } = scope;
  const target = await transaction.selectFrom("cases").select(["id", "reference", "status", "kind"]).where("reference", "=", intoReference.toUpperCase()).executeTakeFirst();
  if (!target || target.id === row.id) return { problem: "merge_target_not_found" };
  const targetContext = await caseContextOf(transaction, target.id);
  if (!targetContext || !can(scope.staff, "case.view", targetContext)) return { problem: "merge_target_not_found" };
  if (!mayMergeInto(row.kind, target.kind)) return { problem: "merge_target_not_corruption_tip" };
  if (!isOpen(target.status)) return { problem: "merge_target_not_open" };
  const applied = await applyLifecycle(scope, { type: "merge", intoCaseId: target.id });
  if (!("done" in applied)) return applied;
  await insertEvent(scope, { caseId: target.id, type: "duplicate_merged", data: { fromCaseId: row.id, fromReference: row.reference } });
  return done;
}

export interface EligibleAssignee {
  id: string;
  displayName: string;
  role: "investigator" | "supervisor";
}

/** The staff member of the row is not recused from the case (table `conflicts`). */
function notRecusedFrom(eb: ExpressionBuilder<Database, "staff_users">, caseId: string) {
  return eb.not(
    eb.exists(eb.selectFrom("conflicts").select(sql.lit(1).as("recused")).whereRef("conflicts.staff_user_id", "=", "staff_users.id").where("conflicts.case_id", "=", caseId)),
  );
}

/**
 * The one rule of who may be handed a case: active, an investigator of the case's team or a
 * supervisor, and not recused from it. Both the page's list and the assignment itself read it here,
 * so the list offers exactly the officers an assignment accepts.
 */
function eligibleAssignees(db: Queryable, caseRow: { id: string; team_id: string }) {
  return db
    .selectFrom("staff_users")
    .select(["staff_users.id", "staff_users.display_name", "staff_users.role", "staff_users.email"])
    .where("staff_users.is_active", "=", 1)
    .where((eb) => eb.or([eb.and([eb("staff_users.role", "=", "investigator"), eb("staff_users.team_id", "=", caseRow.team_id)]), eb("staff_users.role", "=", "supervisor")]))
    .where((eb) => notRecusedFrom(eb, caseRow.id));
}

interface AccountAfterChange {
  id: string;
  role: StaffRole;
  teamId: string | null;
}

/**
 * After an account's role or team changes, the cases assigned to it that it could no longer be
 * handed (`eligibleAssignees`: an investigator of the case's team, or a supervisor), open or
 * finished. Holding a case reaches it whatever its team (`assigned_to_self`, app/auth/permissions.ts),
 * identity and evidence included, so an officer moved to another team would keep reading every case
 * of the old team they had held: `releaseCases` takes them back.
 */
export async function casesBeyondReach(db: Queryable, account: AccountAfterChange): Promise<string[]> {
  if (account.role === "supervisor") return [];
  const rows = await db
    .selectFrom("cases")
    .select("id")
    .where("assignee_id", "=", account.id)
    .$if(account.role === "investigator" && account.teamId !== null, (query) => query.where("team_id", "!=", account.teamId!))
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

/** Cases released per statement pair (ten parameters an event row). */
const releaseSliceSize = 500;

/** The cases lose their assignee, and each timeline says why; an open one goes back to be assigned. */
export async function releaseCases(transaction: Transaction<Database>, account: AccountAfterChange, ids: readonly string[], actorId: string, now: number): Promise<void> {
  // In slices: an officer may have held thousands of cases, and SQLite takes at most 32,766 parameters a statement.
  for (let start = 0; start < ids.length; start += releaseSliceSize) {
    const slice = ids.slice(start, start + releaseSliceSize);
    await transaction.updateTable("cases").set({ assignee_id: null, updated_at: now }).where("id", "in", slice).execute();
    await transaction
      .insertInto("case_events")
      .values(
        slice.map((caseId) => ({
          id: randomUUID(),
          case_id: caseId,
          type: "assignee_released",
          actor_type: "staff" as const,
          actor_id: actorId,
          from_status: null,
          to_status: null,
          data: JSON.stringify({ fromAssigneeId: account.id }),
          is_visible_to_reporter: 0,
          created_at: now,
        })),
      )
      .execute();
  }
}

/**
 * The officers the staff member may hand the case to, investigators first, then by name. Empty when
 * the case does not exist or the staff member may not assign it: the page then shows no form.
 */
export async function listEligibleAssignees(db: Queryable, staff: StaffMember, caseId: string): Promise<EligibleAssignee[]> {
  const row = await db.selectFrom("cases").select(["id", "team_id"]).where("id", "=", caseId).executeTakeFirst();
  const context = row ? await caseContextOf(db, caseId) : null;
  if (!row || !context || !can(staff, "case.assign", context)) return [];
  // "investigator" sorts before "supervisor": the team's own officers come first.
  const rows = await eligibleAssignees(db, row).orderBy("staff_users.role").orderBy("staff_users.display_name").orderBy("staff_users.id").execute();
  return rows.map((assignee) => ({ id: assignee.id, displayName: assignee.display_name, role: assignee.role as EligibleAssignee["role"] }));
}

/**
 * Hands the case to an eligible officer (`eligibleAssignees`). They are told by e-mail that a case
 * awaits them — its reference and a link, never its content.
 */
async function assignCase(scope: CommandScope, assigneeId: string, expectedAssigneeId: string | undefined): Promise<CaseActionResult> {
  const { transaction, row } = scope;
  // Two officers pressing "take it myself" on the same page: the second would silently take the case
  // from the first. The page says whom it showed holding the case; if that changed, nothing is done.
  if (expectedAssigneeId !== undefined && expectedAssigneeId !== (row.assignee_id ?? nobodyHoldsTheCase)) return { problem: "assignee_changed" };
  const assignee = await eligibleAssignees(transaction, row).where("staff_users.id", "=", assigneeId).executeTakeFirst();
  if (!assignee) return { problem: "assignee_not_eligible" };
  if (row.assignee_id === assignee.id) return done;

  await transaction.updateTable("cases").set({ assignee_id: assignee.id, updated_at: scope.now }).where("id", "=", row.id).execute();
  await insertEvent(scope, { type: "assigned", data: { fromAssigneeId: row.assignee_id, toAssigneeId: assignee.id } });
  await audit(scope, "case.assign", { fromAssigneeId: row.assignee_id, toAssigneeId: assignee.id });
  if (assignee.id !== scope.staff.id) {
    await enqueueEmail(transaction, scope.services.secrets.keyring, { to: assignee.email, ...caseAssignedEmail(row.reference, `${scope.services.config.publicBaseUrl}${staffCasePath(row.id)}`) }, scope.now);
  }
  return done;
}

function caseAssignedEmail(reference: string, caseUrl: string): RenderedEmail {
  return renderEmail({
    subject: { th: `มีเรื่องเลขที่ ${reference} มอบหมายให้ท่าน`, en: `Case ${reference} has been assigned to you` },
    th: {
      heading: "มีเรื่องมอบหมายให้ท่านดำเนินการ",
      paragraphs: ["กรุณาเข้าสู่ระบบเพื่ออ่านรายละเอียดของเรื่อง"],
      facts: [{ label: "เลขที่เรื่อง", value: reference }],
      action: { label: "เปิดเรื่อง", url: caseUrl },
    },
    en: {
      heading: "A case has been assigned to you",
      paragraphs: ["Sign in to read the case."],
      facts: [{ label: "Reference", value: reference }],
      action: { label: "Open the case", url: caseUrl },
    },
  });
}

/**
 * Puts the case in another category, kind or priority. The team follows the category (and an
 * assignee of the old team lets go: the new team's supervisor assigns); the deadlines are recomputed
 * from the case's history (filing time, earlier waits) under the new category's policy. Turning a
 * corruption tip into anything else takes it out of the supervisor's closing approval, so it needs
 * that approval right itself.
 */
async function reclassifyCase(scope: CommandScope, command: Extract<ParsedCommand, { type: "reclassify" }>): Promise<CaseActionResult> {
  const { transaction, row, context, now } = scope;
  let category = { id: row.category_id, kind: row.kind, teamId: row.team_id };
  if (command.categoryCode !== undefined) {
    const found = await transaction
      .selectFrom("categories")
      .select(["id", "kind", "team_id"])
      .where("code", "=", command.categoryCode)
      .where("is_active", "=", 1)
      .executeTakeFirst();
    if (!found || (command.kind !== undefined && found.kind !== command.kind)) return { problem: "unknown_category" };
    category = { id: found.id, kind: found.kind, teamId: found.team_id };
  } else if (command.kind !== undefined && command.kind !== row.kind) {
    return { problem: "invalid_input", issues: [{ field: "categoryCode", code: "category_required" }] };
  }
  if (row.kind === "corruption_tip" && category.kind !== "corruption_tip" && !can(scope.staff, "case.approve_corruption_closure", context)) {
    await recordCaseAccessDenied(transaction, scope.staff, row.id, "case.approve_corruption_closure", now, { command: "reclassify" });
    return { problem: "forbidden" };
  }

  const priority = command.priority ?? row.priority;
  const from = { kind: row.kind, categoryId: row.category_id, teamId: row.team_id, priority: row.priority };
  const to = { kind: category.kind, categoryId: category.id, teamId: category.teamId, priority };
  if (from.kind === to.kind && from.categoryId === to.categoryId && from.priority === to.priority) return done;

  const changes: Partial<CaseRow> = { kind: to.kind, category_id: to.categoryId, team_id: to.teamId, priority, updated_at: now };
  if (to.teamId !== from.teamId) changes.assignee_id = null;
  await transaction.updateTable("cases").set(changes).where("id", "=", row.id).execute();
  // The new category's policy over the same history: filing time, earlier waits, clocks already met.
  if (to.categoryId !== from.categoryId) await recomputeCaseDeadlines(transaction, await loadBusinessCalendar(transaction), row.id, now);
  const data = { from, to, unassigned: changes.assignee_id === null && row.assignee_id !== null };
  await insertEvent(scope, { type: "reclassified", data });
  await audit(scope, "case.reclassify", data);
  return done;
}

/**
 * Recuses a staff member from the case: the conflict (its reason encrypted: it may name a relative
 * or a friend), and the case let go if they held it. The caller records the event and the audit entry.
 */
async function recordConflict(scope: CommandScope, staffUserId: string, source: "declared" | "assigned_by_supervisor", reason: string): Promise<{ conflictId: string; unassigned: boolean }> {
  const { transaction, row, staff, now } = scope;
  const conflictId = randomUUID();
  await transaction
    .insertInto("conflicts")
    .values({
      id: conflictId,
      case_id: row.id,
      staff_user_id: staffUserId,
      source,
      reason_encrypted: encryptText(scope.services.secrets.keyring, reason, `conflicts.reason:${conflictId}`),
      created_by_id: staff.id,
      created_at: now,
    })
    .execute();
  const unassigned = row.assignee_id === staffUserId;
  if (unassigned) await transaction.updateTable("cases").set({ assignee_id: null, updated_at: now }).where("id", "=", row.id).execute();
  return { conflictId, unassigned };
}

/** After a recusal is recorded: an escalation already routed to someone now recused may have nobody left to decide it. */
async function rerouteAfterRecusal(scope: CommandScope): Promise<void> {
  await rerouteUndecidedEscalations(scope.transaction, scope.services, scope.row, await recusedStaffIdsOf(scope.transaction, scope.row.id), { type: "staff", id: scope.staff.id }, scope.now);
}

/**
 * The officer steps away from a case they should not handle. From then on `can` refuses them
 * everything on it; if they held it, it goes back to be assigned. The reason is encrypted: it may
 * name a relative or a friend.
 */
async function declareConflict(scope: CommandScope, reason: string): Promise<CaseActionResult> {
  const { conflictId, unassigned } = await recordConflict(scope, scope.staff.id, "declared", reason);
  await insertEvent(scope, { type: "conflict_declared", data: { conflictId, unassigned } });
  await audit(scope, "case.conflict_declared", { conflictId, unassigned });
  await rerouteAfterRecusal(scope);
  return done;
}

export interface RecusableStaffMember {
  id: string;
  displayName: string;
  role: StaffRole;
}

/** Roles a supervisor may recuse from a case whatever their team: those who may read it, or read about it, from outside the team. */
const recusableBeyondTheTeam: readonly StaffRole[] = [...escalationRoles, "auditor"];

/**
 * The one rule of whom a supervisor may recuse from a case: active staff of the case's team,
 * whoever holds the case (a supervisor of another team may), the executives, to whom the case may
 * be escalated (a tip that names one must be routed around them, ARCHITECTURE §4), the audit
 * committee, who receive it when every executive is implicated (a tip may name one of them too), and
 * the auditors, whose audit log otherwise shows them the case's trail; not already
 * recused, and never the supervisor themselves — stepping away oneself is `declare_conflict`, which says so in the record.
 * Both the page's list and the command read it here, so the list offers exactly whom the command
 * accepts.
 */
function recusableStaff(db: Queryable, caseRow: { id: string; team_id: string; assignee_id: string | null }, supervisorId: string) {
  return db
    .selectFrom("staff_users")
    .select(["staff_users.id", "staff_users.display_name", "staff_users.role"])
    .where("staff_users.is_active", "=", 1)
    .where("staff_users.id", "!=", supervisorId)
    .where((eb) => {
      const ofTheCase = [eb("staff_users.team_id", "=", caseRow.team_id), eb("staff_users.role", "in", recusableBeyondTheTeam)];
      if (caseRow.assignee_id !== null) ofTheCase.push(eb("staff_users.id", "=", caseRow.assignee_id));
      return eb.or(ofTheCase);
    })
    .where((eb) => notRecusedFrom(eb, caseRow.id));
}

/**
 * The staff the supervisor may recuse from the case, by name. Empty when the case does not exist or
 * the staff member may not recuse anyone from it: the page then shows no form.
 */
export async function listRecusableStaff(db: Queryable, staff: StaffMember, caseId: string): Promise<RecusableStaffMember[]> {
  const row = await db.selectFrom("cases").select(["id", "team_id", "assignee_id"]).where("id", "=", caseId).executeTakeFirst();
  const context = row ? await caseContextOf(db, caseId) : null;
  if (!row || !context || !can(staff, "case.recuse_staff", context)) return [];
  const rows = await recusableStaff(db, row, staff.id).orderBy("staff_users.display_name").orderBy("staff_users.id").execute();
  return rows.map((member) => ({ id: member.id, displayName: member.display_name, role: member.role }));
}

/**
 * The supervisor recuses a colleague — one the tip names, or one with a tie the supervisor knows of
 * (ARCHITECTURE §4). Like a declared conflict: from then on `can` refuses them everything on the
 * case, and if they held it, it goes back to be assigned. The reason is encrypted: it may name a
 * relative or a friend.
 */
async function recuseStaff(scope: CommandScope, recusedStaffId: string, reason: string): Promise<CaseActionResult> {
  const { transaction, row, staff } = scope;
  if (recusedStaffId === staff.id) return { problem: "cannot_recuse_self" };
  const recused = await recusableStaff(transaction, row, staff.id).where("staff_users.id", "=", recusedStaffId).executeTakeFirst();
  if (!recused) return { problem: "recused_staff_not_eligible" };
  const { conflictId, unassigned } = await recordConflict(scope, recused.id, "assigned_by_supervisor", reason);
  const data = { conflictId, recusedStaffId: recused.id, unassigned };
  await insertEvent(scope, { type: "staff_recused", data });
  await audit(scope, "case.staff_recused", data);
  await rerouteAfterRecusal(scope);
  return done;
}
