import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { parseConfig } from "../app/config.server";
import { loadSecrets } from "../app/crypto/secrets.server";
import { createDb, createReportReader, migrateToLatest, type Dialect } from "../app/db.server";
import { createLogger } from "../app/logging/logger.server";
import { seedReferenceData } from "../app/seed/seed.server";
import { createThrottles, type AppServices } from "../app/services.server";
import { databaseUrl, startPostgres, type PostgresServer } from "../tests/support/postgres-server";

/**
 * Throwaway databases for the benchmarks: a SQLite file in a temporary directory, or a database
 * on a throwaway PostgreSQL cluster (the test harness's, durability off — say so beside figures).
 * The settings are production's defaults (argon2 included), only the keys are generated.
 */
export interface BenchDatabase {
  services: AppServices;
  url: string;
  /** The settings a server started on this database needs to read what the benchmark wrote. */
  environment: Record<string, string>;
  destroy(): Promise<void>;
}

let postgres: PostgresServer | undefined;

export async function postgresServer(): Promise<PostgresServer> {
  postgres ??= await startPostgres();
  return postgres;
}

export function stopPostgres(): void {
  postgres?.stop();
  postgres = undefined;
}

export async function createBenchDatabase(dialect: Dialect, name: string): Promise<BenchDatabase> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `prongsai-bench-${name}-`));
  let url: string;
  let dropDatabase = async () => undefined as void;
  if (dialect === "sqlite") {
    url = `file:${path.join(directory, "bench.db")}`;
  } else {
    const server = await postgresServer();
    const database = `bench_${name.replace(/[^a-z0-9]/g, "_")}_${crypto.randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    url = databaseUrl(server.url, database);
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`drop database if exists ${database} with (force)`);
      await client.end();
    };
  }
  const environment: Record<string, string> = {
    APP_ENV: "test",
    DATA_DIR: directory,
    DATABASE_URL: url,
    ENCRYPTION_KEYS: `bench:${crypto.randomBytes(32).toString("base64")}`,
    ENCRYPTION_ACTIVE_KEY_ID: "bench",
    TRACKING_LOOKUP_SECRET: crypto.randomBytes(32).toString("base64url"),
    LOG_LEVEL: "silent",
  };
  const config = parseConfig(environment);
  const { db } = createDb(url, { poolSize: config.databasePoolSize });
  await migrateToLatest(db);
  // As the server opens it: the reports read through a connection (SQLite) or a pool (PostgreSQL) of their own.
  const reportDb = createReportReader(url) ?? db;
  const services: AppServices = { config, db, reportDb, dialect, secrets: loadSecrets(config, () => undefined), logger: createLogger("silent"), throttles: createThrottles() };
  await seedReferenceData(services, Date.now());
  return {
    services,
    url,
    environment,
    async destroy() {
      if (reportDb !== db) await reportDb.destroy();
      await db.destroy();
      await dropDatabase();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * PostgreSQL's autovacuum vacuums and analyzes a table after a bulk load within a minute or so; the
 * benchmark does both at once rather than wait. The vacuum matters as much as the statistics: until
 * it has run, no page of a freshly loaded table is marked all-visible, so every index-only scan
 * (the report's case pass, the tab counts) still visits the table for each row — a state a
 * production database, whose settled cases autovacuum has long since marked, is never in. SQLite is
 * left as production leaves it: nothing runs ANALYZE.
 */
export async function analyzeAfterBulkLoad(services: AppServices): Promise<void> {
  if (services.dialect === "postgres") await sql`vacuum analyze`.execute(services.db);
}
