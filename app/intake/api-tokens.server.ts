import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { Kysely } from "kysely";
import type { CaseChannel, Database, Queryable } from "../db.server";

/**
 * Bearer tokens for the intake API (call centre, LINE official account…). A token is shown once
 * when created; the database keeps its SHA-256 — enough for a 256-bit random secret, which no one
 * can guess, so the slow hash that passwords need would only slow every API call.
 */
const tokenPrefix = "psk_";

function digestOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface ApiTokenCreated {
  id: string;
  token: string;
}

export async function createApiToken(db: Kysely<Database>, input: { name: string; channel: CaseChannel; createdById?: string | null }, now: number): Promise<ApiTokenCreated> {
  const id = randomUUID();
  const token = tokenPrefix + randomBytes(32).toString("base64url");
  await db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto("api_tokens")
      .values({ id, name: input.name, token_hash: digestOf(token), channel: input.channel, created_by_id: input.createdById ?? null, created_at: now, last_used_at: null, revoked_at: null })
      .execute();
    await appendAuditEntry(transaction, {
      actorType: input.createdById ? "staff" : "system",
      actorId: input.createdById ?? null,
      action: "api_token.created",
      targetType: "api_token",
      targetId: id,
      details: { channel: input.channel },
      occurredAt: now,
    });
  });
  return { id, token };
}

export interface ApiClient {
  tokenId: string;
  channel: CaseChannel;
}

/** The client an `Authorization: Bearer …` header names, or null for a missing, unknown or revoked token. */
export async function authenticateApiToken(db: Queryable, authorization: string | null, now: number): Promise<ApiClient | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token?.startsWith(tokenPrefix)) return null;
  const digest = digestOf(token);
  const row = await db.selectFrom("api_tokens").select(["id", "channel", "token_hash", "revoked_at"]).where("token_hash", "=", digest).executeTakeFirst();
  // The lookup is by digest; comparing again in constant time costs nothing and keeps timing flat.
  if (!row || row.revoked_at !== null || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(digest))) return null;
  await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.id).execute();
  return { tokenId: row.id, channel: row.channel };
}

export async function revokeApiToken(db: Queryable, tokenId: string, now: number): Promise<boolean> {
  const result = await db.updateTable("api_tokens").set({ revoked_at: now }).where("id", "=", tokenId).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
