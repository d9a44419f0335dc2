import crypto from "node:crypto";
import { decryptText, encryptText } from "../crypto/envelope.server";
import type { ActorType, AttachmentsTable, Queryable } from "../db.server";
import type { AppServices } from "../services.server";
import { cleanAttachment, type CleanedAttachment, type CleaningRefusal } from "./attachment-cleaning.server";
import { deleteAttachmentFile, readAttachmentFile, writeAttachmentFile } from "./attachment-store.server";
import { contentDigest, matchesContentDigest } from "./content-digest.server";

/**
 * Evidence files for intake and tracking. Cleaning, encrypting and writing happen in
 * `prepareAttachments`, before the caller opens its transaction (ARCHITECTURE §12: no slow work
 * while SQLite's one connection is held); `recordAttachments` then adds the rows inside it. If the
 * transaction fails, `discardPreparedAttachments` removes the files, so none is left without a row.
 */

export type AttachmentRefusalReason = CleaningRefusal | "too_large" | "too_many";

export interface AttachmentRefusal {
  fileName: string;
  reason: AttachmentRefusalReason;
}

export interface PreparedAttachment {
  id: string;
  storageKey: string;
  /** Keyed digest of the cleaned plaintext (content-digest.server.ts): what a download must match. */
  contentDigest: string;
  sizeBytes: number;
  mediaType: string;
  fileNameEncrypted: string;
}

export type PreparationResult = { prepared: PreparedAttachment[] } | { refused: AttachmentRefusal[] };

export function fileNameContext(attachmentId: string): string {
  return `attachments.file_name:${attachmentId}`;
}

function baseName(fileName: string): string {
  return fileName.split(/[/\\]/).pop() ?? "";
}

/**
 * What a stored file is called. An anonymous reporter's names are not kept: people name files after
 * themselves ("ใบเสร็จ_นายสมชาย.pdf") or their phone does ("Screenshot_20250301-141233_LINE.jpg",
 * the capture time the metadata cleaning removed), and the staff who read them may be the ones the
 * report is about. Their files are kept as "evidence-1.pdf", "evidence-2.jpg"…; a named reporter's
 * keep the names they were sent with.
 */
export type AttachmentNaming = "as_sent" | "anonymous";

/**
 * All or nothing: if any file is refused, nothing is stored and every refusal comes back, so the
 * form can say which file and why while keeping the rest of what was typed. The limits are checked
 * again here for callers that did not stream through the upload collector (the intake API).
 */
export async function prepareAttachments(services: Pick<AppServices, "config" | "secrets">, files: readonly File[], naming: AttachmentNaming): Promise<PreparationResult> {
  const { maxFiles, maxFileBytes } = services.config.attachments;
  const refused: AttachmentRefusal[] = [];
  const cleaned: CleanedAttachment[] = [];
  // One at a time: each cleaning holds a file and its rewritten copy in memory.
  for (const [index, file] of files.entries()) {
    const fileName = baseName(file.name);
    if (index >= maxFiles) refused.push({ fileName, reason: "too_many" });
    else if (file.size > maxFileBytes) refused.push({ fileName, reason: "too_large" });
    else {
      // The refusals below name the file as sent: they go back to the sender only, never stored.
      const result = await cleanAttachment(new Uint8Array(await file.arrayBuffer()), naming === "anonymous" ? `evidence-${index + 1}` : fileName);
      if ("refused" in result) refused.push({ fileName, reason: result.refused });
      else cleaned.push(result.cleaned);
    }
  }
  if (refused.length > 0) return { refused };

  const prepared: PreparedAttachment[] = [];
  try {
    for (const attachment of cleaned) prepared.push(await storeCleaned(services, attachment));
  } catch (error) {
    await Promise.allSettled(prepared.map((written) => deleteAttachmentFile(services.config.dataDirectory, written.storageKey)));
    throw error;
  }
  return { prepared };
}

async function storeCleaned(services: Pick<AppServices, "config" | "secrets">, attachment: CleanedAttachment): Promise<PreparedAttachment> {
  const id = crypto.randomUUID();
  const { keyring, attachmentDigestKey } = services.secrets;
  const { storageKey } = await writeAttachmentFile(services.config.dataDirectory, keyring, id, attachment.bytes);
  return {
    id,
    storageKey,
    contentDigest: contentDigest(attachmentDigestKey, attachment.bytes),
    sizeBytes: attachment.bytes.length,
    mediaType: attachment.mediaType,
    fileNameEncrypted: encryptText(keyring, attachment.fileName, fileNameContext(id)),
  };
}

export interface AttachmentRecord {
  caseId: string;
  /** The message the files came with, when a reporter or investigator sent them in the thread. */
  messageId?: string | null;
  uploadedByType: ActorType;
  uploadedById?: string | null;
  prepared: readonly PreparedAttachment[];
  now: number;
}

export async function recordAttachments(transaction: Queryable, record: AttachmentRecord): Promise<void> {
  if (record.prepared.length === 0) return;
  await transaction
    .insertInto("attachments")
    .values(
      record.prepared.map((attachment) => ({
        id: attachment.id,
        case_id: record.caseId,
        message_id: record.messageId ?? null,
        uploaded_by_type: record.uploadedByType,
        uploaded_by_id: record.uploadedById ?? null,
        file_name_encrypted: attachment.fileNameEncrypted,
        media_type: attachment.mediaType,
        size_bytes: attachment.sizeBytes,
        content_digest: attachment.contentDigest,
        storage_key: attachment.storageKey,
        created_at: record.now,
      })),
    )
    .execute();
}

/**
 * For the caller whose transaction failed after `prepareAttachments`. It never throws, so the
 * caller can rethrow its own error: a file it cannot remove is logged (by its random storage key
 * only) for the purge job to find.
 */
export async function discardPreparedAttachments(services: Pick<AppServices, "config" | "logger">, prepared: readonly PreparedAttachment[]): Promise<void> {
  const results = await Promise.allSettled(prepared.map((attachment) => deleteAttachmentFile(services.config.dataDirectory, attachment.storageKey)));
  for (const [index, result] of results.entries()) {
    if (result.status === "rejected") services.logger.error({ err: result.reason, storageKey: prepared[index]?.storageKey }, "could not discard an attachment file");
  }
}

export class AttachmentIntegrityError extends Error {
  constructor(readonly attachmentId: string) {
    super(`Attachment ${attachmentId} does not match the digest recorded when it was stored`);
    this.name = "AttachmentIntegrityError";
  }
}

export interface AttachmentContent {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

/** Decrypts a stored file; throws if it was altered (the envelope or the recorded digest disagrees). */
export async function readAttachment(
  services: Pick<AppServices, "config" | "secrets">,
  attachment: Pick<AttachmentsTable, "id" | "file_name_encrypted" | "media_type" | "content_digest" | "storage_key">,
): Promise<AttachmentContent> {
  const { keyring, attachmentDigestKey } = services.secrets;
  const bytes = await readAttachmentFile(services.config.dataDirectory, keyring, attachment.id, attachment.storage_key);
  if (!matchesContentDigest(attachmentDigestKey, bytes, attachment.content_digest)) throw new AttachmentIntegrityError(attachment.id);
  return { fileName: decryptText(keyring, attachment.file_name_encrypted, fileNameContext(attachment.id)), mediaType: attachment.media_type, bytes };
}
