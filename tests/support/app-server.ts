import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { freePort } from "./free-port";

/**
 * The real server (server.ts over the production build) in a child process, on a free loopback
 * port with its own data directory, as browser and HTTP tests need it.
 */
export interface AppServer {
  baseUrl: string;
  dataDirectory: string;
  logFile: string;
  /** The settings it runs with (keys included), so a test can act on its data as the server would. */
  environment: Record<string, string>;
  stop(): Promise<void>;
}

export async function startAppServer(environment: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-server-"));
  const logFile = path.join(dataDirectory, "server.log");
  const log = fs.openSync(logFile, "a");
  const settings: Record<string, string> = {
    NODE_ENV: "production",
    APP_ENV: "test",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDirectory,
    DATABASE_URL: `file:${path.join(dataDirectory, "prongsai.db")}`,
    ENCRYPTION_KEYS: `e2e:${crypto.randomBytes(32).toString("base64")}`,
    ENCRYPTION_ACTIVE_KEY_ID: "e2e",
    TRACKING_LOOKUP_SECRET: crypto.randomBytes(32).toString("base64url"),
    ARGON2_MEMORY_KIB: "1024",
    ARGON2_TIME_COST: "1",
    SEED_DEMO_DATA: "true",
    MAIL_DISPATCH_INTERVAL_SECONDS: "1",
    // The demo data holds overdue cases: a sweep in the background would escalate them while tests
    // count things. Tests that need a sweep run it themselves through the services.
    SLA_SWEEP_IN_PROCESS: "false",
    // As behind one reverse proxy: the right-most X-Forwarded-For entry (the one a proxy appends) is
    // the client's, and must still never be kept. Without the header, the client is the socket's address.
    TRUST_PROXY: "1",
    ...environment,
  };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...settings },
    stdio: ["ignore", log, log],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await Promise.race([exited.then((code) => ({ exited: code })), new Promise<undefined>((resolve) => setTimeout(resolve, 200))]);
    if (state) throw new Error(`The server exited (${state.exited}) before answering:\n${fs.readFileSync(logFile, "utf8")}`);
    const healthy = await fetch(`${baseUrl}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not answer /healthz within 60 s:\n${fs.readFileSync(logFile, "utf8")}`);
    }
  }
  return {
    baseUrl,
    dataDirectory,
    logFile,
    environment: settings,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.closeSync(log);
      fs.rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
