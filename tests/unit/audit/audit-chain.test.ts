import { describe, expect, it } from "vitest";
import { AuditChainVerifier, describeChainBreak, genesisHash, hashAuditEntry, type StoredAuditEntry } from "../../../app/audit/audit-chain";

function chain(length: number): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  let previousHash = genesisHash;
  for (let sequence = 1; sequence <= length; sequence += 1) {
    const fields = { sequence, occurred_at: 1_700_000_000_000 + sequence, actor_type: "staff", actor_id: `u${sequence}`, action: "case.read", target_type: "case", target_id: `c${sequence}`, details: null };
    const hash = hashAuditEntry(fields, previousHash);
    entries.push({ ...fields, previous_hash: previousHash, hash });
    previousHash = hash;
  }
  return entries;
}

function verify(entries: StoredAuditEntry[], head = { sequence: entries.length, hash: entries.at(-1)?.hash ?? genesisHash }) {
  const verifier = new AuditChainVerifier();
  for (const entry of entries) {
    const chainBreak = verifier.next(entry);
    if (chainBreak) return chainBreak;
  }
  return verifier.finish(head);
}

describe("the audit hash chain", () => {
  it("holds for an untouched chain, and for an empty one", () => {
    expect(verify(chain(5))).toBeUndefined();
    expect(verify([])).toBeUndefined();
  });

  it("depends on every field", () => {
    const [entry] = chain(1);
    const base = hashAuditEntry(entry!, genesisHash);
    for (const field of ["occurred_at", "actor_type", "actor_id", "action", "target_type", "target_id", "details"] as const) {
      const altered = { ...entry!, [field]: field === "occurred_at" ? 1 : "other" };
      expect(hashAuditEntry(altered, genesisHash), field).not.toBe(base);
    }
    expect(hashAuditEntry(entry!, "f".repeat(64))).not.toBe(base);
  });

  it.each([
    ["an altered field", (entries: StoredAuditEntry[]) => void (entries[2]!.action = "case.delete"), { kind: "hash_mismatch", sequence: 3 }],
    ["a removed entry", (entries: StoredAuditEntry[]) => void entries.splice(1, 1), { kind: "gap", sequence: 3, expectedSequence: 2 }],
    [
      "a re-hashed altered entry",
      (entries: StoredAuditEntry[]) => {
        entries[1]!.action = "case.delete";
        entries[1]!.hash = hashAuditEntry(entries[1]!, entries[1]!.previous_hash);
      },
      { kind: "previous_hash_mismatch", sequence: 3 },
    ],
  ])("finds %s at the first broken link", (_name, tamper, expected) => {
    const entries = chain(5);
    const head = { sequence: 5, hash: entries[4]!.hash };
    tamper(entries);
    expect(verify(entries, head)).toEqual(expected);
  });

  it("finds entries cut from the end through the head", () => {
    const entries = chain(5);
    const chainBreak = verify(entries.slice(0, 3), { sequence: 5, hash: entries[4]!.hash });
    expect(chainBreak).toEqual({ kind: "head_mismatch", headSequence: 5, lastSequence: 3 });
    expect(describeChainBreak(chainBreak!)).toMatch(/ends at entry 3 but 5 were written/);
  });
});
