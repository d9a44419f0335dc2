import crypto from "node:crypto";
import type { Transaction } from "kysely";
import { staffCasePath } from "../cases/case-workspace.server";
import type { Database } from "../db.server";
import { enqueueOutboxMessage, enqueueOutboxMessages } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { alertSchema, webhookEventBody, type Alert } from "./alert";
import { lineAlertText } from "./line-message";
import { recordWebhookDelivery, subscribedWebhookIds } from "./webhooks.server";

export interface EnqueuedAlert {
  eventId: string;
  webhookCalls: number;
  linePushes: number;
}

/**
 * Writes an SLA breach or an escalation as outbound alerts (ARCHITECTURE §4, §8), in the caller's
 * transaction, so the alerts exist if and only if the change they report commits: one outbox row
 * per active webhook subscribed to the alert's type, and one per LINE chat when LINE is configured.
 * The dispatcher delivers them later, with retries.
 *
 * The SLA sweep calls it next to the row that records the breach or escalation, e.g.
 *
 *   await enqueueAlert(transaction, services, {
 *     type: "sla_breach", caseId: row.id, reference: row.reference, kind: row.kind,
 *     categoryCode: category.code, priority: row.priority, clock: "resolve", dueAt: row.resolve_due_at,
 *   }, now);
 *
 * An alert is metadata only (see `alertSchema`): passing any other property throws, and so the
 * caller's transaction rolls back rather than send something it should not.
 */
export async function enqueueAlert(transaction: Transaction<Database>, services: Pick<AppServices, "config" | "secrets">, alert: Alert, now: number): Promise<EnqueuedAlert> {
  const checked = alertSchema.parse(alert);
  const eventId = crypto.randomUUID();
  const caseUrl = `${services.config.publicBaseUrl}${staffCasePath(checked.caseId)}`;

  const webhookIds = await subscribedWebhookIds(transaction, checked.type);
  if (webhookIds.length > 0) {
    const body = webhookEventBody(checked, eventId, caseUrl, now);
    for (const webhookId of webhookIds) {
      const outboxId = await enqueueOutboxMessage(transaction, services.secrets.keyring, { kind: "webhook", webhook: { webhookId, eventId, body } }, now);
      await recordWebhookDelivery(transaction, { outboxId, webhookId, eventId, eventType: checked.type }, now);
    }
  }

  const line = services.config.alerts.line;
  if (line) {
    const text = lineAlertText(checked, caseUrl);
    await enqueueOutboxMessages(transaction, services.secrets.keyring, line.targetIds.map((to) => ({ kind: "line", line: { to, retryKey: crypto.randomUUID(), text } })), now);
  }
  return { eventId, webhookCalls: webhookIds.length, linePushes: line?.targetIds.length ?? 0 };
}
