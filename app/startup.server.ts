import type { MigrationResultSet } from "kysely";
import { contentDigestOfSha256 } from "./attachments/content-digest.server";
import { migrateToLatest } from "./db.server";
import { demoAccounts, seedDemoData, seedReferenceData, type DemoAccount } from "./seed/seed.server";
import type { AppServices } from "./services.server";

/**
 * Brings a database to what this version of Prongsai needs: every migration, the reference data on
 * first run, and the demo data where the configuration asks for it. Safe to run on every start and
 * from several nodes: migrations are recorded, seeds are marked.
 */
export async function prepareDatabase(services: AppServices, now = Date.now(), options: { demoCases?: number } = {}): Promise<{ demoAccounts: DemoAccount[] }> {
  await migrateDatabase(services);
  await seedReferenceData(services, now);
  if (services.config.seedDemoData) await seedDemoData(services, now, options);
  return { demoAccounts: services.config.seedDemoData ? await demoAccounts(services.db) : [] };
}

/**
 * Every migration, given what those that rewrite stored values under a server key need (migration
 * 0018, decision 0019). The server and every script migrate through here, so whichever runs first
 * after an upgrade can convert.
 */
export function migrateDatabase(services: Pick<AppServices, "db" | "secrets">): Promise<MigrationResultSet> {
  const { attachmentDigestKey } = services.secrets;
  return migrateToLatest(services.db, { attachmentContentDigestOfSha256: (sha256Hex) => contentDigestOfSha256(attachmentDigestKey, sha256Hex) });
}

export function formatDemoAccounts(accounts: DemoAccount[]): string {
  if (accounts.length === 0) return "";
  const width = Math.max(...accounts.map((account) => account.email.length));
  return [
    "Demo staff accounts (development only — never use in production):",
    ...accounts.map((account) => `  ${account.email.padEnd(width)}  ${account.password}  (${account.role})`),
  ].join("\n");
}
