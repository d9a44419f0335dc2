import { z } from "zod";
import { caseKinds, casePriorities, slaClocks, staffRoles } from "../db.server";

/**
 * What an alert may say about a case: plaintext metadata that queues and reports already keep in
 * the clear (ARCHITECTURE §6), and nothing else. There is no field for a narrative, a name, a
 * message or a tracking code, and `strict()` refuses any extra property at run time too, so a
 * caller that spreads a whole case row into an alert fails at once instead of leaking it. Free
 * text cannot hide in the fields that remain: each one is an enumeration or a narrow pattern.
 */
const caseFacts = {
  caseId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  /** e.g. PS-2569-000123: printed on receipts, not a secret. */
  reference: z.string().regex(/^[A-Z]{1,8}-\d{4}-\d{1,9}$/),
  kind: z.enum(caseKinds),
  categoryCode: z.string().regex(/^[a-z0-9_.]{1,64}$/),
  priority: z.enum(casePriorities),
};

export const alertSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("sla_breach"),
      ...caseFacts,
      clock: z.enum(slaClocks),
      dueAt: z.number().int().nonnegative(),
    })
    .strict(),
  z
    .object({
      type: z.literal("escalation"),
      ...caseFacts,
      /** The escalation's rule: 'resolve_breached', 'critical_priority', 'senior_official', 'manual:<id>'. */
      rule: z.string().regex(/^[a-z_]{1,40}(:[A-Za-z0-9-]{1,64})?$/),
      routedToRole: z.enum(staffRoles),
      escalatedAt: z.number().int().nonnegative(),
    })
    .strict(),
]);

export type Alert = z.infer<typeof alertSchema>;
export type SlaBreachAlert = Extract<Alert, { type: "sla_breach" }>;
export type EscalationAlert = Extract<Alert, { type: "escalation" }>;

function isoTime(timestamp: number): string {
  return new Date(timestamp).toISOString();
}

/**
 * The JSON a webhook receives. Times are ISO 8601 in UTC, for receivers in any language; the case
 * link opens nothing without a staff sign-in. The body is fixed when the alert is written, so every
 * retry sends the same bytes under the same event id.
 */
export function webhookEventBody(alert: Alert, eventId: string, caseUrl: string, occurredAt: number): string {
  const event = {
    id: eventId,
    type: alert.type,
    occurredAt: isoTime(occurredAt),
    case: { id: alert.caseId, reference: alert.reference, kind: alert.kind, categoryCode: alert.categoryCode, priority: alert.priority, url: caseUrl },
    ...(alert.type === "sla_breach"
      ? { slaBreach: { clock: alert.clock, dueAt: isoTime(alert.dueAt) } }
      : { escalation: { rule: alert.rule, routedToRole: alert.routedToRole, escalatedAt: isoTime(alert.escalatedAt) } }),
  };
  return JSON.stringify(event);
}

/** The body of "send a test event": enough for a receiver to check its signature code, nothing about any case. */
export function webhookTestBody(eventId: string, occurredAt: number): string {
  return JSON.stringify({ id: eventId, type: "test", occurredAt: isoTime(occurredAt) });
}
