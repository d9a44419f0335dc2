import fs from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import type { Dialect } from "../../db/connect";
import { startAppServer, type AppServer } from "./app-server";
import { databaseUrl, startPostgres } from "./postgres-server";

export interface E2eServer {
  dialect: Dialect;
  baseUrl: string;
  dataDirectory: string;
  logFile: string;
  /** PostgreSQL only: where the server keeps its data, for tests that inspect what was stored. */
  databaseUrl?: string;
  environment: Record<string, string>;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2eServers: E2eServer[];
  }
}

/** One production server per dialect: every browser test runs against both. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync("build/server/index.js")) throw new Error("Browser tests run against the production build: run `npm run build` first (npm test does).");
  const postgres = await startPostgres();
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query("create database prongsai_e2e");
  await client.end();
  const servers: Array<{ dialect: Dialect; server: AppServer; databaseUrl?: string }> = [];
  const postgresDatabaseUrl = databaseUrl(postgres.url, "prongsai_e2e");
  try {
    servers.push({ dialect: "sqlite", server: await startAppServer({}) });
    servers.push({ dialect: "postgres", server: await startAppServer({ DATABASE_URL: postgresDatabaseUrl }), databaseUrl: postgresDatabaseUrl });
  } catch (error) {
    await Promise.all(servers.map(({ server }) => server.stop()));
    postgres.stop();
    throw error;
  }
  project.provide(
    "e2eServers",
    servers.map(({ dialect, server, databaseUrl }) => ({ dialect, baseUrl: server.baseUrl, dataDirectory: server.dataDirectory, logFile: server.logFile, databaseUrl, environment: server.environment })),
  );
  return async () => {
    await Promise.all(servers.map(({ server }) => server.stop()));
    postgres.stop();
  };
}
