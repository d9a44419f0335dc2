import { SqliteAdapter, type QueryCreator, type Transaction } from "kysely";
import type { ActorType, AuditLogTable, Database, Queryable } from "../db.server";
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

/** An entry as stored: its place in the chain and the hash that links it to the one before. */
export type ChainedAuditEntry = AuditLogTable;

/**
 * Bumps the chain's head and returns the sequence number it now holds and the hash the next entry
 * follows. On PostgreSQL this takes the head's row lock until the transaction ends (SQLite has one
 * writer anyway): concurrent appenders queue there and the chain never forks. A builder, so a caller
 * may run it inside a statement of its own (intake does, to spare a round trip).
 */
export function claimAuditHead(db: QueryCreator<Database>) {
  return db
    .updateTable("audit_chain_head")
    .set((expression) => ({ sequence: expression("sequence", "+", 1) }))
    .where("id", "=", 1)
    .returning(["sequence", "hash"]);
}

/** The entry for a claimed head: the head's sequence, linked to its hash. */
export function chainAuditEntry(head: { sequence: number | string | bigint; hash: string }, input: AuditEntryInput): ChainedAuditEntry {
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
  return { ...entry, previous_hash: head.hash, hash: hashAuditEntry(entry, head.hash) };
}

/**
 * PostgreSQL only: one statement that writes a chained entry and gives the head its hash (an INSERT
 * in a WITH clause runs even when nothing reads it). `db` may carry CTEs of the caller's own, which
 * then run in the same statement (intake writes its case there).
 */
export function writeChainedEntry<D extends Database>(db: QueryCreator<D>, entry: ChainedAuditEntry) {
  // The caller's CTEs stay in the statement; only their types are dropped, since nothing here reads them.
  const creator = db as unknown as QueryCreator<Database>;
  return creator.with("audit_entry", (query) => query.insertInto("audit_log").values(entry)).updateTable("audit_chain_head").set({ hash: entry.hash }).where("id", "=", 1);
}

/**
 * Appends one entry inside the caller's transaction, so the entry exists if and only if the change
 * it records does: the head is claimed first (its lock orders concurrent appenders), then the entry
 * is written and the head takes its hash.
 */
export async function appendAuditEntry(transaction: Transaction<Database>, input: AuditEntryInput): Promise<number> {
  const head = await claimAuditHead(transaction).executeTakeFirstOrThrow();
  const row = chainAuditEntry(head, input);
  if (transaction.getExecutor().adapter instanceof SqliteAdapter) {
    await transaction.insertInto("audit_log").values(row).execute();
    await transaction.updateTable("audit_chain_head").set({ hash: row.hash }).where("id", "=", 1).execute();
  } else {
    // One round trip instead of two while the head's row lock is held, which every audited write
    // (each filing among them) queues for: PostgreSQL runs an INSERT in a WITH clause even when
    // nothing reads it. SQLite allows no INSERT there, and its statements cost no round trip.
    await writeChainedEntry(transaction, row).execute();
  }
  return row.sequence;
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
