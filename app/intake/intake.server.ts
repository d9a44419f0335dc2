import { randomUUID } from "node:crypto";
import { sql, type Insertable } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { appendAuditEntry, chainAuditEntry, claimAuditHead, writeChainedEntry, type AuditEntryInput } from "../audit/audit-log.server";
import { discardPreparedAttachments, prepareAttachments, recordAttachments, type PreparedAttachment } from "../attachments/attachments.server";
import { businessCalendarOf } from "../calendar/business-calendar.server";
import { fiscalYearOf, type BusinessCalendar } from "../calendar/thai-calendar";
import { encryptText } from "../crypto/envelope.server";
import { preparedStatement, type CaseChannel, type CaseEventsTable, type CaseKind, type CasesTable, type Dialect, type Queryable, type ReporterRelation, type SlaClock, type SlaUnit } from "../db.server";
import { formatDate } from "../i18n/format";
import { en } from "../i18n/messages/en";
import { th } from "../i18n/messages/th";
import { caseWorkersOfTeam, notifyTeamOfNewCase, type TeamMember } from "../notify/case-notifications.server";
import { enqueueEmail } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { deadlinesFromFiling, nextDeadline, type CaseDeadlines } from "../sla/deadlines";
import { dueSoonAtOf } from "../sla/due-soon-at";
import { formatTrackingCode, generateTrackingCode } from "../tracking/tracking-code";
import { hashTrackingCode, trackingLookupDigest } from "../tracking/tracking-secret.server";
import { caseAcknowledgementEmail } from "../../emails/case-acknowledgement";
import { allocateCaseReference, formatCaseReference, takeReferenceNumber } from "./case-reference.server";

export { privacyNoticeVersion } from "./privacy-notice";

export interface ReporterIdentity {
  name?: string;
  email?: string;
  phone?: string;
}

/** A case as the reporter (or an operator on their behalf) describes it: what every channel sends. */
export interface IntakeSubmission {
  kind: CaseKind;
  categoryCode: string;
  narrative: string;
  details: { when?: string; where?: string };
  /** People or units the report names: encrypted, and used for recusal. */
  peopleInvolved?: string;
  reporterRelation: ReporterRelation;
  /** Absent for an anonymous report. */
  identity?: ReporterIdentity;
  /** Required with an identity: the notice version agreed to. */
  consentVersion?: string;
  files: File[];
}

export interface IntakeOrigin {
  channel: CaseChannel;
  filedByStaffId?: string;
  /** For the audit entry of API filings: which token filed it. */
  apiTokenId?: string;
  /**
   * When the agency received it, if before it was filed (a letter typed in days later): the case
   * dates from then, so its SLA clocks, age and fiscal year start at receipt, not at data entry.
   * Never after `now`.
   */
  receivedAt?: number;
}

export interface Receipt {
  caseId: string;
  reference: string;
  kind: CaseKind;
  /** Shown once and never stored: only its digest and hash are. */
  trackingCode: string;
  filedAt: number;
  /** When the clocks started: `filedAt`, or earlier for a late-entered letter. */
  receivedAt: number;
  deadlines: CaseDeadlines;
}

export type IntakeRefusal =
  | { problem: "unknown_category" }
  | { problem: "attachments_refused"; refusals: Array<{ fileName: string; reason: string }> };

interface CategoryWithPolicies {
  id: string;
  teamId: string;
  nameTh: string;
  nameEn: string;
  policies: Array<{ clock: SlaClock; amount: number; unit: SlaUnit; dueSoonFraction: number }>;
  calendar: BusinessCalendar;
}

/**
 * The active category with its SLA policies, and the holiday dates its deadlines count around, in
 * one statement: on PostgreSQL each statement is a round trip that costs the intake's main thread
 * and the database's process about as much as its work does (docs/BENCHMARKS.md).
 */
async function activeCategory(db: Queryable, dialect: Dialect, kind: CaseKind, code: string): Promise<CategoryWithPolicies | undefined> {
  // One row per SLA policy (or one row with no policy); the holidays are one uncorrelated subquery, run once.
  const holidayDates = dialect === "postgres" ? sql<string | null>`(select string_agg("date", ',') from "holidays")` : sql<string | null>`(select group_concat("date", ',') from "holidays")`;
  const { rows } = await db.executeQuery(
    preparedStatement(
      db
        .selectFrom("categories")
        .leftJoin("sla_policies", "sla_policies.category_id", "categories.id")
        .select(["categories.id", "categories.team_id", "categories.name_th", "categories.name_en", "sla_policies.clock", "sla_policies.amount", "sla_policies.unit", "sla_policies.due_soon_fraction"])
        .select(holidayDates.as("holiday_dates"))
        .where("categories.code", "=", code)
        .where("categories.kind", "=", kind)
        .where("categories.is_active", "=", 1),
    ),
  );
  const category = rows[0];
  if (!category) return undefined;
  const policies: CategoryWithPolicies["policies"] = [];
  for (const row of rows) {
    if (row.clock !== null && row.amount !== null && row.unit !== null && row.due_soon_fraction !== null) {
      policies.push({ clock: row.clock, amount: row.amount, unit: row.unit, dueSoonFraction: row.due_soon_fraction });
    }
  }
  const holidays = category.holiday_dates ? category.holiday_dates.split(",") : [];
  return { id: category.id, teamId: category.team_id, nameTh: category.name_th, nameEn: category.name_en, policies, calendar: businessCalendarOf(holidays) };
}

/**
 * Files a case from any channel. Everything slow or fallible outside the database — cleaning and
 * encrypting evidence, argon2 — happens first; then one transaction writes the case, its first
 * event, its deadlines, its evidence rows, its audit entry and any acknowledgement e-mail, so a
 * failure leaves nothing half-written (and the evidence files it wrote are removed).
 */
export async function fileCase(services: AppServices, submission: IntakeSubmission, origin: IntakeOrigin, now: number): Promise<{ receipt: Receipt } | IntakeRefusal> {
  const { db, config, secrets } = services;
  const category = await activeCategory(db, services.dialect, submission.kind, submission.categoryCode);
  if (!category) return { problem: "unknown_category" };
  const receivedAt = Math.min(origin.receivedAt ?? now, now);
  const enteredLate = receivedAt < now;
  const deadlines = deadlinesFromFiling(receivedAt, category.policies, category.calendar);

  const identity = submission.identity && Object.values(submission.identity).some(Boolean) ? submission.identity : undefined;
  const attachments = await prepareAttachments(services, submission.files, identity ? "as_sent" : "anonymous");
  if ("refused" in attachments) return { problem: "attachments_refused", refusals: attachments.refused };

  const trackingCode = generateTrackingCode();
  const trackingHash = await hashTrackingCode(trackingCode, config.argon2);
  const caseId = randomUUID();
  const fiscalYear = fiscalYearOf(receivedAt);
  const seal = (field: string, value: string) => encryptText(secrets.keyring, value, `cases.${field}:${caseId}`);
  const next = nextDeadline(deadlines, { acknowledgedAt: null, firstResponseAt: null, resolvedAt: null });
  const dueSoonAt = dueSoonAtOf({
    nextDueAt: next?.dueAt ?? null,
    createdAt: receivedAt,
    pausedAt: null,
    deadlines,
    progress: { acknowledgedAt: null, firstResponseAt: null, resolvedAt: null },
    dueSoonFraction: (clock) => category.policies.find((policy) => policy.clock === clock)?.dueSoonFraction,
  });

  // Sealed before the transaction opens, which then holds its locks for the writes alone; the
  // reference is numbered inside it.
  const caseRow: Omit<Insertable<CasesTable>, "reference"> = {
    id: caseId,
    kind: submission.kind,
    category_id: category.id,
    team_id: category.teamId,
    channel: origin.channel,
    is_anonymous: identity ? 0 : 1,
    reporter_relation: submission.reporterRelation,
    priority: "normal",
    status: "new",
    assignee_id: null,
    tracking_lookup: trackingLookupDigest(trackingCode, secrets.trackingLookupSecret),
    tracking_hash: trackingHash,
    narrative_encrypted: seal("narrative_encrypted", submission.narrative),
    details_encrypted: submission.details.when || submission.details.where ? seal("details_encrypted", JSON.stringify(submission.details)) : null,
    subjects_encrypted: submission.peopleInvolved ? seal("subjects_encrypted", submission.peopleInvolved) : null,
    reporter_identity_encrypted: identity ? seal("reporter_identity_encrypted", JSON.stringify(identity)) : null,
    consent_version: identity ? (submission.consentVersion ?? null) : null,
    consent_at: identity && submission.consentVersion ? now : null,
    names_senior_official: 0,
    merged_into_case_id: null,
    referred_to: null,
    referred_at: null,
    outcome: null,
    filed_by_staff_id: origin.filedByStaffId ?? null,
    fiscal_year: fiscalYear,
    created_at: receivedAt,
    updated_at: now,
    acknowledged_at: null,
    first_response_at: null,
    resolved_at: null,
    closed_at: null,
    acknowledge_due_at: deadlines.acknowledgeDueAt,
    first_response_due_at: deadlines.firstResponseDueAt,
    resolve_due_at: deadlines.resolveDueAt,
    next_due_at: next?.dueAt ?? null,
    due_soon_at: dueSoonAt,
    paused_at: null,
    is_overdue: 0,
    reporter_seen_at: now,
  };
  const actorType = origin.filedByStaffId ? "staff" : origin.apiTokenId ? "api" : "reporter";
  const actorId = origin.filedByStaffId ?? origin.apiTokenId ?? null;
  const filedEvent: Insertable<CaseEventsTable> = {
    id: randomUUID(),
    case_id: caseId,
    type: "filed",
    actor_type: actorType,
    actor_id: actorId,
    from_status: null,
    to_status: "new",
    data: JSON.stringify({ channel: origin.channel, attachments: attachments.prepared.length, ...(enteredLate ? { receivedAt } : {}) }),
    is_visible_to_reporter: 1,
    created_at: now,
  };
  const auditEntry: AuditEntryInput = {
    actorType,
    actorId,
    action: "case.filed",
    targetType: "case",
    targetId: caseId,
    details: { kind: submission.kind, channel: origin.channel, anonymous: !identity, ...(enteredLate ? { receivedAt } : {}) },
    occurredAt: now,
  };

  try {
    const reference = await db.transaction().execute(async (transaction) => {
      // PostgreSQL: each statement is a round trip that costs the server's main thread and the
      // database's process about as much as its work does (docs/BENCHMARKS.md, decision 0022), so the
      // filing's writes go in two: first the reference number, the audit chain's head and the team's
      // case workers; then the case, its first event and its audit entry. Claiming the head first
      // holds its lock for the whole (short) transaction; the reference counter's lock, taken in the
      // same statement, already orders filings that long. SQLite, in process, has no round trip to save.
      let caseWorkers: TeamMember[] | undefined;
      let reference: string;
      if (services.dialect === "postgres") {
        // Both are named prepared statements (decision 0023): their text depends only on which of the
        // case's columns a filing fills, so each connection parses and plans the few variants once.
        const {
          rows: [claimed],
        } = await transaction.executeQuery(
          preparedStatement(
            transaction
              .with("reference_number", () => takeReferenceNumber(transaction, fiscalYear))
              .with("audit_head", () => claimAuditHead(transaction))
              .selectFrom(["reference_number", "audit_head"])
              .select(["reference_number.last_number", "audit_head.sequence", "audit_head.hash"])
              .select(jsonArrayFrom(caseWorkersOfTeam(transaction, category.teamId)).as("case_workers")),
          ),
        );
        if (!claimed) throw new Error("the reference counter or the audit head returned no row");
        reference = formatCaseReference(fiscalYear, Number(claimed.last_number));
        caseWorkers = claimed.case_workers;
        await transaction.executeQuery(
          preparedStatement(
            writeChainedEntry(
              transaction
                .with("filed_case", (query) => query.insertInto("cases").values({ ...caseRow, reference }))
                .with("filed_event", (query) => query.insertInto("case_events").values(filedEvent)),
              chainAuditEntry(claimed, auditEntry),
            ),
          ),
        );
      } else {
        reference = await allocateCaseReference(transaction, fiscalYear);
        await transaction.insertInto("cases").values({ ...caseRow, reference }).execute();
        await transaction.insertInto("case_events").values(filedEvent).execute();
      }
      await recordAttachments(transaction, { caseId, uploadedByType: "reporter", prepared: attachments.prepared, now });
      if (identity?.email) {
        await enqueueEmail(transaction, secrets.keyring, { to: identity.email, ...acknowledgementEmail(services, reference, submission.kind, deadlines) }, now);
      }
      await notifyTeamOfNewCase(
        transaction,
        services,
        { id: caseId, reference, kind: submission.kind, teamId: category.teamId, categoryName: { th: category.nameTh, en: category.nameEn }, filedByStaffId: origin.filedByStaffId ?? null },
        now,
        caseWorkers,
      );
      // Last before commit on SQLite, as for every audited write: the head is one row they all take.
      if (services.dialect !== "postgres") await appendAuditEntry(transaction, auditEntry);
      return reference;
    });
    return { receipt: { caseId, reference, kind: submission.kind, trackingCode, filedAt: now, receivedAt, deadlines } };
  } catch (error) {
    await discardPreparedAttachments(services, attachments.prepared);
    throw error;
  }
}

function acknowledgementEmail(services: AppServices, reference: string, kind: CaseKind, deadlines: CaseDeadlines) {
  const promised = deadlines.acknowledgeDueAt ?? deadlines.firstResponseDueAt ?? deadlines.resolveDueAt;
  return caseAcknowledgementEmail({
    reference,
    kindLabelTh: th.kinds[kind],
    kindLabelEn: en.kinds[kind],
    acknowledgeBy: promised === null ? { th: "-", en: "-" } : { th: formatDate(promised, "th"), en: formatDate(promised, "en") },
    trackUrl: `${services.config.publicBaseUrl}/track`,
  });
}

export { formatTrackingCode, type PreparedAttachment };
