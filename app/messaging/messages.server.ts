import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { discardPreparedAttachments, prepareAttachments, recordAttachments } from "../attachments/attachments.server";
import { applyCaseAction, type Actor } from "../cases/case-transitions.server";
import { decryptText, encryptText, type Keyring } from "../crypto/envelope.server";
import type { Database, Queryable } from "../db.server";
import { notifyHandlersOfReporterActivity, reporterActivityOf } from "../notify/case-notifications.server";
import { enqueueEmail } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { newMessageEmail } from "../../emails/new-message";

export type MessageVisibility = "reporter_thread" | "internal_note";

/** Binds a message body's envelope to its row: a body copied onto another message fails to open. */
export function messageContext(messageId: string): string {
  return `messages.body:${messageId}`;
}

/** Writes one encrypted message inside the caller's transaction. */
export async function insertMessage(
  transaction: Transaction<Database>,
  keyring: Keyring,
  message: { caseId: string; author: Actor; visibility: MessageVisibility; body: string },
  now: number,
): Promise<string> {
  const id = randomUUID();
  await transaction
    .insertInto("messages")
    .values({
      id,
      case_id: message.caseId,
      author_type: message.author.type,
      author_id: message.author.id,
      visibility: message.visibility,
      body_encrypted: encryptText(keyring, message.body, messageContext(id)),
      created_at: now,
    })
    .execute();
  return id;
}

/**
 * The case as this transaction will change it. A message moves the case's status (the reporter's
 * answer resumes the work, an officer's reply is the first response), so it reads the row under the
 * lock every staff command takes: on PostgreSQL a reply that read the case unlocked, just before an
 * officer closed it, wrote its stale status over the close once the officer committed. SQLite runs
 * one write transaction at a time.
 */
function lockedCaseRow(services: Pick<AppServices, "dialect">, transaction: Transaction<Database>, caseId: string) {
  return transaction
    .selectFrom("cases")
    .selectAll()
    .where("id", "=", caseId)
    .$if(services.dialect === "postgres", (query) => query.forUpdate())
    .executeTakeFirstOrThrow();
}

export type ReplyRefusal = { problem: "case_not_open" } | { problem: "attachments_refused"; refusals: Array<{ fileName: string; reason: string }> };

/**
 * The reporter writes back, adds evidence, or both. Answering a question from staff resumes the
 * work (the lifecycle decides); a case that is no longer open takes nothing more.
 */
export async function postReporterReply(services: AppServices, caseId: string, reply: { body?: string; files: File[] }, now: number): Promise<{ posted: true } | ReplyRefusal> {
  const { is_anonymous: isAnonymous } = await services.db.selectFrom("cases").select("is_anonymous").where("id", "=", caseId).executeTakeFirstOrThrow();
  const attachments = await prepareAttachments(services, reply.files, isAnonymous === 1 ? "anonymous" : "as_sent");
  if ("refused" in attachments) return { problem: "attachments_refused", refusals: attachments.refused };
  try {
    const outcome = await services.db.transaction().execute(async (transaction) => {
      const caseRow = await lockedCaseRow(services, transaction, caseId);
      const applied = await applyCaseAction(transaction, caseRow, { type: "reporter_replied" }, { type: "reporter", id: null }, now, services);
      if ("refused" in applied) return { problem: "case_not_open" as const };
      const body = reply.body?.trim();
      const messageId = body ? await insertMessage(transaction, services.secrets.keyring, { caseId, author: { type: "reporter", id: null }, visibility: "reporter_thread", body }, now) : undefined;
      await recordAttachments(transaction, { caseId, messageId, uploadedByType: "reporter", prepared: attachments.prepared, now });
      const activity = reporterActivityOf({ wrote: messageId !== undefined, files: attachments.prepared.length });
      if (activity) await notifyHandlersOfReporterActivity(transaction, services, caseId, activity, now);
      return { posted: true as const };
    });
    if ("problem" in outcome) await discardPreparedAttachments(services, attachments.prepared);
    return outcome;
  } catch (error) {
    await discardPreparedAttachments(services, attachments.prepared);
    throw error;
  }
}

/**
 * An officer writes to the reporter (or a note only staff see). A message to the reporter is a
 * response for the SLA; a named reporter with an e-mail address is told there is news, never what.
 */
export async function postStaffMessage(
  services: AppServices,
  message: { caseId: string; staffId: string; visibility: MessageVisibility; body: string },
  now: number,
): Promise<{ messageId: string } | { problem: "case_not_open" }> {
  const { db, secrets, config } = services;
  return db.transaction().execute(async (transaction) => {
    const caseRow = await lockedCaseRow(services, transaction, message.caseId);
    const author: Actor = { type: "staff", id: message.staffId };
    if (message.visibility === "reporter_thread") {
      const applied = await applyCaseAction(transaction, caseRow, { type: "staff_replied" }, author, now, services);
      if ("refused" in applied) return { problem: "case_not_open" as const };
    } else {
      await transaction
        .insertInto("case_events")
        .values({ id: randomUUID(), case_id: caseRow.id, type: "internal_note", actor_type: "staff", actor_id: message.staffId, from_status: null, to_status: null, data: null, is_visible_to_reporter: 0, created_at: now })
        .execute();
    }
    const messageId = await insertMessage(transaction, secrets.keyring, { caseId: caseRow.id, author, visibility: message.visibility, body: message.body }, now);
    if (message.visibility === "reporter_thread" && caseRow.reporter_identity_encrypted) {
      const identity = JSON.parse(decryptText(secrets.keyring, caseRow.reporter_identity_encrypted, `cases.reporter_identity_encrypted:${caseRow.id}`)) as { email?: string };
      if (identity.email) {
        await enqueueEmail(transaction, secrets.keyring, { to: identity.email, ...newMessageEmail({ reference: caseRow.reference, trackUrl: `${config.publicBaseUrl}/track` }) }, now);
      }
    }
    return { messageId };
  });
}

export interface ThreadMessage {
  id: string;
  author: "reporter" | "staff";
  body: string;
  createdAt: number;
  /** A staff message the reporter had not seen before this visit. */
  isUnread: boolean;
}

/** The conversation the reporter sees: never internal notes, never who on the staff wrote. */
export async function reporterThread(db: Queryable, keyring: Keyring, caseId: string, reporterSeenAt: number | null): Promise<ThreadMessage[]> {
  const rows = await db
    .selectFrom("messages")
    .select(["id", "author_type", "body_encrypted", "created_at"])
    .where("case_id", "=", caseId)
    .where("visibility", "=", "reporter_thread")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    author: row.author_type === "reporter" ? "reporter" : "staff",
    body: decryptText(keyring, row.body_encrypted, messageContext(row.id)),
    createdAt: row.created_at,
    isUnread: row.author_type !== "reporter" && (reporterSeenAt === null || row.created_at > reporterSeenAt),
  }));
}
