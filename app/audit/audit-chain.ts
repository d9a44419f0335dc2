import { createHash } from "node:crypto";

/**
 * The audit log's hash chain, as pure functions: each entry's hash covers its own fields and the
 * previous entry's hash, so changing, removing or reordering any entry breaks every later link.
 */

export const genesisHash = "0".repeat(64);

export interface AuditEntryFields {
  sequence: number;
  occurred_at: number;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string | null;
}

export interface StoredAuditEntry extends AuditEntryFields {
  previous_hash: string;
  hash: string;
}

export function hashAuditEntry(entry: AuditEntryFields, previousHash: string): string {
  // An array keeps the field order fixed; JSON keeps "a|b" + "c" apart from "a" + "b|c".
  const canonical = JSON.stringify([
    entry.sequence,
    entry.occurred_at,
    entry.actor_type,
    entry.actor_id,
    entry.action,
    entry.target_type,
    entry.target_id,
    entry.details,
    previousHash,
  ]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

export type ChainBreak =
  | { kind: "gap"; sequence: number; expectedSequence: number }
  | { kind: "previous_hash_mismatch"; sequence: number }
  | { kind: "hash_mismatch"; sequence: number }
  | { kind: "head_mismatch"; headSequence: number; lastSequence: number };

/** Walks entries in sequence order, remembering only the last link, so a long log streams. */
export class AuditChainVerifier {
  private expectedSequence = 1;
  private previousHash = genesisHash;
  checked = 0;

  /** Returns the first break it sees at this entry, or undefined while the chain holds. */
  next(entry: StoredAuditEntry): ChainBreak | undefined {
    if (entry.sequence !== this.expectedSequence) {
      return { kind: "gap", sequence: entry.sequence, expectedSequence: this.expectedSequence };
    }
    if (entry.previous_hash !== this.previousHash) return { kind: "previous_hash_mismatch", sequence: entry.sequence };
    if (hashAuditEntry(entry, this.previousHash) !== entry.hash) return { kind: "hash_mismatch", sequence: entry.sequence };
    this.previousHash = entry.hash;
    this.expectedSequence += 1;
    this.checked += 1;
    return undefined;
  }

  /** The head row records the last link written: entries cut from the end show up here. */
  finish(head: { sequence: number; hash: string }): ChainBreak | undefined {
    const lastSequence = this.expectedSequence - 1;
    if (head.sequence !== lastSequence || head.hash !== this.previousHash) {
      return { kind: "head_mismatch", headSequence: head.sequence, lastSequence };
    }
    return undefined;
  }
}

export function describeChainBreak(chainBreak: ChainBreak): string {
  switch (chainBreak.kind) {
    case "gap":
      return `entry ${chainBreak.expectedSequence} is missing (found ${chainBreak.sequence} in its place)`;
    case "previous_hash_mismatch":
      return `entry ${chainBreak.sequence} does not link to the entry before it`;
    case "hash_mismatch":
      return `entry ${chainBreak.sequence} was altered after it was written`;
    case "head_mismatch":
      return `the chain ends at entry ${chainBreak.lastSequence} but ${chainBreak.headSequence} were written (entries removed from the end)`;
  }
}
