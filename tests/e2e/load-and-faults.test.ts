import crypto from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import type { Dialect } from "../../db/connect";
import { runScenario, type Scenario, type ScenarioSettings } from "../../scripts/load/scenarios";
import { databaseUrl } from "../support/postgres-server";

/*
 * Short versions of `npm run test:load` (scripts/load, docs/BENCHMARKS.md § Load and faults): the
 * production server in a child process on each database, reporters filing the named complaint form
 * concurrently, and the same checks — every receipt a complete, decryptable, audited case, nothing
 * half-written, the audit chain intact, every e-mail delivered under its own Message-ID and none
 * dead. Correctness only: how fast is `npm run bench`'s and test:load's business.
 */

const postgresE2eDatabase = inject("e2eServers").find((server) => server.dialect === "postgres")?.databaseUrl;

/** A fresh database per run, on the PostgreSQL the e2e setup started. */
async function createPostgresDatabase(): Promise<string> {
  if (!postgresE2eDatabase) throw new Error("the e2e setup started no PostgreSQL server");
  const name = `prongsai_faults_${crypto.randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: databaseUrl(postgresE2eDatabase, "postgres") });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return databaseUrl(postgresE2eDatabase, name);
}

/**
 * Small enough to drain its mail in seconds (≈ 4 e-mails a filing with the demo staff, sent one at
 * a time): a dozen reporters pausing between filings, a photo with every third filing so evidence
 * files are written when the kill lands, and SMTP down long enough for every e-mail queued during
 * the filings to fail at least once and wait for its retry (30 s ± 20 %, app/notify/retry-schedule.ts).
 */
const shortRun: Omit<ScenarioSettings, "say"> = {
  clients: 12,
  durationMs: 6_000,
  pauseMs: 1_500,
  attachmentEvery: 3,
  outageMs: 15_000,
  outageFilingMs: 5_000,
  drainTimeoutMs: 150_000,
  // Cheap argon2, as every test server runs (decision 0004): the cost of a hash is not under test.
  serverEnvironment: { ARGON2_MEMORY_KIB: "1024", ARGON2_TIME_COST: "1" },
  abandonedClaims: "take-over",
  // A restart (migrations checked, demo data present) takes longer than the 3 s left of the run.
  filingResumesAfterRestart: true,
};

const dialects: Dialect[] = ["sqlite", "postgres"];

async function runOnEachDialect(scenario: Scenario) {
  const runs = await Promise.all(
    dialects.map(async (dialect) => {
      const log: string[] = [];
      const result = await runScenario(scenario, dialect, createPostgresDatabase, { ...shortRun, say: (message) => log.push(message) });
      return { dialect, ...result, log };
    }),
  );
  for (const run of runs) {
    // The figures are worth seeing even on a pass: re-deliveries and orphan files are counted, not failed.
    console.log(`${scenario} [${run.dialect}]: ${JSON.stringify(run.figures)}`);
    expect(run.problems, `${scenario} [${run.dialect}]\n${run.log.join("\n")}\n${JSON.stringify(run.figures)}`).toEqual([]);
  }
  return runs;
}

// Concurrent: most of each run is waiting for mail to drain, and no run shares anything with another.
describe.concurrent("load and faults, short runs on SQLite and PostgreSQL", () => {
  it("under concurrent filings, every receipt is a complete case and every e-mail arrives", { timeout: 240_000 }, async () => {
    await runOnEachDialect("load");
  });

  it("after kill -9 mid-load and a restart on the same data, no acknowledged case is lost or half-written, and the orphan sweep keeps every named file", { timeout: 240_000 }, async () => {
    await runOnEachDialect("sigkill");
  });

  it("e-mails queued while SMTP is down are retried and all arrive once it is back, none dead", { timeout: 240_000 }, async () => {
    await runOnEachDialect("smtp-outage");
  });
});
