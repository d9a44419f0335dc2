import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

/**
 * A throwaway PostgreSQL for the test run: initdb into a temporary directory, pg_ctl start on a free
 * loopback port, and stop + delete at the end. Nothing is pre-started on CI machines.
 * initdb refuses to run as root, so as root the server runs as the `postgres` system user.
 */
export interface PostgresServer {
  url: string;
  port: number;
  stop(): void;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

/**
 * initdb and pg_ctl: from PATH when they are there, else from Debian's versioned directory
 * (the postgresql package does not put them on PATH).
 */
function postgresBinary(name: "initdb" | "pg_ctl"): string {
  if (spawnSync("sh", ["-c", `command -v ${name}`]).status === 0) return name;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(root, version, "bin", name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} was not found: install PostgreSQL (Debian: apt-get install postgresql)`);
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined) {
  const result = spawnSync(command, args, { uid: user?.uid, gid: user?.gid, encoding: "utf8", cwd: os.tmpdir() });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout || String(result.error)}`);
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const user = postgresUser();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-pg-"));
  if (user) fs.chownSync(directory, user.uid, user.gid);
  const dataDirectory = path.join(directory, "data");
  const port = await freePort();
  run(postgresBinary("initdb"), ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], user);
  // Durability settings off: this cluster lives for one test run and is deleted after it.
  const options = [`-p ${port}`, "-c listen_addresses=127.0.0.1", `-k ${directory}`, "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200"].join(" ");
  run(postgresBinary("pg_ctl"), ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", path.join(directory, "server.log"), "-o", options], user);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      spawnSync(postgresBinary("pg_ctl"), ["stop", "-m", "immediate", "-D", dataDirectory], { uid: user?.uid, gid: user?.gid, cwd: os.tmpdir() });
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
