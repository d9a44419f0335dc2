import crypto from "node:crypto";
import type { Selectable, Transaction } from "kysely";
import { z } from "zod";
import { decryptText, encryptText, type Keyring } from "../crypto/envelope.server";
import type { Database, OutboxTable } from "../db.server";

/**
 * The transactional outbox (ARCHITECTURE §8): a service writes the message it wants sent in the same
 * transaction as the change the message reports, so the message exists if and only if that change
 * commits. The dispatcher (mail-dispatcher.server.ts) delivers it later, outside any transaction.
 */

const emailSchema = z.object({
  to: z.string().min(3),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
});

/**
 * A signed webhook call (app/alerts). The body is fixed when the alert is written, so every retry
 * sends the same bytes; the URL and secret are read at delivery time, from the webhook's own row.
 */
const webhookSchema = z.object({
  webhookId: z.string().min(1),
  /** The receiver's idempotence key: the same on every retry of this delivery. */
  eventId: z.string().uuid(),
  body: z.string().min(2),
});

/** A LINE Messaging API push to one chat (app/alerts). */
const linePushSchema = z.object({
  to: z.string().min(1),
  /** LINE's `X-Line-Retry-Key`: kept with the row so a retry after a lost answer is not pushed twice. */
  retryKey: z.string().uuid(),
  text: z.string().min(1).max(5000),
});

/**
 * One schema per kind. A new kind adds its member here and to the dispatcher's handler table; the
 * compiler then points at every place that must handle it.
 */
const outboxMessageSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("email"), email: emailSchema }),
  z.object({ kind: z.literal("webhook"), webhook: webhookSchema }),
  z.object({ kind: z.literal("line"), line: linePushSchema }),
]);

export type OutboxEmail = z.infer<typeof emailSchema>;
export type OutboxWebhookCall = z.infer<typeof webhookSchema>;
export type OutboxLinePush = z.infer<typeof linePushSchema>;
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export type OutboxMessageKind = OutboxMessage["kind"];
export type OutboxMessageOfKind<Kind extends OutboxMessageKind> = Extract<OutboxMessage, { kind: Kind }>;

/** Binds a payload to its row: an envelope copied onto another row fails to open there. */
function payloadContext(outboxId: string): string {
  return `outbox.payload:${outboxId}`;
}

/** Writes one pending message inside the caller's transaction; returns the outbox row id. */
export async function enqueueOutboxMessage(transaction: Transaction<Database>, keyring: Keyring, message: OutboxMessage, now: number): Promise<string> {
  const [id] = await enqueueOutboxMessages(transaction, keyring, [message], now);
  return id!;
}

/** Rows per INSERT: ten parameters a row stays far under either database's limit on parameters. */
const rowsPerInsert = 500;

/**
 * Writes pending messages inside the caller's transaction, as one statement (per 500): a notice to a
 * team of N was N round trips inside a transaction every filing and transition holds open
 * (docs/BENCHMARKS.md, finding 4). Returns the row ids in the order of `messages`.
 */
export async function enqueueOutboxMessages(transaction: Transaction<Database>, keyring: Keyring, messages: readonly OutboxMessage[], now: number): Promise<string[]> {
  // Parsing here rejects a malformed message while its author is still on the stack, not hours
  // later in the dispatcher.
  const rows = messages.map((message) => {
    const id = crypto.randomUUID();
    const payload = JSON.stringify(outboxMessageSchema.parse(message));
    return {
      id,
      kind: message.kind,
      payload_encrypted: encryptText(keyring, payload, payloadContext(id)),
      status: "pending" as const,
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    };
  });
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    await transaction.insertInto("outbox").values(rows.slice(start, start + rowsPerInsert)).execute();
  }
  return rows.map((row) => row.id);
}

export function enqueueEmail(transaction: Transaction<Database>, keyring: Keyring, email: OutboxEmail, now: number): Promise<string> {
  return enqueueOutboxMessage(transaction, keyring, { kind: "email", email }, now);
}

/** The same e-mail to each recipient, one outbox row each (one envelope per row), written as one statement. */
export function enqueueEmailToEach(transaction: Transaction<Database>, keyring: Keyring, recipients: ReadonlyArray<{ email: string }>, email: Omit<OutboxEmail, "to">, now: number): Promise<string[]> {
  return enqueueOutboxMessages(transaction, keyring, recipients.map((recipient) => ({ kind: "email", email: { to: recipient.email, ...email } })), now);
}

/**
 * Thrown by a delivery handler when retrying cannot help (the receiver refused the message itself,
 * or its webhook is gone): the dispatcher dead-letters the row at once instead of retrying.
 */
export class UndeliverableMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UndeliverableMessage";
  }
}

export type OutboxPayloadRow = Pick<Selectable<OutboxTable>, "id" | "kind" | "payload_encrypted">;

/** Opens a row's payload; throws if it was altered, moved from another row, or disagrees with `kind`. */
export function readOutboxPayload(keyring: Keyring, row: OutboxPayloadRow): OutboxMessage {
  const message = outboxMessageSchema.parse(JSON.parse(decryptText(keyring, row.payload_encrypted, payloadContext(row.id))));
  if (message.kind !== row.kind) {
    throw new Error(`Outbox row ${row.id} is of kind "${row.kind}" but its payload is of kind "${message.kind}"`);
  }
  return message;
}
