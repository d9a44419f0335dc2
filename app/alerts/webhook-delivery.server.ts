import { UndeliverableMessage, type OutboxWebhookCall } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { discardBody } from "./discard-body";
import { decryptWebhookSecret } from "./webhook-secret.server";
import { eventIdHeader, eventTypeHeader, signatureHeader, webhookSignature } from "./webhook-signature.server";

/**
 * One attempt at one webhook call, for the outbox dispatcher: resolves when the receiver answered
 * 2xx, throws otherwise so the outbox retries with its backoff. The URL and secret are read now,
 * not when the alert was written: a fixed URL or a rotated secret applies to pending retries, and a
 * webhook disabled or deleted meanwhile is not called at all (the row is dead-lettered).
 */
export async function callWebhook(services: Pick<AppServices, "db" | "config" | "secrets">, call: OutboxWebhookCall): Promise<void> {
  const webhook = await services.db.selectFrom("webhooks").select(["id", "url", "secret_encrypted", "is_active"]).where("id", "=", call.webhookId).executeTakeFirst();
  if (!webhook) throw new UndeliverableMessage("the webhook was deleted");
  if (Number(webhook.is_active) !== 1) throw new UndeliverableMessage("the webhook is disabled");
  const secret = decryptWebhookSecret(services.secrets.keyring, webhook.id, webhook.secret_encrypted);
  const eventType = (JSON.parse(call.body) as { type?: unknown }).type;

  const response = await fetch(webhook.url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "User-Agent": "Prongsai-Webhooks/1",
      [signatureHeader]: webhookSignature(secret, call.body, Math.floor(Date.now() / 1000)),
      [eventIdHeader]: call.eventId,
      [eventTypeHeader]: typeof eventType === "string" ? eventType : "unknown",
    },
    body: call.body,
    // A redirect is an answer, not a delivery: following it would send the alert somewhere nobody configured.
    redirect: "manual",
    signal: AbortSignal.timeout(services.config.alerts.timeoutMs),
  });
  discardBody(response);
  if (response.status < 200 || response.status > 299) throw new Error(`The webhook answered HTTP ${response.status}`);
}
