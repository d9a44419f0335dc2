import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, inject } from "vitest";
import { createDb, type Dialect } from "../../db/connect";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { databaseUrl } from "./postgres-server";

export const dialects: Dialect[] = ["sqlite", "postgres"];

export interface TestDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  url: string;
}

let adminPool: pg.Pool | undefined;

export function postgresAdmin(): pg.Pool {
  adminPool ??= new pg.Pool({ connectionString: inject("postgresServerUrl"), max: 2 });
  return adminPool;
}

/** A fresh, migrated database of the dialect, copied from the run's template. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase & { destroy(): Promise<void> }> {
  if (dialect === "sqlite") {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-test-"));
    const file = path.join(directory, "test.db");
    fs.copyFileSync(inject("sqliteTemplateFile"), file);
    const url = `file:${file}`;
    const { db } = createDb(url);
    return {
      db,
      dialect,
      url,
      async destroy() {
        await db.destroy();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const name = `test_${crypto.randomBytes(6).toString("hex")}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await postgresAdmin().query(`create database ${name} template ${inject("postgresTemplateDatabase")}`);
      break;
    } catch (error) {
      // Two workers copying the template at the same instant: PostgreSQL asks one to wait.
      if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
  const url = databaseUrl(inject("postgresServerUrl"), name);
  const { db } = createDb(url, { poolSize: 5 });
  return {
    db,
    dialect,
    url,
    async destroy() {
      await db.destroy();
      // Not `with (force)`: that kills backends whose clients are still saying goodbye, and pg turns
      // the kill into an uncaught error. The pool has ended; its backends leave within moments.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await postgresAdmin().query(`drop database if exists ${name}`);
          return;
        } catch (error) {
          if (attempt >= 50 || !String(error).includes("being accessed by other users")) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    },
  };
}

/**
 * Declares the same specification once per dialect; each test gets its own fresh database.
 * `current()` is valid inside tests and hooks.
 */
export function describeEachDialect(name: string, body: (current: () => TestDatabase) => void) {
  for (const dialect of dialects) {
    describe(`${name} [${dialect}]`, () => {
      let database: (TestDatabase & { destroy(): Promise<void> }) | undefined;
      beforeEach(async () => {
        database = await createTestDatabase(dialect);
      });
      afterEach(async () => {
        await database?.destroy();
        database = undefined;
      });
      body(() => {
        if (!database) throw new Error("the test database exists only inside a test");
        return database;
      });
    });
  }
}
