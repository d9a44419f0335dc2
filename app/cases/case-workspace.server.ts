import type { Transaction } from "kysely";
import { fileNameContext, readAttachment } from "../attachments/attachments.server";
import { appendAuditEntry } from "../audit/audit-log.server";
import { can, type CaseContext, type StaffActionOnCase, type StaffUserForPermissions } from "../auth/permissions";
import { decryptText } from "../crypto/envelope.server";
import type { ActorType, CaseChannel, CaseKind, CaseOutcome, CasePriority, CaseStatus, Database, Queryable, ReporterRelation, StaffRole } from "../db.server";
import type { ReporterIdentity } from "../intake/intake.server";
import { messageContext } from "../messaging/messages.server";
import type { AppServices } from "../services.server";
import { nextDeadline, type CaseDeadlines, type NextDeadline } from "../sla/deadlines";
import { caseContextOf } from "./case-access.server";
import { allowedCommands, endingIsForTheSupervisor, lifecycleStateOf, type CaseCommandType } from "./case-commands";

/**
 * The staff case page as a service (issue 4): one call checks `case.view`, decrypts what the
 * staff member may see, and records that they saw it — every staff read of a case is audited, and
 * so is every refusal. Refusals are values; the route turns them into 404 and 403.
 */

export type StaffMember = StaffUserForPermissions;

export type CaseDenial = { problem: "not_found" } | { problem: "forbidden" };

/** Where a case's fields are sealed (the intake's contexts), so an envelope opens only in its own row and column. */
export function caseFieldContext(column: string, caseId: string): string {
  return `cases.${column}:${caseId}`;
}

/**
 * A refused look at or action on a case, written in the caller's transaction: who tried what, never
 * any content. The auditor's view of recused officers trying a case's URL.
 */
export async function recordCaseAccessDenied(
  transaction: Transaction<Database>,
  staff: StaffMember,
  caseId: string,
  attempted: StaffActionOnCase,
  now: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await appendAuditEntry(transaction, {
    actorType: "staff",
    actorId: staff.id,
    action: "case.access_denied",
    targetType: "case",
    targetId: caseId,
    details: { attempted, role: staff.role, ...extra },
    occurredAt: now,
  });
}

/** Looks the case up and asks `can`; a refusal is audited before it is returned. */
export async function authorizeCaseAccess(
  services: Pick<AppServices, "db">,
  staff: StaffMember,
  caseId: string,
  action: StaffActionOnCase,
  now: number,
): Promise<{ context: CaseContext } | CaseDenial> {
  const context = await caseContextOf(services.db, caseId);
  if (!context) return { problem: "not_found" };
  if (!can(staff, action, context)) {
    await services.db.transaction().execute((transaction) => recordCaseAccessDenied(transaction, staff, caseId, action, now));
    return { problem: "forbidden" };
  }
  return { context };
}

export function staffCasePath(caseId: string): string {
  return `/staff/cases/${encodeURIComponent(caseId)}`;
}

export interface NamedRecord {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
}

export interface StaffThreadMessage {
  id: string;
  author: "reporter" | "staff";
  /** The officer's display name; null for the reporter. */
  authorName: string | null;
  body: string;
  createdAt: number;
}

export interface TimelineEntry {
  id: string;
  type: string;
  actorType: ActorType;
  actorId: string | null;
  /** The officer's display name; null for the reporter, the system and API clients. */
  actorName: string | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  data: Record<string, unknown> | null;
  isVisibleToReporter: boolean;
  createdAt: number;
}

export interface AttachmentSummary {
  id: string;
  messageId: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedByType: ActorType;
  uploadedByName: string | null;
  createdAt: number;
}

export interface EscalationSummary {
  id: string;
  rule: string;
  routedToRole: StaffRole;
  createdAt: number;
  decision: string | null;
  decidedAt: number | null;
  actionDueAt: number | null;
}

export interface CaseWorkspace {
  id: string;
  reference: string;
  kind: CaseKind;
  category: NamedRecord;
  team: NamedRecord;
  channel: CaseChannel;
  priority: CasePriority;
  status: CaseStatus;
  isAnonymous: boolean;
  reporterRelation: ReporterRelation;
  assignee: { id: string; displayName: string } | null;
  outcome: CaseOutcome | null;
  referredTo: string | null;
  referredAt: number | null;
  mergedInto: { id: string; reference: string } | null;
  namesSeniorOfficial: boolean;
  isOverdue: boolean;
  createdAt: number;
  updatedAt: number;
  deadlines: CaseDeadlines;
  progress: { acknowledgedAt: number | null; firstResponseAt: number | null; resolvedAt: number | null; closedAt: number | null; pausedAt: number | null };
  /** The deadline queues sort on; null once nothing is due (finished, or waiting for the reporter). */
  nextDeadline: NextDeadline | null;
  /**
   * When the retention purge removed the case's content (docs/decisions/0017), or null. An
   * anonymized case shows no narrative, details, people, identity, messages or files, and takes no
   * command: the page says why instead.
   */
  anonymizedAt: number | null;
  narrative: string;
  details: { when?: string; where?: string };
  peopleInvolved: string | null;
  /** Null when the case is anonymous or the staff member may not see who the reporter is: see `identityShown`. */
  reporterIdentity: ReporterIdentity | null;
  identityShown: boolean;
  thread: StaffThreadMessage[];
  /** Null when the role may not read internal notes (not an empty list: the page hides the section). */
  internalNotes: StaffThreadMessage[] | null;
  timeline: TimelineEntry[];
  attachments: AttachmentSummary[];
  escalations: EscalationSummary[];
  allowedActions: CaseCommandType[];
  /** A corruption tip this officer works on but may not end: the page points to the supervisor. */
  endingIsForTheSupervisor: boolean;
}

async function staffNames(db: Queryable, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("staff_users").select(["id", "display_name"]).where("id", "in", unique).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

function namedRecord(row: { id: string; code: string; name_th: string; name_en: string }): NamedRecord {
  return { id: row.id, code: row.code, nameTh: row.name_th, nameEn: row.name_en };
}

function parseJsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

/**
 * Opens a case for the staff page: not found, forbidden (audited), or the case as this staff member
 * may see it (audited as `case.read`, with which sensitive parts were shown).
 */
export async function openCaseForStaff(services: AppServices, staff: StaffMember, caseId: string, now: number): Promise<{ workspace: CaseWorkspace } | CaseDenial> {
  const access = await authorizeCaseAccess(services, staff, caseId, "case.view", now);
  if ("problem" in access) return access;
  const { context } = access;
  const { db } = services;
  const { keyring } = services.secrets;

  const row = await db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
  const [category, team, mergedInto, messages, events, attachments, escalations] = await Promise.all([
    db.selectFrom("categories").select(["id", "code", "name_th", "name_en"]).where("id", "=", row.category_id).executeTakeFirstOrThrow(),
    db.selectFrom("teams").select(["id", "code", "name_th", "name_en"]).where("id", "=", row.team_id).executeTakeFirstOrThrow(),
    row.merged_into_case_id === null ? undefined : db.selectFrom("cases").select(["id", "reference"]).where("id", "=", row.merged_into_case_id).executeTakeFirst(),
    db.selectFrom("messages").select(["id", "author_type", "author_id", "visibility", "body_encrypted", "created_at"]).where("case_id", "=", caseId).orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("case_events").selectAll().where("case_id", "=", caseId).orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("attachments").selectAll().where("case_id", "=", caseId).orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("escalations").selectAll().where("case_id", "=", caseId).orderBy("created_at").orderBy("id").execute(),
  ]);

  const mayReadNotes = can(staff, "case.internal_note", context);
  const identityShown = row.reporter_identity_encrypted !== null && can(staff, "case.view_identity", context);
  const anonymized = row.anonymized_at !== null;
  // What is left of an anonymized case's messages and files is metadata for the reports, not for this page.
  const visibleMessages = anonymized ? [] : messages.filter((message) => message.visibility === "reporter_thread" || mayReadNotes);
  const visibleAttachments = anonymized ? [] : attachments;
  const names = await staffNames(db, [
    row.assignee_id,
    ...visibleMessages.map((message) => (message.author_type === "staff" ? message.author_id : null)),
    ...events.map((event) => (event.actor_type === "staff" ? event.actor_id : null)),
    ...visibleAttachments.map((attachment) => (attachment.uploaded_by_type === "staff" ? attachment.uploaded_by_id : null)),
  ]);
  const nameOf = (type: ActorType, id: string | null) => (type === "staff" && id !== null ? (names.get(id) ?? null) : null);

  const toThreadMessage = (message: (typeof messages)[number]): StaffThreadMessage => ({
    id: message.id,
    author: message.author_type === "reporter" ? "reporter" : "staff",
    authorName: nameOf(message.author_type, message.author_id),
    body: decryptText(keyring, message.body_encrypted, messageContext(message.id)),
    createdAt: message.created_at,
  });
  const open = (column: string, envelope: string) => decryptText(keyring, envelope, caseFieldContext(column, row.id));
  const deadlines: CaseDeadlines = { acknowledgeDueAt: row.acknowledge_due_at, firstResponseDueAt: row.first_response_due_at, resolveDueAt: row.resolve_due_at };

  const workspace: CaseWorkspace = {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    category: namedRecord(category),
    team: namedRecord(team),
    channel: row.channel,
    priority: row.priority,
    status: row.status,
    isAnonymous: row.is_anonymous === 1,
    reporterRelation: row.reporter_relation,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, displayName: names.get(row.assignee_id) ?? "" },
    outcome: row.outcome,
    referredTo: row.referred_to,
    referredAt: row.referred_at,
    mergedInto: mergedInto ?? null,
    namesSeniorOfficial: row.names_senior_official === 1,
    isOverdue: row.is_overdue === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deadlines,
    progress: { acknowledgedAt: row.acknowledged_at, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at, closedAt: row.closed_at, pausedAt: row.paused_at },
    nextDeadline:
      row.next_due_at === null
        ? null
        : (nextDeadline(deadlines, { acknowledgedAt: row.acknowledged_at, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at }) ?? null),
    anonymizedAt: row.anonymized_at,
    narrative: anonymized ? "" : open("narrative_encrypted", row.narrative_encrypted),
    details: row.details_encrypted === null ? {} : (JSON.parse(open("details_encrypted", row.details_encrypted)) as { when?: string; where?: string }),
    peopleInvolved: row.subjects_encrypted === null ? null : open("subjects_encrypted", row.subjects_encrypted),
    reporterIdentity: identityShown && row.reporter_identity_encrypted !== null ? (JSON.parse(open("reporter_identity_encrypted", row.reporter_identity_encrypted)) as ReporterIdentity) : null,
    identityShown,
    thread: visibleMessages.filter((message) => message.visibility === "reporter_thread").map(toThreadMessage),
    internalNotes: mayReadNotes ? visibleMessages.filter((message) => message.visibility === "internal_note").map(toThreadMessage) : null,
    timeline: events.map((event) => ({
      id: event.id,
      type: event.type,
      actorType: event.actor_type,
      actorId: event.actor_id,
      actorName: nameOf(event.actor_type, event.actor_id),
      fromStatus: event.from_status,
      toStatus: event.to_status,
      data: parseJsonObject(event.data),
      isVisibleToReporter: event.is_visible_to_reporter === 1,
      createdAt: event.created_at,
    })),
    attachments: visibleAttachments.map((attachment) => ({
      id: attachment.id,
      messageId: attachment.message_id,
      fileName: decryptText(keyring, attachment.file_name_encrypted, fileNameContext(attachment.id)),
      mediaType: attachment.media_type,
      sizeBytes: attachment.size_bytes,
      uploadedByType: attachment.uploaded_by_type,
      uploadedByName: nameOf(attachment.uploaded_by_type, attachment.uploaded_by_id),
      createdAt: attachment.created_at,
    })),
    escalations: escalations.map((escalation) => ({
      id: escalation.id,
      rule: escalation.rule,
      routedToRole: escalation.routed_to_role,
      createdAt: escalation.created_at,
      decision: escalation.decision,
      decidedAt: escalation.decided_at,
      actionDueAt: escalation.action_due_at,
    })),
    allowedActions: anonymized ? [] : allowedCommands(staff, context, lifecycleStateOf(row), now, services.config.cases.reopenWindowMs),
    endingIsForTheSupervisor: !anonymized && endingIsForTheSupervisor(staff, context, lifecycleStateOf(row), now, services.config.cases.reopenWindowMs),
  };

  await db.transaction().execute((transaction) =>
    appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: staff.id,
      action: "case.read",
      targetType: "case",
      targetId: caseId,
      details: {
        role: staff.role,
        identity: identityShown,
        internalNotes: mayReadNotes,
        messages: workspace.thread.length + (workspace.internalNotes?.length ?? 0),
        attachments: workspace.attachments.length,
        ...(anonymized ? { anonymized: true } : {}),
      },
      occurredAt: now,
    }),
  );
  return { workspace };
}

export interface AttachmentDownload {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

/**
 * One evidence file for an authorized officer, audited. The attachment is looked up by its id AND
 * the case the officer was allowed on: an id of another case answers "not found" (and the attempt
 * is audited), so permission on one case never opens another case's files.
 */
export async function downloadAttachment(
  services: AppServices,
  staff: StaffMember,
  caseId: string,
  attachmentId: string,
  now: number,
): Promise<{ download: AttachmentDownload } | CaseDenial> {
  const access = await authorizeCaseAccess(services, staff, caseId, "attachment.download", now);
  if ("problem" in access) return access;
  const { db } = services;
  // A NUL names no attachment, and PostgreSQL would refuse the query with it (a 500, not a 404).
  const attachment = attachmentId.includes("\u0000")
    ? undefined
    : await db
        .selectFrom("attachments")
        .innerJoin("cases", "cases.id", "attachments.case_id")
        .select(["attachments.id", "attachments.file_name_encrypted", "attachments.media_type", "attachments.content_digest", "attachments.storage_key", "cases.anonymized_at"])
        .where("attachments.id", "=", attachmentId)
        .where("attachments.case_id", "=", caseId)
        .executeTakeFirst();
  // An anonymized case's files were deleted with its content: its rows remain for the audit trail only.
  if (!attachment || attachment.anonymized_at !== null) {
    const reason = attachment ? "anonymized" : "not_in_case";
    await db.transaction().execute((transaction) => recordCaseAccessDenied(transaction, staff, caseId, "attachment.download", now, { attachmentId, reason }));
    return { problem: "not_found" };
  }
  // Read (and verify) before recording: an entry says the officer received the file.
  const content = await readAttachment(services, attachment);
  await db.transaction().execute((transaction) =>
    appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: staff.id,
      action: "attachment.download",
      targetType: "attachment",
      targetId: attachment.id,
      details: { caseId, role: staff.role },
      occurredAt: now,
    }),
  );
  return { download: content };
}
