/**
 * The events a webhook may subscribe to (ARCHITECTURE §4, §8). A file of its own, without imports,
 * so the admin page can list them without reaching any server module.
 */
export const alertEventTypes = ["sla_breach", "escalation"] as const;
export type AlertEventType = (typeof alertEventTypes)[number];

/** What "send a test event" sends: never subscribed to, sent to one webhook on request. */
export const testEventType = "test";
