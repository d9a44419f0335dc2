import { sql, type SqlBool } from "kysely";
import { fileNameContext } from "../attachments/attachments.server";
import { deleteAttachmentFile, isAttachmentStorageKey } from "../attachments/attachment-store.server";
import { appendAuditEntry } from "../audit/audit-log.server";
import { purgeEndedSessions } from "../auth/sessions.server";
import { caseFieldContext } from "../cases/case-workspace.server";
import { encryptText } from "../crypto/envelope.server";
import { messageContext } from "../messaging/messages.server";
import type { AppServices } from "../services.server";
import { closingStatuses, endedBefore, retentionCutoff } from "./retention-period";
import { repeatInBackground } from "../background-task.server";

/**
 * `purge-expired` (ARCHITECTURE §6, docs/decisions/0017): what the privacy notice promises every
 * reporter — their matter is deleted or made anonymous `RETENTION_YEARS` after it ended. A case is
 * anonymized, not deleted: the yearly ITA statistics and the reports count it from its plaintext
 * metadata, and its audit trail stays attached to it. What told the story or pointed at a person
 * goes; the envelopes of NOT NULL columns are replaced by an envelope of the empty text, so every
 * reader that opens them still can.
 *
 * Each case is anonymized in its own transaction, claimed by setting `anonymized_at` where it is
 * still null: a second run, or another node running at once, finds nothing left to do.
 */

export type RetentionServices = Pick<AppServices, "db" | "config" | "secrets" | "logger">;

export interface PurgeResult {
  casesAnonymized: number;
  /** Evidence files deleted from the attachment store. */
  filesDeleted: number;
  /** Cases whose anonymization failed (logged by id); the next run tries them again. */
  casesFailed: number;
  sessionsPurged: number;
  /** Delivered or abandoned outbox messages older than the retention period (they hold addresses). */
  outboxMessagesPurged: number;
}

/** Cases read per query; each is then anonymized in its own transaction. */
const batchSize = 200;

/** What replaces the tracking lookup digest: never an HMAC's 64 hex digits, so no code finds it; unique per case. */
export function anonymizedTrackingLookup(caseId: string): string {
  return `anonymized:${caseId}`;
}

/** What replaces an evidence file's storage key: not a key the store accepts, so nothing reads it, and unique per file. */
function anonymizedStorageKey(attachmentId: string): string {
  return `anonymized:${attachmentId}`;
}

/**
 * When the case ended, or null while it has not: the key of cases_retention_index (migration 0017),
 * written exactly as there, unqualified and with literal statuses, or no planner uses the index.
 */
const endedAt = sql<number | null>`(case when status = 'resolved' then resolved_at when status in (${sql.join(closingStatuses.map((status) => sql.lit(status)))}) then closed_at end)`;

/** The case ended before `cutoff`: the purge's range of cases_retention_index, and its check again when it claims a case. */
function isEndedBefore(cutoff: number) {
  return sql<SqlBool>`${endedAt} < ${cutoff}`;
}

export async function purgeExpired(services: RetentionServices, now: number): Promise<PurgeResult> {
  const { db, config } = services;
  const cutoff = endedBefore(now, config.retention.years, config.cases.reopenWindowMs);
  const result: PurgeResult = { casesAnonymized: 0, filesDeleted: 0, casesFailed: 0, sessionsPurged: 0, outboxMessagesPurged: 0 };

  // Keyset over cases_retention_index (migration 0017): the expired cases not yet anonymized, by when
  // they ended. A case that fails stays behind the cursor until the next run.
  let after: { endedAt: number; id: string } | undefined;
  for (;;) {
    const batch = await db
      .selectFrom("cases")
      .select(["id", endedAt.as("ended_at")])
      .where("anonymized_at", "is", null)
      .where(isEndedBefore(cutoff))
      .$if(after !== undefined, (query) => query.where(sql<SqlBool>`(${endedAt} > ${after!.endedAt} or (${endedAt} = ${after!.endedAt} and id > ${after!.id}))`))
      .orderBy(endedAt)
      .orderBy("id")
      .limit(batchSize)
      .execute();
    for (const { id } of batch) {
      try {
        const anonymized = await anonymizeCase(services, id, cutoff, now);
        if (!anonymized) continue;
        result.casesAnonymized += 1;
        result.filesDeleted += await deleteEvidenceFiles(services, anonymized.storageKeys);
      } catch (error) {
        // One case that cannot be anonymized must not keep every later one from it; ids only in the log.
        result.casesFailed += 1;
        services.logger.error({ caseId: id, error: error instanceof Error ? error.message : String(error) }, "case anonymization failed");
      }
    }
    if (batch.length < batchSize) break;
    const last = batch[batch.length - 1]!;
    after = { endedAt: Number(last.ended_at), id: last.id };
  }

  result.sessionsPurged = await purgeEndedSessions(db, now, config.staffSessions);
  result.outboxMessagesPurged = await purgeDeliveredOutbox(services, retentionCutoff(now, config.retention.years));
  return result;
}

/**
 * Removes one case's content in one transaction and records it in the audit log. Null when the
 * case is no longer to be anonymized (another run got there first). The evidence files are deleted
 * by the caller after the commit: their rows already name no file, so should the process stop in
 * between, the orphan-file sweep deletes them within the hour.
 */
async function anonymizeCase(services: RetentionServices, caseId: string, cutoff: number, now: number): Promise<{ storageKeys: string[] } | null> {
  const { keyring } = services.secrets;
  return services.db.transaction().execute(async (transaction) => {
    const claimed = await transaction
      .updateTable("cases")
      .set({
        tracking_lookup: anonymizedTrackingLookup(caseId),
        // No argon2 hash verifies against the empty text: a lookup would fall back on the decoy.
        tracking_hash: "",
        narrative_encrypted: encryptText(keyring, "", caseFieldContext("narrative_encrypted", caseId)),
        details_encrypted: null,
        subjects_encrypted: null,
        reporter_identity_encrypted: null,
        consent_version: null,
        consent_at: null,
        reporter_seen_at: null,
        anonymized_at: now,
      })
      .where("id", "=", caseId)
      .where("anonymized_at", "is", null)
      .where(isEndedBefore(cutoff))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return null;

    // Message rows stay: the reports count who wrote when (app/reports/metrics.server.ts); only the text goes.
    const messages = await transaction.selectFrom("messages").select("id").where("case_id", "=", caseId).execute();
    for (const message of messages) {
      await transaction
        .updateTable("messages")
        .set({ body_encrypted: encryptText(keyring, "", messageContext(message.id)) })
        .where("id", "=", message.id)
        .execute();
    }

    // Attachment rows stay so the audit log still ties each download to its case (and hides it from
    // recused officers); the name, the size and the digest (which the server's key can still match to a
    // copy of the document) go.
    const attachments = await transaction.selectFrom("attachments").select(["id", "storage_key"]).where("case_id", "=", caseId).execute();
    for (const attachment of attachments) {
      await transaction
        .updateTable("attachments")
        .set({
          file_name_encrypted: encryptText(keyring, "", fileNameContext(attachment.id)),
          content_digest: "",
          size_bytes: 0,
          storage_key: anonymizedStorageKey(attachment.id),
        })
        .where("id", "=", attachment.id)
        .execute();
    }

    await transaction.updateTable("escalations").set({ reason_encrypted: null, decision_note_encrypted: null }).where("case_id", "=", caseId).execute();
    // Conflict rows stay: recusal keeps the case's trail in the audit log from the officers it names.
    await transaction.updateTable("conflicts").set({ reason_encrypted: null }).where("case_id", "=", caseId).execute();

    await appendAuditEntry(transaction, {
      actorType: "system",
      action: "case.anonymized",
      targetType: "case",
      targetId: caseId,
      details: { retentionYears: services.config.retention.years, messages: messages.length, attachments: attachments.length },
      occurredAt: now,
    });
    return { storageKeys: attachments.map((attachment) => attachment.storage_key).filter(isAttachmentStorageKey) };
  });
}

async function deleteEvidenceFiles(services: RetentionServices, storageKeys: readonly string[]): Promise<number> {
  for (const storageKey of storageKeys) await deleteAttachmentFile(services.config.dataDirectory, storageKey);
  return storageKeys.length;
}

/**
 * Outbox rows name no case, but an e-mail's payload holds its recipient's address (a named
 * reporter's among them): once sent or given up on, a row older than the retention period serves
 * nothing. So do the webhook delivery records the admin page lists beside them.
 */
async function purgeDeliveredOutbox(services: RetentionServices, cutoff: number): Promise<number> {
  const { db } = services;
  const deleted = await db.deleteFrom("outbox").where("status", "in", ["sent", "dead"]).where("created_at", "<", cutoff).executeTakeFirst();
  await db
    .deleteFrom("webhook_deliveries")
    .where("created_at", "<", cutoff)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("outbox").select("outbox.id").whereRef("outbox.id", "=", "webhook_deliveries.outbox_id"))))
    .execute();
  return Number(deleted.numDeletedRows);
}

/** Once a day, from start-up (a node restarted daily still runs it). Logged as counts only. */
const purgeIntervalMs = 24 * 60 * 60_000;

/**
 * The in-process daily run, started by server.ts beside the other sweeps. Several nodes may run it
 * at once: each case is claimed in its own transaction, and deleting a file twice is harmless.
 */
export function startRetentionPurger(services: RetentionServices): { stop(): void } {
  return repeatInBackground({
    logger: services.logger,
    failureMessage: "purge-expired failed",
    intervalMs: purgeIntervalMs,
    runAtStart: true,
    pass: async () => {
      const result = await purgeExpired(services, Date.now());
      if (result.casesAnonymized + result.casesFailed + result.sessionsPurged + result.outboxMessagesPurged > 0) {
        services.logger.info(result, "purge-expired");
      }
    },
  });
}
