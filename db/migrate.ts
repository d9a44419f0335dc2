import { Migrator, type Migration, type MigrationResultSet } from "kysely";
import type { Kysely } from "kysely";
import * as referenceData from "./migrations/0001-reference-data";
import * as staff from "./migrations/0002-staff";
import * as cases from "./migrations/0003-cases";
import * as auditAndOutbox from "./migrations/0004-audit-and-outbox";
import * as totpLastStep from "./migrations/0005-totp-last-step";
import * as alerts from "./migrations/0006-alerts";
import * as passwordTokenPurpose from "./migrations/0007-password-token-purpose";
import * as sweepCandidateIndexes from "./migrations/0008-sweep-candidate-indexes";
import * as dueSoonAt from "./migrations/0009-due-soon-at";
import * as pauseEventIndex from "./migrations/0010-pause-event-index";
import * as reportIndexes from "./migrations/0011-report-indexes";
import * as datedCasesAreOpen from "./migrations/0012-dated-cases-are-open";
import * as waitingIndex from "./migrations/0013-waiting-index";
import * as queueCountIndexes from "./migrations/0014-queue-count-indexes";
import * as unassignedCountIndex from "./migrations/0015-unassigned-count-index";
import * as anonymizedAt from "./migrations/0016-anonymized-at";
import * as retentionIndex from "./migrations/0017-retention-index";
import { attachmentContentDigest } from "./migrations/0018-attachment-content-digest";
import * as keptReportFigures from "./migrations/0019-kept-report-figures";
import * as unscopedDurationsIndex from "./migrations/0020-unscoped-durations-index";
import * as staleOnEdits from "./migrations/0021-stale-on-edits";
import type { Database } from "./schema";

/**
 * What a migration that rewrites stored values under a server key needs and the database cannot
 * give. It receives a function, never the key: db/ holds no secret and does no cryptography.
 */
export interface MigrationSecrets {
  /** Migration 0018: the keyed content digest of an attachment, from the plain hex SHA-256 it held. */
  attachmentContentDigestOfSha256: (sha256Hex: string) => string;
}

/**
 * A static list rather than a folder scan: the production bundle and the Vite dev server both
 * see the same migrations, and their order is the order written here.
 */
export function migrationsWith(secrets?: MigrationSecrets): Record<string, Migration> {
  return {
    "0001-reference-data": referenceData,
    "0002-staff": staff,
    "0003-cases": cases,
    "0004-audit-and-outbox": auditAndOutbox,
    "0005-totp-last-step": totpLastStep,
    "0006-alerts": alerts,
    "0007-password-token-purpose": passwordTokenPurpose,
    "0008-sweep-candidate-indexes": sweepCandidateIndexes,
    "0009-due-soon-at": dueSoonAt,
    "0010-pause-event-index": pauseEventIndex,
    "0011-report-indexes": reportIndexes,
    "0012-dated-cases-are-open": datedCasesAreOpen,
    "0013-waiting-index": waitingIndex,
    "0014-queue-count-indexes": queueCountIndexes,
    "0015-unassigned-count-index": unassignedCountIndex,
    "0016-anonymized-at": anonymizedAt,
    "0017-retention-index": retentionIndex,
    "0018-attachment-content-digest": attachmentContentDigest(secrets?.attachmentContentDigestOfSha256),
    "0019-kept-report-figures": keptReportFigures,
    "0020-unscoped-durations-index": unscopedDurationsIndex,
    "0021-stale-on-edits": staleOnEdits,
  };
}

/**
 * Without secrets: enough for a database with no plain attachment digest to convert (a new one, or
 * one already past 0018); on any other, migration 0018 refuses and changes nothing.
 */
export const migrations = migrationsWith();

export async function migrateToLatest(db: Kysely<Database>, secrets?: MigrationSecrets): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrationsWith(secrets) } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((migration) => migration.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
