import { appendAuditEntry } from "../audit/audit-log.server";
import type { CaseChannel, Queryable } from "../db.server";
import { createApiToken, revokeApiToken, type ApiTokenCreated } from "../intake/api-tokens.server";
import type { AppServices } from "../services.server";

/*
 * Intake-API tokens as an admin manages them. The token itself exists in plaintext only in the
 * answer to the POST that created it (the page shows it once); the database keeps its SHA-256.
 */

export interface ApiTokenRow {
  id: string;
  name: string;
  channel: CaseChannel;
  createdAt: number;
  createdByName: string | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export async function listApiTokens(db: Queryable): Promise<ApiTokenRow[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .leftJoin("staff_users", "staff_users.id", "api_tokens.created_by_id")
    .select(["api_tokens.id", "api_tokens.name", "api_tokens.channel", "api_tokens.created_at", "api_tokens.last_used_at", "api_tokens.revoked_at", "staff_users.display_name"])
    .orderBy("api_tokens.created_at", "desc")
    .orderBy("api_tokens.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    channel: row.channel,
    createdAt: row.created_at,
    createdByName: row.display_name,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

/** One transaction with its audit entry, the admin as actor (`createApiToken`). */
export function issueApiToken(services: AppServices, input: { name: string; channel: CaseChannel }, adminId: string, now: number): Promise<ApiTokenCreated> {
  return createApiToken(services.db, { ...input, createdById: adminId }, now);
}

/** A revoked token stops working at its next request; revoking twice is "not found" (nothing left to revoke). */
export async function revokeIntakeToken(services: AppServices, tokenId: string, adminId: string, now: number): Promise<{ revoked: true } | { problem: "not_found" }> {
  return services.db.transaction().execute(async (transaction) => {
    if (!(await revokeApiToken(transaction, tokenId, now))) return { problem: "not_found" as const };
    await appendAuditEntry(transaction, { actorType: "staff", actorId: adminId, action: "api_token.revoked", targetType: "api_token", targetId: tokenId, occurredAt: now });
    return { revoked: true as const };
  });
}
