import crypto from "node:crypto";

/**
 * What the database keeps to check an evidence file: HMAC-SHA256, under a server key, of the
 * file's SHA-256 (decision 0019). A plain SHA-256 of a file kept byte for byte is the SHA-256 of
 * the original, so anyone holding a copy of the database could confirm that a given document was
 * sent as evidence, or tell which of several watermarked copies leaked; without the key the keyed
 * digest confirms nothing. It is over the SHA-256, not over the bytes, so that a row stored before
 * (holding the SHA-256 itself) converts without reading its file (migration 0018).
 */

function keyedDigest(key: Buffer, sha256: Buffer): string {
  return crypto.createHmac("sha256", key).update(sha256).digest("hex");
}

/** The content digest of a file's (cleaned) plaintext, as stored when it was written. */
export function contentDigest(key: Buffer, bytes: Uint8Array): string {
  return keyedDigest(key, crypto.createHash("sha256").update(bytes).digest());
}

/** The content digest a row stored before migration 0018 should hold, from the hex SHA-256 it holds. */
export function contentDigestOfSha256(key: Buffer, sha256Hex: string): string {
  return keyedDigest(key, Buffer.from(sha256Hex, "hex"));
}

/** In constant time; an emptied digest (an anonymized case's row) matches nothing. */
export function matchesContentDigest(key: Buffer, bytes: Uint8Array, recorded: string): boolean {
  const expected = Buffer.from(contentDigest(key, bytes), "hex");
  const stored = Buffer.from(recorded, "hex");
  return stored.length === expected.length && crypto.timingSafeEqual(stored, expected);
}
