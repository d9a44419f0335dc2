import { fileNameContext } from "../attachments/attachments.server";
import { decryptText } from "../crypto/envelope.server";
import type { CaseKind, CaseStatus, SlaClock } from "../db.server";
import { reporterThread, type ThreadMessage } from "../messaging/messages.server";
import type { AppServices } from "../services.server";
import { nextDeadline } from "../sla/deadlines";
import { readTrackingCode } from "./tracking-code";
import { trackingLookupDigest, verifyTrackingCode } from "./tracking-secret.server";

export type TrackingLookupProblem = "malformed" | "mistyped" | "unknown" | "throttled";

/**
 * Finds the case a code opens. A typo is caught by the check symbol before any lookup; a
 * well-formed code costs one indexed lookup and exactly one argon2 verification, found or not.
 * Only well-formed codes that open nothing count against the client — those are the guesses; each
 * is counted before its verification, so guesses sent at once cannot outrun the count.
 */
export async function findCaseByTrackingCode(
  services: AppServices,
  typedCode: string,
  clientKey: string,
  now: number,
): Promise<{ caseId: string } | { problem: TrackingLookupProblem; retryAfterMs?: number }> {
  const { db, config, secrets, throttles } = services;
  const reading = readTrackingCode(typedCode);
  if ("problem" in reading) return { problem: reading.problem };
  const attempt = throttles.trackingLookups.reserve(clientKey, now);
  if (!attempt.allowed) return { problem: "throttled", retryAfterMs: attempt.retryAfterMs };
  const candidate = await db
    .selectFrom("cases")
    .select(["id", "tracking_hash"])
    .where("tracking_lookup", "=", trackingLookupDigest(reading.code, secrets.trackingLookupSecret))
    // Anonymizing replaces the digest, so no code finds such a case; this says so where codes are read.
    .where("anonymized_at", "is", null)
    .executeTakeFirst();
  const verified = await verifyTrackingCode(candidate?.tracking_hash, reading.code, config.argon2);
  if (!candidate || !verified) return { problem: "unknown" };
  attempt.release();
  return { caseId: candidate.id };
}

export interface ReporterTimelineEntry {
  type: string;
  toStatus: CaseStatus | null;
  at: number;
}

export interface ReporterAttachment {
  fileName: string;
  sizeBytes: number;
  at: number;
}

export interface ReporterCaseView {
  reference: string;
  kind: CaseKind;
  status: CaseStatus;
  filedAt: number;
  isAnonymous: boolean;
  nextDeadline: { clock: SlaClock; dueAt: number } | null;
  timeline: ReporterTimelineEntry[];
  messages: ThreadMessage[];
  attachments: ReporterAttachment[];
  unreadCount: number;
}

const waitingStatuses: readonly CaseStatus[] = ["awaiting_reporter"];

/**
 * What the holder of the code may see: status, the reporter-visible timeline, the next promised
 * date, the conversation and their own files — never internal notes or which officer did what.
 * Opening the case marks staff messages read.
 */
export async function openReporterView(services: AppServices, caseId: string): Promise<ReporterCaseView> {
  const { db, secrets } = services;
  const caseRow = await db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
  const events = await db
    .selectFrom("case_events")
    .select(["type", "to_status", "created_at"])
    .where("case_id", "=", caseId)
    .where("is_visible_to_reporter", "=", 1)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const messages = await reporterThread(db, secrets.keyring, caseId, caseRow.reporter_seen_at);
  const files = await db
    .selectFrom("attachments")
    .select(["id", "file_name_encrypted", "size_bytes", "created_at"])
    .where("case_id", "=", caseId)
    .where("uploaded_by_type", "=", "reporter")
    .orderBy("created_at")
    .execute();
  // Marks read what the reporter was shown: the staff messages up to the newest one. Not the time of
  // this visit, which is when the holder of the code looked, a fact about them that nothing needs.
  const newestStaffMessage = messages.reduce<number | null>((newest, message) => (message.author === "staff" && (newest === null || message.createdAt > newest) ? message.createdAt : newest), null);
  if (newestStaffMessage !== null && (caseRow.reporter_seen_at === null || newestStaffMessage > caseRow.reporter_seen_at)) {
    await db.updateTable("cases").set({ reporter_seen_at: newestStaffMessage }).where("id", "=", caseId).execute();
  }
  const deadlines = { acknowledgeDueAt: caseRow.acknowledge_due_at, firstResponseDueAt: caseRow.first_response_due_at, resolveDueAt: caseRow.resolve_due_at };
  const open = !["resolved", "closed", "rejected", "referred", "merged", ...waitingStatuses].includes(caseRow.status);
  return {
    reference: caseRow.reference,
    kind: caseRow.kind,
    status: caseRow.status,
    filedAt: caseRow.created_at,
    isAnonymous: caseRow.is_anonymous === 1,
    nextDeadline: open ? nextDeadline(deadlines, { acknowledgedAt: caseRow.acknowledged_at, firstResponseAt: caseRow.first_response_at, resolvedAt: caseRow.resolved_at }) : null,
    timeline: events.map((event) => ({ type: event.type, toStatus: event.to_status, at: event.created_at })),
    messages,
    attachments: files.map((file) => ({
      fileName: decryptText(secrets.keyring, file.file_name_encrypted, fileNameContext(file.id)),
      sizeBytes: file.size_bytes,
      at: file.created_at,
    })),
    unreadCount: messages.filter((message) => message.isUnread).length,
  };
}
