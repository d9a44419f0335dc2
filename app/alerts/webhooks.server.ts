import crypto from "node:crypto";
import type { Transaction } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { Database, OutboxStatus, Queryable } from "../db.server";
import { enqueueOutboxMessage } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { webhookTestBody } from "./alert";
import { alertEventTypes, testEventType, type AlertEventType } from "./alert-event-types";
import { encryptWebhookSecret, generateWebhookSecret } from "./webhook-secret.server";
import { webhookUrlProblem, type WebhookUrlProblem } from "./webhook-url";

/**
 * Webhooks as the admin manages them (ARCHITECTURE §1: admin, §8). Every change runs in one
 * transaction with its audit entry. The secret is generated here, returned once to be shown once,
 * and kept only encrypted.
 */

export interface WebhookSummary {
  id: string;
  name: string;
  url: string;
  events: AlertEventType[];
  isActive: boolean;
  createdAt: number;
}

export interface WebhookDeliverySummary {
  outboxId: string;
  webhookId: string;
  webhookName: string;
  eventType: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface NewWebhook {
  name: string;
  url: string;
  events: readonly AlertEventType[];
}

export type CreateWebhookResult = { webhook: WebhookSummary; secret: string } | { problem: WebhookUrlProblem };
export type WebhookChangeResult = "done" | "not_found";

/** Unknown names in the stored list (from a later version, say) are ignored, not trusted. */
function eventsOf(stored: string): AlertEventType[] {
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? alertEventTypes.filter((type) => parsed.includes(type)) : [];
}

export async function listWebhooks(db: Queryable): Promise<WebhookSummary[]> {
  const rows = await db.selectFrom("webhooks").select(["id", "name", "url", "events", "is_active", "created_at"]).orderBy("created_at").orderBy("id").execute();
  return rows.map((row) => ({ id: row.id, name: row.name, url: row.url, events: eventsOf(row.events), isActive: Number(row.is_active) === 1, createdAt: Number(row.created_at) }));
}

/** The latest deliveries of every webhook, newest first, with what became of each. */
export async function recentWebhookDeliveries(db: Queryable, limit = 25): Promise<WebhookDeliverySummary[]> {
  const rows = await db
    .selectFrom("webhook_deliveries")
    .innerJoin("outbox", "outbox.id", "webhook_deliveries.outbox_id")
    .innerJoin("webhooks", "webhooks.id", "webhook_deliveries.webhook_id")
    .select([
      "webhook_deliveries.outbox_id",
      "webhook_deliveries.webhook_id",
      "webhooks.name",
      "webhook_deliveries.event_type",
      "webhook_deliveries.created_at",
      "outbox.status",
      "outbox.attempts",
      "outbox.last_error",
      "outbox.sent_at",
    ])
    .orderBy("webhook_deliveries.created_at", "desc")
    .orderBy("webhook_deliveries.outbox_id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    outboxId: row.outbox_id,
    webhookId: row.webhook_id,
    webhookName: row.name,
    eventType: row.event_type,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
  }));
}

/** The active webhooks that asked for this type of event. */
export async function subscribedWebhookIds(db: Queryable, eventType: AlertEventType): Promise<string[]> {
  const rows = await db.selectFrom("webhooks").select(["id", "events"]).where("is_active", "=", 1).orderBy("id").execute();
  return rows.filter((row) => eventsOf(row.events).includes(eventType)).map((row) => row.id);
}

export async function recordWebhookDelivery(transaction: Transaction<Database>, delivery: { outboxId: string; webhookId: string; eventId: string; eventType: string }, now: number): Promise<void> {
  await transaction
    .insertInto("webhook_deliveries")
    .values({ outbox_id: delivery.outboxId, webhook_id: delivery.webhookId, event_id: delivery.eventId, event_type: delivery.eventType, created_at: now })
    .execute();
}

type Services = Pick<AppServices, "db" | "config" | "secrets">;

function auditEntry(actorId: string, action: string, webhookId: string, now: number, details?: Record<string, unknown>) {
  return { actorType: "staff" as const, actorId, action, targetType: "webhook", targetId: webhookId, details: details ?? null, occurredAt: now };
}

export async function createWebhook(services: Services, actorId: string, input: NewWebhook, now: number): Promise<CreateWebhookResult> {
  const problem = webhookUrlProblem(input.url, services.config.appEnvironment);
  if (problem) return { problem };
  const id = crypto.randomUUID();
  const secret = generateWebhookSecret();
  const events = alertEventTypes.filter((type) => input.events.includes(type));
  await services.db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto("webhooks")
      .values({ id, name: input.name, url: input.url, secret_encrypted: encryptWebhookSecret(services.secrets.keyring, id, secret), events: JSON.stringify(events), is_active: 1, created_at: now })
      .execute();
    // The URL's host says where alerts go; its path may hold a receiver's own token, so it stays out.
    await appendAuditEntry(transaction, auditEntry(actorId, "webhook.created", id, now, { host: new URL(input.url).host, events }));
  });
  return { webhook: { id, name: input.name, url: input.url, events, isActive: true, createdAt: now }, secret };
}

export async function setWebhookActive(services: Services, actorId: string, webhookId: string, active: boolean, now: number): Promise<WebhookChangeResult> {
  return services.db.transaction().execute(async (transaction) => {
    const updated = await transaction.updateTable("webhooks").set({ is_active: active ? 1 : 0 }).where("id", "=", webhookId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return "not_found";
    await appendAuditEntry(transaction, auditEntry(actorId, active ? "webhook.enabled" : "webhook.disabled", webhookId, now));
    return "done";
  });
}

/**
 * Deliveries still pending are not removed from the outbox: the dispatcher finds their webhook
 * gone and dead-letters them, which leaves a trace of what was never sent.
 */
export async function deleteWebhook(services: Services, actorId: string, webhookId: string, now: number): Promise<WebhookChangeResult> {
  return services.db.transaction().execute(async (transaction) => {
    const deleted = await transaction.deleteFrom("webhooks").where("id", "=", webhookId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) return "not_found";
    await transaction.deleteFrom("webhook_deliveries").where("webhook_id", "=", webhookId).execute();
    await appendAuditEntry(transaction, auditEntry(actorId, "webhook.deleted", webhookId, now));
    return "done";
  });
}

/** Queues one signed "test" event for this webhook, whatever it subscribed to, through the outbox like any other. */
export async function sendWebhookTestEvent(services: Services, actorId: string, webhookId: string, now: number): Promise<WebhookChangeResult> {
  return services.db.transaction().execute(async (transaction) => {
    const webhook = await transaction.selectFrom("webhooks").select("id").where("id", "=", webhookId).executeTakeFirst();
    if (!webhook) return "not_found";
    const eventId = crypto.randomUUID();
    const outboxId = await enqueueOutboxMessage(transaction, services.secrets.keyring, { kind: "webhook", webhook: { webhookId, eventId, body: webhookTestBody(eventId, now) } }, now);
    await recordWebhookDelivery(transaction, { outboxId, webhookId, eventId, eventType: testEventType }, now);
    await appendAuditEntry(transaction, auditEntry(actorId, "webhook.test_sent", webhookId, now, { eventId }));
    return "done";
  });
}
