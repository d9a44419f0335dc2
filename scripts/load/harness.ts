import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseConfig } from "../../app/config.server";
import { loadSecrets } from "../../app/crypto/secrets.server";
import { createLogger } from "../../app/logging/logger.server";
import { createThrottles, type AppServices } from "../../app/services.server";
import { createDb, type Dialect } from "../../db/connect";
import { freePort } from "../../tests/support/free-port";
import { databaseUrl, startPostgres, type PostgresServer } from "../../tests/support/postgres-server";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../../tests/support/smtp-server";

/*
 * The pieces a load or fault run needs, all real and all on loopback: the production server in a
 * child process that can be killed with SIGKILL and started again on the same port, data directory
 * and database; an SMTP server that can go down and come back on the same port; a throwaway
 * PostgreSQL.
 */

const repositoryRoot = path.resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  baseUrl: string;
  dataDirectory: string;
  logFile: string;
  environment: Record<string, string>;
  /** Starts the server (again) with the same settings; resolves once /healthz answers. */
  start(): Promise<void>;
  /** kill -9: no shutdown handler runs, nothing is flushed or closed. */
  killHard(): Promise<void>;
  /** SIGTERM, as an operator would. */
  stop(): Promise<void>;
  /** Stops it and deletes its data directory. */
  dispose(): Promise<void>;
}

export async function createServerProcess(settings: { databaseUrl?: string; smtpUrl: string; extra?: Record<string, string> }): Promise<ServerProcess> {
  if (!fs.existsSync(path.join(repositoryRoot, "build/server/index.js"))) throw new Error("The load runs use the production build: run `npm run build` first.");
  const port = await freePort();
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-load-"));
  const logFile = path.join(dataDirectory, "server.log");
  const baseUrl = `http://127.0.0.1:${port}`;
  const environment: Record<string, string> = {
    NODE_ENV: "production",
    // "test" allows the demo staff, whose team notifications double the mail traffic; the
    // argon2 parameters stay at the production defaults, the costliest part of a filing.
    APP_ENV: "test",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_BASE_URL: baseUrl,
    DATA_DIR: dataDirectory,
    DATABASE_URL: settings.databaseUrl ?? `file:${path.join(dataDirectory, "prongsai.db")}`,
    ENCRYPTION_KEYS: `load:${crypto.randomBytes(32).toString("base64")}`,
    ENCRYPTION_ACTIVE_KEY_ID: "load",
    TRACKING_LOOKUP_SECRET: crypto.randomBytes(32).toString("base64url"),
    SEED_DEMO_DATA: "true",
    SMTP_URL: settings.smtpUrl,
    MAIL_DISPATCH_INTERVAL_SECONDS: "1",
    SLA_SWEEP_IN_PROCESS: "false",
    // Behind a proxy each reporter has an address of their own; the load gives every filing one
    // (a single X-Forwarded-For entry, as one proxy would write it), so the per-client filing
    // allowance (20 an hour) is not what is measured.
    TRUST_PROXY: "1",
    ...settings.extra,
  };
  let child: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();

  const start = async () => {
    const log = fs.openSync(logFile, "a");
    const spawned: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...environment },
      stdio: ["ignore", log, log],
    });
    fs.closeSync(log);
    child = spawned;
    exited = new Promise((resolve) => spawned.once("exit", resolve));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (spawned.exitCode !== null || spawned.signalCode !== null) throw new Error(`The server exited before answering; see ${logFile}`);
      const healthy = await fetch(`${baseUrl}/healthz`).then((response) => response.ok, () => false);
      if (healthy) return;
      if (Date.now() > deadline) {
        spawned.kill("SIGKILL");
        throw new Error(`The server did not answer /healthz within 90 s; see ${logFile}`);
      }
      await sleep(200);
    }
  };
  const stopWith = async (signal: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child?.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    baseUrl,
    dataDirectory,
    logFile,
    environment,
    start,
    killHard: () => stopWith("SIGKILL"),
    stop: () => stopWith("SIGTERM"),
    async dispose() {
      await stopWith("SIGTERM");
      if (!process.env.LOAD_KEEP_DATA) fs.rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** The server's services, built in this process from its settings, to inspect what it stored. */
export function servicesOf(server: ServerProcess): AppServices {
  const config = parseConfig({ ...server.environment, LOG_LEVEL: "silent" });
  const logger = createLogger(config.logLevel);
  const { db, dialect } = createDb(config.databaseUrl, { poolSize: 4 });
  // The checks read nothing through the reports' connection: the one connection is enough.
  return { config, db, reportDb: db, dialect, secrets: loadSecrets(config, () => undefined), logger, throttles: createThrottles() };
}

/**
 * An SMTP server that keeps one list of everything it accepted across outages, and can be stopped
 * and started again on the same port: the app's SMTP_URL stays what it was.
 */
export interface RestartableSmtp {
  url: string;
  readonly messages: ReceivedMail[];
  readonly up: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startRestartableSmtp(): Promise<RestartableSmtp> {
  const earlier: ReceivedMail[] = [];
  let current: TestSmtpServer | undefined = await startSmtpServer();
  const port = current.port;
  return {
    url: current.url,
    get messages() {
      return [...earlier, ...(current?.messages ?? [])];
    },
    get up() {
      return current !== undefined;
    },
    async stop() {
      if (!current) return;
      const stopping = current;
      current = undefined;
      earlier.push(...stopping.messages);
      await stopping.stop();
    },
    async start() {
      if (current) return;
      current = await startSmtpServer({ port });
    },
  };
}

/** A database on the run's PostgreSQL, new for each scenario. */
export class PostgresDatabases {
  private constructor(
    private readonly server: PostgresServer,
    private count = 0,
  ) {}

  static async start(): Promise<PostgresDatabases> {
    return new PostgresDatabases(await startPostgres());
  }

  async create(): Promise<string> {
    this.count += 1;
    const name = `prongsai_load_${this.count}`;
    const client = new pg.Client({ connectionString: this.server.url });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    return databaseUrl(this.server.url, name);
  }

  stop() {
    this.server.stop();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type { Dialect };
