import { createHmac } from "node:crypto";
import { hashSecret, verifySecret, type Argon2Parameters } from "../auth/password.server";

/**
 * A code is stored twice, never as itself: an HMAC under a server secret to find the case with one
 * index lookup, and an argon2id hash to verify it. A stolen database gives neither a list of codes
 * nor a cheap way to test guesses, and a lookup costs one argon2 verification, never a scan.
 */
export function trackingLookupDigest(code: string, lookupSecret: string): string {
  return createHmac("sha256", lookupSecret).update(code, "utf8").digest("hex");
}

export function hashTrackingCode(code: string, parameters: Argon2Parameters): Promise<string> {
  return hashSecret(code, parameters);
}

let decoyHash: Promise<string> | undefined;

/**
 * Verifies a code against its hash — or, when no case matched, against a decoy, so an unknown
 * code costs the same time as a known one and the answer time tells nothing.
 */
export async function verifyTrackingCode(hash: string | undefined, code: string, parameters: Argon2Parameters): Promise<boolean> {
  if (hash) return verifySecret(hash, code);
  decoyHash ??= hashSecret("decoy-tracking-code", parameters);
  await verifySecret(await decoyHash, code);
  return false;
}
