import type { Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import { can, type StaffActionOnCase } from "../auth/permissions";
import { caseContextOf } from "../cases/case-access.server";
import { openCaseForStaff, recordCaseAccessDenied, type CaseDenial, type CaseWorkspace, type StaffMember } from "../cases/case-workspace.server";
import { decryptText } from "../crypto/envelope.server";
import type { CaseKind, CaseStatus, Database, Queryable, StaffRole } from "../db.server";
import type { AppServices } from "../services.server";
import { hasControlCharacter } from "../security/route-id";
import { executiveDecisions, type ExecutiveDecision } from "./decision-rules";
import { escalationReasonContext } from "./escalations.server";

/**
 * The executives' escalation inbox (issue 5): the escalations routed to the viewer's role, minus
 * every case the viewer is recused from — listed from plaintext metadata only, in keyset pages —
 * and one escalation opened with its case, audited like the staff case page.
 * The caller checked `escalation.inbox` for the list; `openEscalation` checks the case itself.
 */

import { inboxTabs, type InboxTab } from "./decision-rules";
export { inboxTabs, type InboxTab } from "./decision-rules";

export interface InboxRow {
  escalationId: string;
  caseId: string;
  reference: string;
  kind: CaseKind;
  categoryNameTh: string;
  categoryNameEn: string;
  status: CaseStatus;
  rule: string;
  escalatedAt: number;
  caseFiledAt: number;
  nextDueAt: number | null;
  isOverdue: boolean;
  decision: ExecutiveDecision | null;
  decidedAt: number | null;
  actionDueAt: number | null;
  /** Decisions already taken on the case's other escalations. */
  earlierDecisions: number;
}

export interface InboxPage {
  rows: InboxRow[];
  /** Null on the last page. */
  nextCursor: string | null;
}

interface Cursor {
  key: number;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

/** The position a cursor names, or null for anything this service did not write. */
function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    // A control character names no escalation, and PostgreSQL refuses a NUL outright (a 500, not the first page).
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === "string" && !hasControlCharacter(value[1])) return { key: value[0] as number, id: value[1] };
  } catch {
    // Unreadable: the first page.
  }
  return null;
}

export function isExecutiveDecision(value: string | null): value is ExecutiveDecision {
  return value !== null && (executiveDecisions as readonly string[]).includes(value);
}

/** Escalations of the viewer's role on cases the viewer is not recused from. */
function inboxQuery(db: Queryable, staff: StaffMember, tab: InboxTab) {
  return db
    .selectFrom("escalations")
    .innerJoin("cases", "cases.id", "escalations.case_id")
    .where("escalations.routed_to_role", "=", staff.role)
    .where("escalations.decided_at", tab === "awaiting" ? "is" : "is not", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("conflicts")
            .select("conflicts.id")
            .whereRef("conflicts.case_id", "=", "escalations.case_id")
            .where("conflicts.staff_user_id", "=", staff.id),
        ),
      ),
    );
}

/**
 * One page of the inbox. Awaiting decisions come oldest first (the longest wait on top); decided
 * ones newest decision first.
 */
export async function listEscalationInbox(db: Queryable, staff: StaffMember, tab: InboxTab, page: { after?: string; limit: number }): Promise<InboxPage> {
  const after = decodeCursor(page.after);
  const keyColumn = tab === "awaiting" ? "escalations.created_at" : "escalations.decided_at";
  const rows = await inboxQuery(db, staff, tab)
    .innerJoin("categories", "categories.id", "cases.category_id")
    .select((eb) => [
      "escalations.id as escalation_id",
      "escalations.case_id",
      "escalations.rule",
      "escalations.created_at",
      "escalations.decision",
      "escalations.decided_at",
      "escalations.action_due_at",
      "cases.reference",
      "cases.kind",
      "cases.status",
      "cases.created_at as case_created_at",
      "cases.next_due_at",
      "cases.is_overdue",
      "categories.name_th",
      "categories.name_en",
      eb
        .selectFrom("escalations as earlier")
        .select((inner) => inner.fn.countAll().as("count"))
        .whereRef("earlier.case_id", "=", "escalations.case_id")
        .whereRef("earlier.id", "!=", "escalations.id")
        .where("earlier.decided_at", "is not", null)
        .as("earlier_decisions"),
    ])
    .$if(after !== null, (query) =>
      query.where((eb) =>
        tab === "awaiting"
          ? eb.or([eb(keyColumn, ">", after!.key), eb.and([eb(keyColumn, "=", after!.key), eb("escalations.id", ">", after!.id)])])
          : eb.or([eb(keyColumn, "<", after!.key), eb.and([eb(keyColumn, "=", after!.key), eb("escalations.id", "<", after!.id)])]),
      ),
    )
    .orderBy(keyColumn, tab === "awaiting" ? "asc" : "desc")
    .orderBy("escalations.id", tab === "awaiting" ? "asc" : "desc")
    .limit(page.limit + 1)
    .execute();

  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit).map(
    (row): InboxRow => ({
      escalationId: row.escalation_id,
      caseId: row.case_id,
      reference: row.reference,
      kind: row.kind,
      categoryNameTh: row.name_th,
      categoryNameEn: row.name_en,
      status: row.status,
      rule: row.rule,
      escalatedAt: Number(row.created_at),
      caseFiledAt: Number(row.case_created_at),
      nextDueAt: row.next_due_at === null ? null : Number(row.next_due_at),
      isOverdue: row.is_overdue === 1,
      decision: isExecutiveDecision(row.decision) ? row.decision : null,
      decidedAt: row.decided_at === null ? null : Number(row.decided_at),
      actionDueAt: row.action_due_at === null ? null : Number(row.action_due_at),
      earlierDecisions: Number(row.earlier_decisions ?? 0),
    }),
  );
  const last = shown.at(-1);
  const nextCursor = more && last ? encodeCursor({ key: tab === "awaiting" ? last.escalatedAt : last.decidedAt!, id: last.escalationId }) : null;
  return { rows: shown, nextCursor };
}

/** How many escalations each tab holds for the viewer. */
export async function inboxCounts(db: Queryable, staff: StaffMember): Promise<Record<InboxTab, number>> {
  const [awaiting, decided] = await Promise.all(
    inboxTabs.map((tab) =>
      inboxQuery(db, staff, tab)
        .select((eb) => eb.fn.countAll().as("count"))
        .executeTakeFirstOrThrow(),
    ),
  );
  return { awaiting: Number(awaiting!.count), decided: Number(decided!.count) };
}

export function decisionNoteContext(escalationId: string): string {
  return `escalations.decision_note:${escalationId}`;
}

export interface EscalationDecisionEntry {
  escalationId: string;
  rule: string;
  decision: ExecutiveDecision;
  note: string;
  decidedAt: number;
  decidedByName: string | null;
  actionDueAt: number | null;
}

export interface EscalationView {
  id: string;
  rule: string;
  routedToRole: StaffRole;
  escalatedAt: number;
  /** Null when the sweep escalated it. */
  escalatedByName: string | null;
  /** The officer's own words of a manual escalation; null for a rule's. */
  reason: string | null;
  decision: ExecutiveDecision | null;
  decidedAt: number | null;
  actionDueAt: number | null;
  mayDecide: boolean;
}

export interface OpenedEscalation {
  escalation: EscalationView;
  workspace: CaseWorkspace;
  /** Every decision on the case, this escalation's included, oldest first. */
  decisions: EscalationDecisionEntry[];
}

/**
 * Refuses (and audits) anyone the escalation is not for: another role, or a member of the role
 * recused from the case. The URL is no way around the inbox's filter.
 */
export async function authorizeEscalation(
  transaction: Transaction<Database>,
  staff: StaffMember,
  escalation: { id: string; case_id: string; routed_to_role: StaffRole },
  action: StaffActionOnCase,
  now: number,
): Promise<boolean> {
  const context = await caseContextOf(transaction, escalation.case_id);
  if (context && escalation.routed_to_role === staff.role && can(staff, action, context)) return true;
  await recordCaseAccessDenied(transaction, staff, escalation.case_id, action, now, { escalationId: escalation.id });
  return false;
}

async function staffNames(db: Queryable, ids: Array<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("staff_users").select(["id", "display_name"]).where("id", "in", unique).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/**
 * One escalation for its decider: the case as `case.view` shows it to this role (without the
 * reporter's identity; the read is audited as `case.read` by openCaseForStaff), why it was
 * escalated, and what executives decided on the case before, notes included.
 */
export async function openEscalation(services: AppServices, staff: StaffMember, escalationId: string, now: number): Promise<OpenedEscalation | CaseDenial> {
  const { db } = services;
  const row = await db.selectFrom("escalations").selectAll().where("id", "=", escalationId).executeTakeFirst();
  if (!row) return { problem: "not_found" };
  const allowed = await db.transaction().execute((transaction) => authorizeEscalation(transaction, staff, row, "case.view", now));
  if (!allowed) return { problem: "forbidden" };
  const opened = await openCaseForStaff(services, staff, row.case_id, now);
  if ("problem" in opened) return opened;

  const decided = await db.selectFrom("escalations").selectAll().where("case_id", "=", row.case_id).where("decided_at", "is not", null).orderBy("decided_at").orderBy("id").execute();
  const names = await staffNames(db, [row.escalated_by_id, ...decided.map((entry) => entry.decided_by_id)]);
  const { keyring } = services.secrets;
  const context = (await caseContextOf(db, row.case_id))!;

  await db.transaction().execute((transaction) =>
    appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: staff.id,
      action: "escalation.read",
      targetType: "escalation",
      targetId: row.id,
      details: { caseId: row.case_id, role: staff.role, reason: row.reason_encrypted !== null, decisionNotes: decided.length },
      occurredAt: now,
    }),
  );
  return {
    escalation: {
      id: row.id,
      rule: row.rule,
      routedToRole: row.routed_to_role,
      escalatedAt: Number(row.created_at),
      escalatedByName: row.escalated_by_id === null ? null : (names.get(row.escalated_by_id) ?? null),
      reason: row.reason_encrypted === null ? null : decryptText(keyring, row.reason_encrypted, escalationReasonContext(row.id)),
      decision: isExecutiveDecision(row.decision) ? row.decision : null,
      decidedAt: row.decided_at === null ? null : Number(row.decided_at),
      actionDueAt: row.action_due_at === null ? null : Number(row.action_due_at),
      mayDecide: row.decided_at === null && can(staff, "escalation.decide", context),
    },
    workspace: opened.workspace,
    decisions: decided
      .filter((entry) => isExecutiveDecision(entry.decision))
      .map((entry) => ({
        escalationId: entry.id,
        rule: entry.rule,
        decision: entry.decision as ExecutiveDecision,
        note: entry.decision_note_encrypted === null ? "" : decryptText(keyring, entry.decision_note_encrypted, decisionNoteContext(entry.id)),
        decidedAt: Number(entry.decided_at),
        decidedByName: entry.decided_by_id === null ? null : (names.get(entry.decided_by_id) ?? null),
        actionDueAt: entry.action_due_at === null ? null : Number(entry.action_due_at),
      })),
  };
}
