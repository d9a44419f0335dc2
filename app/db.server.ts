/**
 * The one door from the app to the top-level db/ folder (ARCHITECTURE §12): Remix keeps `.server`
 * modules inside app/ out of the browser bundle, so database code can only arrive through here.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema";

export { createDb, createReportReader, dialectOf, optimizeDatabase, preparedStatement, type DatabaseHandle, type Dialect } from "../db/connect";
export { migrateToLatest } from "../db/migrate";
export { foldLockKey as reportFoldLockKey } from "../db/migrations/0019-kept-report-figures";
export type * from "../db/schema";
export { caseKinds, caseChannels, caseStatuses, casePriorities, caseOutcomes, reporterRelations, staffRoles, slaClocks, slaUnits } from "../db/schema";

/** A database or a transaction: services accept either, so a caller can fold them into its own. */
export type Queryable = Kysely<Database> | Transaction<Database>;
