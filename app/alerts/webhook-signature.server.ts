import crypto from "node:crypto";

/**
 * How a webhook call proves where it came from (docs/OPERATIONS.md, "Webhooks"): the same scheme
 * as payment providers. The header carries the Unix time of the attempt and the hex HMAC-SHA256,
 * under the webhook's secret (its UTF-8 bytes), of "<time>.<body>". Signing the time with the body
 * lets a receiver refuse a replayed call that falls outside its tolerance window.
 */
export const signatureHeader = "Prongsai-Signature";
/** The same on every retry of one delivery: the receiver's key for doing the work once. */
export const eventIdHeader = "Prongsai-Event-Id";
export const eventTypeHeader = "Prongsai-Event-Type";

/** Five minutes: the tolerance we recommend to receivers. */
export const recommendedToleranceSeconds = 300;

function hmacHex(secret: string, timestampSeconds: number, body: string): string {
  return crypto.createHmac("sha256", secret).update(`${timestampSeconds}.${body}`, "utf8").digest("hex");
}

export function webhookSignature(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, body)}`;
}

/**
 * A receiver's check, written once here as the reference for docs/OPERATIONS.md and for tests:
 * the signature matches (compared in constant time) and its time is within the tolerance.
 */
export function verifyWebhookSignature(secret: string, header: string | null, body: string, nowSeconds: number, toleranceSeconds = recommendedToleranceSeconds): boolean {
  if (!header) return false;
  const parts = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const signature = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
