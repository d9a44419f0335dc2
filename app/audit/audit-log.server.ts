import { SqliteAdapter, type Transaction } from "kysely";
import type { ActorType, Database, Queryable } from "../db.server";
import { AuditChainVerifier, hashAuditEntry, type ChainBreak } from "./audit-chain";

export interface AuditEntryInput {
  actorType: ActorType;
  actorId?: string | null;
  /** Dotted verb, e.g. "case.read", "staff.login", "attachment.download". */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** No personal data: identifiers and codes only. */
  details?: Record<string, unknown> | null;
  occurredAt: number;
}

/**
 * Appends one entry inside the caller's transaction, so the entry exists if and only if the change
 * it records does. Bumping the head row first takes its row lock on PostgreSQL (SQLite has one
 * writer anyway): concurrent appenders queue there and the chain never forks.
 */
export async function appendAuditEntry(transaction: Transaction<Database>, input: AuditEntryInput): Promise<number> {
  const head = await transaction
    .updateTable("audit_chain_head")
    .set((expression) => ({ sequence: expression("sequence", "+", 1) }))
    .where("id", "=", 1)
    .returning(["sequence", "hash"])
    .executeTakeFirstOrThrow();
  const entry = {
    sequence: Number(head.sequence),
    occurred_at: input.occurredAt,
    actor_type: input.actorType,
    actor_id: input.actorId ?? null,
    action: input.action,
    target_type: input.targetType ?? null,
    target_id: input.targetId ?? null,
    details: input.details ? JSON.stringify(input.details) : null,
  };
  const hash = hashAuditEntry(entry, head.hash);
  const row = { ...entry, previous_hash: head.hash, hash };
  if (transaction.getExecutor().adapter instanceof SqliteAdapter) {
    await transaction.insertInto("audit_log").values(row).execute();
    await transaction.updateTable("audit_chain_head").set({ hash }).where("id", "=", 1).execute();
  } else {
    // One round trip instead of two while the head's row lock is held, which every audited write
    // (each filing among them) queues for: PostgreSQL runs an INSERT in a WITH clause even when
    // nothing reads it. SQLite allows no INSERT there, and its statements cost no round trip.
    await transaction
      .with("entry", (db) => db.insertInto("audit_log").values(row))
      .updateTable("audit_chain_head")
      .set({ hash })
      .where("id", "=", 1)
      .execute();
  }
  return entry.sequence;
}

export type AuditVerification = { intact: true; entries: number } | { intact: false; entries: number; chainBreak: ChainBreak };

const pageSize = 2000;

/** Reads the whole log in pages by sequence and reports the first broken link. */
export async function verifyAuditLog(db: Queryable): Promise<AuditVerification> {
  const verifier = new AuditChainVerifier();
  let after = 0;
  for (;;) {
    const page = await db.selectFrom("audit_log").selectAll().where("sequence", ">", after).orderBy("sequence").limit(pageSize).execute();
    for (const entry of page) {
      const chainBreak = verifier.next({ ...entry, sequence: Number(entry.sequence) });
      if (chainBreak) return { intact: false, entries: verifier.checked, chainBreak };
    }
    if (page.length < pageSize) break;
    after = Number(page[page.length - 1]!.sequence);
  }
  const head = await db.selectFrom("audit_chain_head").select(["sequence", "hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
  const chainBreak = verifier.finish({ sequence: Number(head.sequence), hash: head.hash });
  return chainBreak ? { intact: false, entries: verifier.checked, chainBreak } : { intact: true, entries: verifier.checked };
}
