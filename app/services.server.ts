import fs from "node:fs";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { AppConfig } from "./config.server";
import { loadSecrets, type Secrets } from "./crypto/secrets.server";
import { createDb, createReportReader, type Database, type Dialect } from "./db.server";
import { Throttle } from "./security/throttle.server";

/**
 * What a running Prongsai holds open: built once by the server (or a script), handed to every
 * loader and action through the load context, so tests can build their own against any database.
 */
export interface AppServices {
  config: AppConfig;
  db: Kysely<Database>;
  /**
   * What the reports read through, so that their long reads do not hold the connections every
   * request needs (db/connect.ts, `createReportReader`): on SQLite a read-only connection of its
   * own, on PostgreSQL a pool of two; for an in-memory SQLite database, `db` itself.
   */
  reportDb: Kysely<Database>;
  dialect: Dialect;
  secrets: Secrets;
  logger: Logger;
  throttles: Throttles;
}

/**
 * In-memory only (never stored): per client, how many tracking-code guesses, filings and failed
 * staff sign-ins in a window. Generous for people, tight enough to make guessing and flooding slow.
 * Sign-ins allow more than one person's worth because a whole office may share one address; the
 * per-account lockout (app/auth/login.server.ts) is what protects each account.
 */
export interface Throttles {
  trackingLookups: Throttle;
  submissions: Throttle;
  signIns: Throttle;
}

export function createThrottles(): Throttles {
  return {
    trackingLookups: new Throttle(10, 15 * 60_000),
    submissions: new Throttle(20, 60 * 60_000),
    signIns: new Throttle(30, 15 * 60_000),
  };
}

export function openServices(config: AppConfig, logger: Logger): AppServices {
  fs.mkdirSync(config.dataDirectory, { recursive: true });
  const secrets = loadSecrets(config, (message) => logger.warn(message));
  const { db, dialect } = createDb(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    onConnectionError: (error) => logger.error({ err: error }, "database connection lost; the pool will reconnect"),
  });
  const reportDb =
    createReportReader(config.databaseUrl, { onConnectionError: (error) => logger.error({ err: error }, "report database connection lost; the pool will reconnect") }) ?? db;
  return { config, db, reportDb, dialect, secrets, logger, throttles: createThrottles() };
}

export async function closeServices(services: AppServices): Promise<void> {
  if (services.reportDb !== services.db) await services.reportDb.destroy();
  await services.db.destroy();
}
