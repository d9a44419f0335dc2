/**
 * When the outbox tries a failed message again, and what it remembers of the failure. Pure: the
 * dispatcher (mail-dispatcher.server.ts) supplies the clock and the randomness.
 */

export const firstRetryDelayMs = 30_000;
export const longestRetryDelayMs = 3_600_000;
/** ±20 %: dispatchers on several nodes that failed together do not all retry in the same second. */
export const retryJitterFraction = 0.2;

/**
 * The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, 4 min… up to 1 h, each
 * spread by the jitter. The cap applies before the jitter, so capped retries still spread out
 * (between 48 and 72 min) instead of all landing on the hour.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`retryDelayMs needs the number of failed attempts (a whole number from 1), not ${attempts}`);
  }
  // Past 2^8 the cap has long been reached; the exponent stops there so it cannot overflow.
  const exponentialDelay = firstRetryDelayMs * 2 ** Math.min(attempts - 1, 8);
  const baseDelay = Math.min(exponentialDelay, longestRetryDelayMs);
  const jitter = (random() * 2 - 1) * retryJitterFraction;
  return Math.round(baseDelay * (1 + jitter));
}

export type DeliveryOutcome = { status: "pending"; nextAttemptAt: number } | { status: "dead" };

/** After a failed attempt: try again later, or give up once `maxAttempts` attempts have failed. */
export function afterFailedAttempt(attempts: number, maxAttempts: number, failedAt: number, random: () => number = Math.random): DeliveryOutcome {
  if (attempts >= maxAttempts) return { status: "dead" };
  return { status: "pending", nextAttemptAt: failedAt + retryDelayMs(attempts, random) };
}

/**
 * Failures to reach the mail server at all (nodemailer's connection, socket, timeout and DNS codes,
 * Node's own socket codes, and 421 "service not available"), as opposed to a server that answered
 * and refused one message. An outage fails every message this way, and a message that failed this
 * way has nothing against it: the dispatcher brings such messages forward as soon as the server
 * answers again, instead of leaving them to their backoff (decision 0015).
 */
const unreachableServerCodes = new Set(["ECONNECTION", "ESOCKET", "ETIMEDOUT", "EDNS", "ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

export function isServerUnreachable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if ("code" in error && typeof error.code === "string" && unreachableServerCodes.has(error.code)) return true;
  return "responseCode" in error && error.responseCode === 421;
}

/**
 * Begins the stored error of a failure that `isServerUnreachable`: the outbox table keeps no other
 * trace of why a row failed, and this prefix is how the dispatcher finds those rows again.
 */
export const unreachableServerPrefix = "server unreachable: ";

const longestErrorLength = 300;
/** Generous on purpose: anything around an "@" goes, quoted local parts and all. */
const emailAddressPattern = /[^\s<>()[\],;:]*@[^\s<>()[\],;:]+/g;

/**
 * What the outbox row keeps of a failure: whether the server was unreachable, the error's code and
 * message, with every e-mail address replaced and the length bounded. SMTP servers echo the recipient in their replies
 * ("450 4.1.1 <someone@example.com>: Recipient address rejected"), and the row's error column is
 * plaintext that operators read: recipients are personal data and must not leak there or into logs.
 */
export function describeDeliveryFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
  const prefix = isServerUnreachable(error) ? unreachableServerPrefix : "";
  const description = `${prefix}${name}${code ? ` ${code}` : ""}: ${message}`.replace(/\s+/g, " ").trim();
  const redacted = description.replace(emailAddressPattern, "[address]");
  return redacted.length > longestErrorLength ? `${redacted.slice(0, longestErrorLength - 1)}…` : redacted;
}
