import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { databaseUrl, startPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresServerUrl: string;
    postgresTemplateDatabase: string;
    sqliteTemplateFile: string;
  }
}

/**
 * Once per run: start PostgreSQL, and build a migrated template database on each dialect. Each test
 * then gets a fresh copy (tests/support/databases.ts) in milliseconds instead of migrating again.
 */
export default async function setup(project: TestProject) {
  const server = await startPostgres();
  const templateDatabase = "prongsai_template";
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(`create database ${templateDatabase}`);
  await client.end();
  const postgres = createDb(databaseUrl(server.url, templateDatabase));
  await migrateToLatest(postgres.db);
  await postgres.db.destroy();

  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-sqlite-"));
  const sqliteTemplateFile = path.join(directory, "template.db");
  const sqlite = createDb(`file:${sqliteTemplateFile}`);
  await migrateToLatest(sqlite.db);
  await sqlite.db.destroy();

  project.provide("postgresServerUrl", server.url);
  project.provide("postgresTemplateDatabase", templateDatabase);
  project.provide("sqliteTemplateFile", sqliteTemplateFile);

  return () => {
    server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  };
}
