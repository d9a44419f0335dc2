import { verifyAuditLog } from "../../app/audit/audit-log.server";
import { readAttachmentFile } from "../../app/attachments/attachment-store.server";
import { matchesContentDigest } from "../../app/attachments/content-digest.server";
import { listEvidenceFiles, unnamedEvidenceFiles } from "../../app/attachments/orphan-files.server";
import { decryptText } from "../../app/crypto/envelope.server";
import { outboxMessageId } from "../../app/notify/message-id";
import { readOutboxPayload } from "../../app/notify/outbox.server";
import type { AppServices } from "../../app/services.server";
import { readTrackingCode } from "../../app/tracking/tracking-code";
import { trackingLookupDigest } from "../../app/tracking/tracking-secret.server";
import type { ReceivedMail } from "../../tests/support/smtp-server";
import { sleep } from "./harness";
import type { Filing } from "./load-client";

/*
 * What must hold after a load or a fault, read from the database the server wrote, with the
 * server's own keys: a problem is a sentence in the returned list, so a run reports every one.
 */

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/** Every receipt names a case that exists, opens with the keys, matches its code and was audited. */
export async function checkReceipts(services: AppServices, filings: Filing[]): Promise<string[]> {
  const problems: string[] = [];
  const { db, secrets } = services;
  const references = new Set<string>();
  for (const filing of filings) {
    if (references.has(filing.reference)) problems.push(`two receipts name ${filing.reference}`);
    references.add(filing.reference);
  }
  for (const batch of chunks(filings, 200)) {
    const rows = await db
      .selectFrom("cases")
      .select(["id", "reference", "narrative_encrypted", "reporter_identity_encrypted", "tracking_lookup"])
      .where(
        "reference",
        "in",
        batch.map((filing) => filing.reference),
      )
      .execute();
    const byReference = new Map(rows.map((row) => [row.reference, row]));
    const ids = rows.map((row) => row.id);
    const audited = new Set(
      ids.length === 0
        ? []
        : (await db.selectFrom("audit_log").select("target_id").where("action", "=", "case.filed").where("target_id", "in", ids).execute()).map((row) => row.target_id),
    );
    for (const filing of batch) {
      const row = byReference.get(filing.reference);
      if (!row) {
        problems.push(`receipt ${filing.reference} names no case`);
        continue;
      }
      try {
        const narrative = decryptText(secrets.keyring, row.narrative_encrypted, `cases.narrative_encrypted:${row.id}`);
        if (narrative !== filing.narrative) problems.push(`case ${filing.reference}: the narrative decrypts to something else`);
        const identity = JSON.parse(decryptText(secrets.keyring, row.reporter_identity_encrypted ?? "", `cases.reporter_identity_encrypted:${row.id}`)) as { email?: string };
        if (identity.email !== filing.email) problems.push(`case ${filing.reference}: the identity decrypts to another e-mail address`);
      } catch (error) {
        problems.push(`case ${filing.reference} does not decrypt: ${String(error)}`);
      }
      const code = readTrackingCode(filing.trackingCode);
      if (!("code" in code) || trackingLookupDigest(code.code, secrets.trackingLookupSecret) !== row.tracking_lookup) {
        problems.push(`case ${filing.reference}: the receipt's tracking code does not find it`);
      }
      if (!audited.has(row.id)) problems.push(`case ${filing.reference} has no case.filed audit entry`);
    }
  }
  return problems;
}

export interface IntegrityReport {
  cases: number;
  attachments: number;
  /** Evidence files on disk (`.tmp` included) that no attachment row names: a filing killed before its commit. */
  orphanFiles: number;
  auditEntries: number;
}

/**
 * Nothing half-written anywhere in the database: every case has exactly one filed event and one
 * case.filed audit entry and its deadlines, every attachment row its readable file, and the audit
 * chain verifies link by link (what `npm run audit:verify` does).
 */
export async function checkIntegrity(services: AppServices): Promise<{ problems: string[]; report: IntegrityReport }> {
  const { db, secrets, config } = services;
  const problems: string[] = [];
  const cases = await db
    .selectFrom("cases")
    .select(["id", "reference", "category_id", "acknowledge_due_at", "first_response_due_at", "resolve_due_at"])
    .execute();
  const filedEvents = new Map<string, number>();
  for (const row of await db.selectFrom("case_events").select("case_id").where("type", "=", "filed").execute()) {
    filedEvents.set(row.case_id, (filedEvents.get(row.case_id) ?? 0) + 1);
  }
  const auditEntries = new Map<string, number>();
  for (const row of await db.selectFrom("audit_log").select("target_id").where("action", "=", "case.filed").execute()) {
    if (row.target_id) auditEntries.set(row.target_id, (auditEntries.get(row.target_id) ?? 0) + 1);
  }
  const categoriesWithPolicies = new Set((await db.selectFrom("sla_policies").select("category_id").execute()).map((row) => row.category_id));
  for (const row of cases) {
    if (filedEvents.get(row.id) !== 1) problems.push(`case ${row.reference} has ${filedEvents.get(row.id) ?? 0} filed events`);
    if (auditEntries.get(row.id) !== 1) problems.push(`case ${row.reference} has ${auditEntries.get(row.id) ?? 0} case.filed audit entries`);
    if (categoriesWithPolicies.has(row.category_id) && row.acknowledge_due_at === null && row.first_response_due_at === null && row.resolve_due_at === null) {
      problems.push(`case ${row.reference} has no deadline although its category has SLA policies`);
    }
  }
  const caseIds = new Set(cases.map((row) => row.id));
  for (const id of filedEvents.keys()) if (!caseIds.has(id)) problems.push(`a filed event names no case (${id})`);

  const attachments = await db.selectFrom("attachments").select(["id", "case_id", "storage_key", "content_digest"]).execute();
  const storedKeys = new Set<string>();
  for (const attachment of attachments) {
    storedKeys.add(attachment.storage_key);
    if (!caseIds.has(attachment.case_id)) problems.push(`attachment ${attachment.id} names no case`);
    try {
      const bytes = await readAttachmentFile(config.dataDirectory, secrets.keyring, attachment.id, attachment.storage_key);
      if (!matchesContentDigest(secrets.attachmentDigestKey, bytes, attachment.content_digest)) problems.push(`attachment ${attachment.id}: the file does not match its digest`);
    } catch (error) {
      problems.push(`attachment ${attachment.id}: its file cannot be read (${String(error)})`);
    }
  }
  let orphanFiles = 0;
  for await (const files of listEvidenceFiles(config.dataDirectory)) orphanFiles += (await unnamedEvidenceFiles(services, files)).length;

  const verification = await verifyAuditLog(db);
  if (!verification.intact) problems.push(`the audit chain is broken after ${verification.entries} entries: ${JSON.stringify(verification.chainBreak)}`);
  return { problems, report: { cases: cases.length, attachments: attachments.length, orphanFiles, auditEntries: verification.entries } };
}

export interface OutboxCounts {
  pending: number;
  sending: number;
  sent: number;
  dead: number;
}

export async function outboxCounts(services: AppServices): Promise<OutboxCounts> {
  const rows = await services.db.selectFrom("outbox").select(["status"]).select((expression) => expression.fn.countAll<number>().as("count")).where("kind", "=", "email").groupBy("status").execute();
  const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, dead: 0 };
  for (const row of rows) counts[row.status as keyof OutboxCounts] = Number(row.count);
  return counts;
}

/** Waits until no e-mail is left to send (pending or claimed); the counts at the end. */
export async function waitForDrainedOutbox(services: AppServices, timeoutMs: number, onProgress?: (counts: OutboxCounts) => void): Promise<{ counts: OutboxCounts; waitedMs: number }> {
  const startedAt = Date.now();
  let lastReport = 0;
  for (;;) {
    const counts = await outboxCounts(services);
    if (counts.pending + counts.sending === 0) return { counts, waitedMs: Date.now() - startedAt };
    if (Date.now() - startedAt > timeoutMs) return { counts, waitedMs: Date.now() - startedAt };
    if (onProgress && Date.now() - lastReport > 30_000) {
      lastReport = Date.now();
      onProgress(counts);
    }
    await sleep(1_000);
  }
}

export interface MailReport {
  outboxEmails: number;
  received: number;
  /** Copies of a message that had already arrived (same Message-ID): at-least-once delivery, not a failure. */
  redeliveries: number;
  missing: number;
  unexpected: number;
  mostAttempts: number;
}

/** The Message-ID header of a message as it arrived (header lines unfolded first). */
export function messageIdOf(raw: string): string | undefined {
  const headerEnd = raw.search(/\r?\n\r?\n/);
  const headers = (headerEnd === -1 ? raw : raw.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, " ");
  return /^message-id:\s*(<[^>\s]+>)/im.exec(headers)?.[1];
}

/**
 * Each e-mail row of the outbox against what the SMTP server accepted, by Message-ID: every row
 * sent (none dead, none left over); each row's message received at least once, under the row's
 * own Message-ID (`<{row id}@{sender's domain}>`, app/notify/message-id.ts) and with the row's
 * recipient and subject; nothing received that no row asked for; and every receipt's
 * acknowledgement among them. A row received more than once (a delivery the SMTP server had
 * accepted when the dispatcher died, sent again once its lease ran out) carries the same
 * Message-ID each time, so receivers that de-duplicate drop the copy: counted as a re-delivery,
 * not a failure (decision 0015: at-least-once delivery of idempotent messages).
 */
export async function checkMail(services: AppServices, received: ReceivedMail[], filings: Filing[]): Promise<{ problems: string[]; report: MailReport }> {
  const problems: string[] = [];
  const rows = await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted", "status", "attempts"]).where("kind", "=", "email").execute();
  const queued = new Map<string, { rowId: string; to: string; subject: string; copies: number }>();
  let mostAttempts = 0;
  for (const row of rows) {
    mostAttempts = Math.max(mostAttempts, Number(row.attempts));
    if (row.status !== "sent") problems.push(`outbox row ${row.id} is ${row.status} after ${row.attempts} attempts`);
    const message = readOutboxPayload(services.secrets.keyring, row);
    if (message.kind !== "email") continue;
    queued.set(outboxMessageId(row.id, services.config.mail.from), { rowId: row.id, to: message.email.to.toLowerCase(), subject: message.email.subject, copies: 0 });
  }
  let unexpected = 0;
  for (const mail of received) {
    const messageId = messageIdOf(mail.raw);
    const row = messageId ? queued.get(messageId) : undefined;
    const what = `${mail.to.join(",")} | ${mail.subject}`;
    if (!messageId || !row) {
      unexpected += 1;
      problems.push(`received without an outbox row (Message-ID ${messageId ?? "none"}): ${what}`);
      continue;
    }
    // Two rows' messages under one Message-ID would show here: the ID names one row, and the
    // other row's message is not that row's.
    if (mail.to.join(",").toLowerCase() !== row.to || mail.subject !== row.subject) problems.push(`Message-ID ${messageId} is outbox row ${row.rowId}'s, but the message is another one: ${what}`);
    row.copies += 1;
  }
  let missing = 0;
  let redeliveries = 0;
  for (const row of queued.values()) {
    if (row.copies === 0) {
      missing += 1;
      problems.push(`never received: outbox row ${row.rowId} (${row.to} | ${row.subject})`);
    }
    redeliveries += Math.max(0, row.copies - 1);
  }
  const subjectsByRecipient = new Map<string, string[]>();
  for (const mail of received) {
    for (const recipient of mail.to) subjectsByRecipient.set(recipient.toLowerCase(), [...(subjectsByRecipient.get(recipient.toLowerCase()) ?? []), mail.subject]);
  }
  for (const filing of filings) {
    const found = (subjectsByRecipient.get(filing.email.toLowerCase()) ?? []).some((subject) => subject.includes(filing.reference));
    if (!found) problems.push(`no acknowledgement reached ${filing.email} for ${filing.reference}`);
  }
  return { problems: problems.slice(0, 50).concat(problems.length > 50 ? [`… and ${problems.length - 50} more`] : []), report: { outboxEmails: rows.length, received: received.length, redeliveries, missing, unexpected, mostAttempts } };
}
